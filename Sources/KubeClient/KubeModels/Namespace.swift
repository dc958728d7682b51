/// A namespace (`v1` `Namespace`).
package struct Namespace: KubeResource, Hashable {
    /// `namespaces` in the core group.
    package static var resourceType: ResourceType { .namespaces }
    /// `v1`.
    package var apiVersion: String? = "v1"
    /// `Namespace`.
    package var kind: String? = "Namespace"
    /// Standard metadata.
    package var metadata: ObjectMeta
    /// Finalizers that must run before the namespace is removed.
    package var spec: NamespaceSpec?
    /// `Active` or `Terminating`.
    package var status: NamespaceStatus?

    /// Creates a namespace.
    package init(metadata: ObjectMeta, spec: NamespaceSpec? = nil, status: NamespaceStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A namespace's spec.
package struct NamespaceSpec: Codable, Sendable, Hashable {
    /// Finalizers, e.g. `kubernetes`.
    package var finalizers: [String]?

    /// Creates a spec.
    package init(finalizers: [String]? = nil) {
        self.finalizers = finalizers
    }
}

/// A namespace's status.
package struct NamespaceStatus: Codable, Sendable, Hashable {
    /// `Active` or `Terminating`.
    package var phase: String?

    /// Creates a status.
    package init(phase: String? = nil) {
        self.phase = phase
    }
}
