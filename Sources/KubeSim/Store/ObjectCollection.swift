/// The objects of one collection, with their keys kept sorted for LIST and paging.
package struct ObjectCollection: Sendable {
    /// Objects by key.
    package private(set) var objects: [ObjectKey: StoredObject] = [:]
    private var sortedKeysCache: [ObjectKey]? = []

    /// Creates an empty collection.
    package init() {}

    /// The number of objects.
    package var count: Int { objects.count }

    /// The object stored under `key`.
    package subscript(key: ObjectKey) -> StoredObject? { objects[key] }

    /// Stores `object` under its key, replacing any previous version.
    package mutating func put(_ object: StoredObject) {
        if objects.updateValue(object, forKey: object.key) == nil { sortedKeysCache = nil }
    }

    /// Removes and returns the object under `key`.
    package mutating func remove(_ key: ObjectKey) -> StoredObject? {
        let removed = objects.removeValue(forKey: key)
        if removed != nil { sortedKeysCache = nil }
        return removed
    }

    /// All keys in namespace/name order; O(n log n) after a create or delete, O(1) otherwise.
    package mutating func sortedKeys() -> [ObjectKey] {
        if let sortedKeysCache { return sortedKeysCache }
        let keys = objects.keys.sorted()
        sortedKeysCache = keys
        return keys
    }

    /// The sorted keys of one namespace (or all keys when `namespace` is `nil`).
    package mutating func sortedKeys(inNamespace namespace: String?) -> ArraySlice<ObjectKey> {
        let keys = sortedKeys()
        guard let namespace else { return keys[...] }
        let lower = Self.firstIndex(in: keys) { $0.namespace >= namespace }
        let upper = Self.firstIndex(in: keys) { $0.namespace > namespace }
        return keys[lower..<upper]
    }

    /// The first index in a sorted array where `predicate` holds (it must be monotonic).
    package static func firstIndex(in keys: [ObjectKey], where predicate: (ObjectKey) -> Bool) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if predicate(keys[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
