import KubeModels

/// One item a watch stream carries to its HTTP writer.
package enum WatchDelivery: Sendable {
    /// An `ADDED`, `MODIFIED` or `DELETED` event.
    case event(WatchEventType, StoredObject)
    /// A `BOOKMARK` at a resourceVersion; `initialEventsEnd` marks the end of `sendInitialEvents`.
    case bookmark(resourceVersion: Int64, initialEventsEnd: Bool)
}

/// An open watch: the events before it went live, then the live stream.
package struct WatchSubscription: Sendable {
    /// Identifies the watch for bookmarks and cancellation.
    package var id: Int
    /// Events to send first (replayed history or the initial state).
    package var initial: [WatchDelivery]
    /// Live events; finishes when the watch is dropped or falls too far behind.
    package var stream: AsyncStream<WatchDelivery>
}

/// The open watches, indexed by collection, and the fan-out of committed events to them.
///
/// Owned by ``SimulatedCluster``; fan-out is O(watchers of that collection) per event.
package struct WatchRegistry: Sendable {
    /// One open watch: its collection, selection and stream.
    struct Watcher: Sendable {
        /// The watched collection.
        var resource: GroupResource
        /// Which objects it selects.
        var filter: ObjectFilter
        /// Where its deliveries go.
        var continuation: AsyncStream<WatchDelivery>.Continuation
    }

    /// How many undelivered items a watch may buffer before it is closed (its client then resumes
    /// from the last resourceVersion it saw, as with a real API server dropping a slow watcher).
    package static let bufferLimit = 250_000

    private var watchers: [Int: Watcher] = [:]
    private var byResource: [GroupResource: Set<Int>] = [:]
    private var nextID = 0

    /// Creates an empty registry.
    package init() {}

    /// The number of open watches.
    package var count: Int { watchers.count }

    /// Registers a watch and returns its id and stream.
    package mutating func add(resource: GroupResource, filter: ObjectFilter) -> (Int, AsyncStream<WatchDelivery>) {
        nextID += 1
        let (stream, continuation) = AsyncStream.makeStream(of: WatchDelivery.self, bufferingPolicy: .bufferingOldest(Self.bufferLimit))
        watchers[nextID] = Watcher(resource: resource, filter: filter, continuation: continuation)
        byResource[resource, default: []].insert(nextID)
        return (nextID, stream)
    }

    /// Closes and forgets one watch.
    package mutating func remove(_ id: Int) {
        guard let watcher = watchers.removeValue(forKey: id) else { return }
        byResource[watcher.resource]?.remove(id)
        watcher.continuation.finish()
    }

    /// Closes every watch.
    package mutating func removeAll() {
        for id in Array(watchers.keys) { remove(id) }
    }

    /// Delivers a committed event to every watch that selects it.
    package mutating func deliver(_ event: StoredEvent) {
        guard let ids = byResource[event.resource], !ids.isEmpty else { return }
        var overflowed: [Int] = []
        for id in ids {
            guard let watcher = watchers[id], let type = watcher.filter.translate(event) else { continue }
            if case .dropped = watcher.continuation.yield(.event(type, event.object)) { overflowed.append(id) }
        }
        for id in overflowed { remove(id) }
    }

    /// Sends a bookmark to one watch, ordered after every event already delivered to it.
    package mutating func bookmark(_ id: Int, resourceVersion: Int64) {
        guard let watcher = watchers[id] else { return }
        if case .dropped = watcher.continuation.yield(.bookmark(resourceVersion: resourceVersion, initialEventsEnd: false)) {
            remove(id)
        }
    }
}
