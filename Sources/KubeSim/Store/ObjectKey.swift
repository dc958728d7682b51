/// Identifies a storage collection independently of API version: `daemonsets.apps`, `pods`.
package struct GroupResource: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// API group; empty for the core group.
    package var group: String
    /// Lower-case plural resource name.
    package var resource: String

    /// Creates a group-resource.
    package init(group: String, resource: String) {
        self.group = group
        self.resource = resource
    }

    /// `resource.group`, or `resource` for the core group, as the API server names it in messages.
    package var description: String { group.isEmpty ? resource : "\(resource).\(group)" }

    /// Orders by group, then resource.
    package static func < (lhs: GroupResource, rhs: GroupResource) -> Bool {
        (lhs.group, lhs.resource) < (rhs.group, rhs.resource)
    }
}

/// Identifies an object inside one collection: namespace (empty for cluster-scoped) and name.
///
/// Ordered by namespace then name, which is the order etcd keys and therefore LIST results have.
package struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The namespace, or `""` for cluster-scoped objects.
    package var namespace: String
    /// The object name.
    package var name: String

    /// Creates a key.
    package init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// Orders by namespace, then name.
    package static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        lhs.namespace == rhs.namespace ? lhs.name < rhs.name : lhs.namespace < rhs.namespace
    }

    /// `namespace/name`, or `name` when cluster-scoped.
    package var description: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

/// A stored object's full address: collection and key.
package struct ObjectReference: Sendable, Hashable, CustomStringConvertible {
    /// The collection.
    package var resource: GroupResource
    /// The key inside the collection.
    package var key: ObjectKey

    /// Creates a reference.
    package init(resource: GroupResource, key: ObjectKey) {
        self.resource = resource
        self.key = key
    }

    /// `resource namespace/name`.
    package var description: String { "\(resource) \(key)" }
}
