import KubeModels

/// The state of every collection: objects, a global monotonic resourceVersion, per-collection
/// event histories for watch resumption, and the indexes garbage collection needs.
///
/// A pure value type: it never performs I/O, and each mutation returns the ``StoredEvent`` it
/// committed so the owner (``SimulatedCluster``) can fan it out to watchers.
package struct ObjectStore: Sendable {
    /// The resourceVersion of the last committed change.
    package private(set) var resourceVersion: Int64 = 1
    private var collections: [GroupResource: ObjectCollection] = [:]
    private var histories: [GroupResource: EventHistory] = [:]
    /// The number of events kept per collection.
    package private(set) var historyCapacity: Int
    /// Where each live object is, by `metadata.uid`.
    package private(set) var uidIndex: [String: ObjectReference] = [:]
    /// The objects whose ownerReferences name a uid, by that uid (the owner may no longer exist).
    package private(set) var dependents: [String: Set<ObjectReference>] = [:]

    /// Creates an empty store.
    /// - Parameter historyCapacity: events kept per collection for watch resumption.
    package init(historyCapacity: Int) {
        self.historyCapacity = max(historyCapacity, 1)
    }

    /// The object at `key` in `resource`.
    package func object(_ resource: GroupResource, _ key: ObjectKey) -> StoredObject? {
        collections[resource]?[key]
    }

    /// The object with a given uid.
    package func object(uid: String) -> (ObjectReference, StoredObject)? {
        guard let reference = uidIndex[uid], let object = object(reference.resource, reference.key) else { return nil }
        return (reference, object)
    }

    /// The number of objects in a collection.
    package func count(_ resource: GroupResource) -> Int { collections[resource]?.count ?? 0 }

    /// The sorted keys of a collection, optionally restricted to one namespace.
    package mutating func sortedKeys(_ resource: GroupResource, namespace: String?) -> ArraySlice<ObjectKey> {
        guard collections[resource] != nil else { return [] }
        return collections[resource]!.sortedKeys(inNamespace: namespace)
    }

    /// The objects of a collection in key order, optionally restricted to one namespace.
    package mutating func objects(_ resource: GroupResource, namespace: String? = nil) -> [StoredObject] {
        let keys = sortedKeys(resource, namespace: namespace)
        guard let collection = collections[resource] else { return [] }
        return keys.compactMap { collection[$0] }
    }

    /// Writes an object (create or replace), stamping the next resourceVersion into its metadata.
    /// - Parameters:
    ///   - resource: the collection.
    ///   - value: the complete object; `metadata.namespace`/`name` give its key.
    /// - Returns: the committed event (`ADDED` or `MODIFIED`).
    @discardableResult
    package mutating func put(_ resource: GroupResource, _ value: JSONValue) -> StoredEvent {
        resourceVersion += 1
        let stored = StoredObject(
            value: value.setting(["metadata", "resourceVersion"], to: .string(String(resourceVersion))),
            resourceVersion: resourceVersion)
        let previous = collections[resource, default: ObjectCollection()][stored.key]
        collections[resource, default: ObjectCollection()].put(stored)
        let reference = ObjectReference(resource: resource, key: stored.key)
        if let previous, previous.uid != stored.uid { uidIndex[previous.uid] = nil }
        if !stored.uid.isEmpty { uidIndex[stored.uid] = reference }
        reindexOwners(reference, old: previous, new: stored)
        let event = StoredEvent(type: previous == nil ? .added : .modified, resource: resource, object: stored, previous: previous)
        record(event)
        return event
    }

    /// Removes an object.
    /// - Returns: the `DELETED` event, whose object carries the deletion's resourceVersion; `nil` when
    ///   nothing was stored under `key`.
    /// - Parameter finalValue: the last state to report (e.g. with its finalizers removed); the stored
    ///   version when `nil`.
    @discardableResult
    package mutating func remove(_ resource: GroupResource, _ key: ObjectKey, finalValue: JSONValue? = nil) -> StoredEvent? {
        guard let removed = collections[resource]?.remove(key) else { return nil }
        resourceVersion += 1
        let last = finalValue ?? removed.value
        let stamped = StoredObject(
            value: last.setting(["metadata", "resourceVersion"], to: .string(String(resourceVersion))),
            resourceVersion: resourceVersion)
        let reference = ObjectReference(resource: resource, key: key)
        if uidIndex[removed.uid] == reference { uidIndex[removed.uid] = nil }
        reindexOwners(reference, old: removed, new: nil)
        let event = StoredEvent(type: .deleted, resource: resource, object: stamped, previous: removed)
        record(event)
        return event
    }

    /// Drops a collection entirely without events (used when its CRD is gone and every object was
    /// already deleted).
    package mutating func dropCollection(_ resource: GroupResource) {
        collections[resource] = nil
        histories[resource] = nil
    }

    /// Forgets the dependents entry of an owner uid once garbage collection has handled it.
    package mutating func forgetDependents(ofOwner uid: String) {
        dependents[uid] = nil
    }

    /// The events of `resource` newer than `resourceVersion`, or `nil` when some were evicted.
    package func events(_ resource: GroupResource, after resourceVersion: Int64) -> [StoredEvent]? {
        guard let history = histories[resource] else { return [] }
        return history.events(after: resourceVersion)
    }

    /// The oldest resourceVersion a watch on `resource` may still resume from.
    package func oldestResumableVersion(_ resource: GroupResource) -> Int64 {
        histories[resource]?.evictedThrough ?? 0
    }

    /// Changes how many events each collection keeps, evicting the oldest where it shrinks.
    package mutating func setHistoryCapacity(_ capacity: Int) {
        historyCapacity = max(capacity, 1)
        for key in histories.keys { histories[key]!.resize(to: historyCapacity) }
    }

    /// Expires every history up to the current resourceVersion, so that any watch resuming from an
    /// older version gets 410 Gone (as after an etcd compaction).
    package mutating func compactHistory() {
        for key in histories.keys { histories[key]!.expire(through: resourceVersion) }
    }

    private mutating func record(_ event: StoredEvent) {
        histories[event.resource, default: EventHistory(capacity: historyCapacity)].append(event)
    }

    private mutating func reindexOwners(_ reference: ObjectReference, old: StoredObject?, new: StoredObject?) {
        let oldOwners = Set(old?.ownerReferences.map(\.uid) ?? [])
        let newOwners = Set(new?.ownerReferences.map(\.uid) ?? [])
        guard oldOwners != newOwners || new == nil else { return }
        for uid in oldOwners.subtracting(newOwners) {
            dependents[uid]?.remove(reference)
            if dependents[uid]?.isEmpty == true { dependents[uid] = nil }
        }
        if new == nil {
            for uid in oldOwners {
                dependents[uid]?.remove(reference)
                if dependents[uid]?.isEmpty == true { dependents[uid] = nil }
            }
        }
        for uid in newOwners.subtracting(oldOwners) { dependents[uid, default: []].insert(reference) }
    }
}
