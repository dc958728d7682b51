/// Standard object metadata (`metav1.ObjectMeta`), with every field optional so that synthesized
/// `Codable` omits what is unset: an apply body never carries `creationTimestamp: null`.
package struct ObjectMeta: Codable, Sendable, Hashable {
    package var name: String?
    package var generateName: String?
    package var namespace: String?
    package var uid: String?
    package var resourceVersion: String?
    package var generation: Int64?
    package var creationTimestamp: String?
    package var deletionTimestamp: String?
    package var deletionGracePeriodSeconds: Int64?
    package var labels: [String: String]?
    package var annotations: [String: String]?
    package var ownerReferences: [OwnerReference]?
    package var finalizers: [String]?
    package var managedFields: [JSONValue]?

    /// Creates metadata with the fields a desired object usually sets.
    package init(
        name: String? = nil,
        namespace: String? = nil,
        labels: [String: String]? = nil,
        annotations: [String: String]? = nil,
        ownerReferences: [OwnerReference]? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
    }
}

/// A reference from a dependent object to its owner (`metav1.OwnerReference`).
package struct OwnerReference: Codable, Sendable, Hashable {
    package var apiVersion: String
    package var kind: String
    package var name: String
    package var uid: String
    package var controller: Bool?
    package var blockOwnerDeletion: Bool?

    /// Creates an owner reference.
    package init(
        apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// List metadata (`metav1.ListMeta`).
package struct ListMeta: Codable, Sendable, Hashable {
    package var resourceVersion: String?
    package var `continue`: String?
    package var remainingItemCount: Int64?

    /// Creates list metadata.
    package init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}
