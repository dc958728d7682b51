/// A pod template: metadata plus a pod spec.
package struct PodTemplateSpec: Codable, Sendable, Hashable {
    package var metadata: ObjectMeta?
    package var spec: PodSpec

    /// Creates a template.
    package init(metadata: ObjectMeta? = nil, spec: PodSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// The parts of a pod spec the operator's templates use. Fields not listed here are not used by any
/// template; a test keeps every template decodable without loss.
package struct PodSpec: Codable, Sendable, Hashable {
    package var initContainers: [Container]?
    package var containers: [Container]
    package var volumes: [Volume]?
    package var nodeSelector: [String: String]?
    package var nodeName: String?
    package var serviceAccountName: String?
    package var serviceAccount: String?
    package var automountServiceAccountToken: Bool?
    package var hostNetwork: Bool?
    package var hostPID: Bool?
    package var hostIPC: Bool?
    package var shareProcessNamespace: Bool?
    package var dnsPolicy: String?
    package var priorityClassName: String?
    package var runtimeClassName: String?
    package var restartPolicy: String?
    package var terminationGracePeriodSeconds: Int64?
    package var tolerations: [Toleration]?
    package var affinity: JSONValue?
    package var securityContext: JSONValue?
    package var imagePullSecrets: [LocalObjectReference]?
    /// Dynamic resource allocation claims (`resourceClaims`), kept as they are.
    package var resourceClaims: JSONValue?

    /// Creates a pod spec with these containers.
    package init(containers: [Container]) { self.containers = containers }
}

/// A reference to an object by name in the same namespace.
package struct LocalObjectReference: Codable, Sendable, Hashable {
    package var name: String

    /// Creates a reference.
    package init(name: String) { self.name = name }
}

/// A toleration of a node taint.
package struct Toleration: Codable, Sendable, Hashable {
    package var key: String?
    /// `Exists` or `Equal`.
    package var `operator`: String?
    package var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    package var effect: String?
    package var tolerationSeconds: Int64?

    /// Creates a toleration.
    package init(key: String? = nil, operator: String? = nil, value: String? = nil, effect: String? = nil, tolerationSeconds: Int64? = nil) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }
}
