import KubeModels

/// One object the operator applies, with the component it belongs to.
package struct RenderedObject: Sendable, Hashable {
    package var component: Component
    package var resourceType: ResourceType
    /// The complete object, labels and hash annotation included (no ownerReferences: those are added
    /// at apply time, when the ClusterPolicy's uid is known).
    package var body: JSONValue

    /// Creates a rendered object.
    package init(component: Component, resourceType: ResourceType, body: JSONValue) {
        self.component = component
        self.resourceType = resourceType
        self.body = body
    }

    /// `metadata.name`.
    package var name: String { body[path: ["metadata", "name"]]?.stringValue ?? "" }
    /// `metadata.namespace`, for namespaced objects.
    package var namespace: String? { body[path: ["metadata", "namespace"]]?.stringValue }
    /// The hash annotation's value.
    package var hash: String? { body[path: ["metadata", "annotations", OwnershipLabels.hashAnnotation]]?.stringValue }
    /// Whether the operator owns (labels, prunes, garbage-collects) this object; the operator's own
    /// Namespace is applied but never owned.
    package var isOwned: Bool { resourceType != .namespaces }
    /// `Kind/namespace/name`, for messages.
    package var reference: String {
        namespace.map { "\(resourceType.kind)/\($0)/\(name)" } ?? "\(resourceType.kind)/\(name)"
    }
}

/// What a render produces.
package struct RenderResult: Sendable {
    /// Every object to apply, in apply order.
    package var objects: [RenderedObject]
    /// Components the policy enables, in apply order.
    package var enabledComponents: [Component]

    /// The objects of one component.
    package func objects(of component: Component) -> [RenderedObject] { objects.filter { $0.component == component } }
}
