import KubeModels

/// One page of a LIST.
package struct ListPage: Sendable {
    /// The selected objects of this page, in key order.
    package var items: [StoredObject]
    /// The list's resourceVersion (of the first page, for continued lists).
    package var resourceVersion: Int64
    /// Token for the next page, when there is one.
    package var continueToken: String?
    /// How many selected objects follow this page.
    package var remainingItemCount: Int64?
}

extension SimulatedCluster {
    /// Reads one object.
    /// - Throws: ``APIError`` 404 when absent.
    package func get(_ resource: APIResource, namespace: String?, name: String) throws(APIError) -> StoredObject {
        guard let object = store.object(resource.groupResource, ObjectKey(namespace: namespace ?? "", name: name)) else {
            throw APIError.notFound(resource.groupResource, name: name)
        }
        return object
    }

    /// Lists a collection (one namespace or all), filtered by selectors, optionally paged.
    ///
    /// Continued pages are served from a snapshot taken at the first page, so a paged list is as
    /// consistent as one etcd read; when the snapshot has been evicted the continuation reads the
    /// current state after the last key (documented simplification).
    /// - Throws: ``APIError`` 400 for a bad continue token, 410 when the token's version is too old.
    package func list(_ resource: APIResource, namespace: String?, options: ListOptions) throws(APIError) -> ListPage {
        let groupResource = resource.groupResource
        let filter = ObjectFilter(namespace: namespace, labels: options.labelSelector, fields: options.fieldSelector)
        var candidates: [StoredObject]
        var listVersion: Int64
        var startAfter: ObjectKey?
        if let text = options.continueToken, !text.isEmpty {
            let token = try ContinueToken(decoding: text)
            if let snapshot = listSnapshots.snapshot(groupResource, resourceVersion: token.resourceVersion) {
                candidates = snapshot
            } else if token.resourceVersion < store.oldestResumableVersion(groupResource) {
                throw APIError.expired(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."
                )
            } else {
                candidates = store.objects(groupResource)
            }
            listVersion = token.resourceVersion
            startAfter = token.lastKey
        } else {
            listVersion = store.resourceVersion
            if let limit = options.limit, limit > 0 {
                candidates = store.objects(groupResource)
                listSnapshots.save(groupResource, resourceVersion: listVersion, objects: candidates)
            } else {
                candidates = store.objects(groupResource, namespace: namespace)
            }
        }
        var startIndex = 0
        if let startAfter {
            var low = 0
            var high = candidates.count
            while low < high {
                let mid = (low + high) / 2
                if candidates[mid].key <= startAfter { low = mid + 1 } else { high = mid }
            }
            startIndex = low
        }
        let limit = (options.limit ?? 0) > 0 ? options.limit! : Int.max
        var items: [StoredObject] = []
        var index = startIndex
        while index < candidates.count, items.count < limit {
            if filter.matches(candidates[index]) { items.append(candidates[index]) }
            index += 1
        }
        var page = ListPage(items: items, resourceVersion: listVersion)
        if items.count == limit {
            let remaining = candidates[index...].reduce(into: Int64(0)) { count, object in
                if filter.matches(object) { count += 1 }
            }
            if remaining > 0, let last = items.last {
                page.continueToken = ContinueToken(resourceVersion: listVersion, lastKey: last.key).encoded
                page.remainingItemCount = remaining
            }
        }
        return page
    }
}

/// Recent full-collection snapshots taken at the first page of paged LISTs, so later pages read the
/// same state. Bounded: the oldest snapshot is evicted first.
package struct ListSnapshotCache: Sendable {
    private var entries: [(resource: GroupResource, resourceVersion: Int64, objects: [StoredObject])] = []
    /// How many snapshots are kept.
    package static let capacity = 8

    /// Creates an empty cache.
    package init() {}

    /// Saves a snapshot.
    package mutating func save(_ resource: GroupResource, resourceVersion: Int64, objects: [StoredObject]) {
        entries.removeAll { $0.resource == resource && $0.resourceVersion == resourceVersion }
        entries.append((resource, resourceVersion, objects))
        if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
    }

    /// The snapshot of `resource` at `resourceVersion`, if still cached.
    package func snapshot(_ resource: GroupResource, resourceVersion: Int64) -> [StoredObject]? {
        entries.last { $0.resource == resource && $0.resourceVersion == resourceVersion }?.objects
    }
}
