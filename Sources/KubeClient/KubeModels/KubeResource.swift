/// A Kubernetes object type with a fixed resource collection, usable with typed client calls.
package protocol KubeResource: Codable, Sendable {
    /// The collection this type lives in.
    static var resourceType: ResourceType { get }
    /// The object's metadata.
    var metadata: ObjectMeta { get set }
}

/// A list of objects as the API server returns it (`<Kind>List`).
package struct ObjectList<Item: Codable & Sendable>: Codable, Sendable {
    package var apiVersion: String?
    package var kind: String?
    package var metadata: ListMeta
    package var items: [Item]

    /// Creates a list.
    package init(apiVersion: String? = nil, kind: String? = nil, metadata: ListMeta = ListMeta(), items: [Item]) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.items = items
    }
}

/// The `type` of one watch event line.
package enum WatchEventType: String, Codable, Sendable, Hashable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
    case bookmark = "BOOKMARK"
    case error = "ERROR"
}
