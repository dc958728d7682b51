import KubeModels

/// One committed change, as kept in a resource's history and delivered to watchers.
package struct StoredEvent: Sendable {
    /// `ADDED`, `MODIFIED` or `DELETED`.
    package var type: WatchEventType
    /// The collection that changed.
    package var resource: GroupResource
    /// The object after the change; for `DELETED`, its last state stamped with the deletion's version.
    package var object: StoredObject
    /// The object before the change (`nil` for `ADDED`), so selector watches can turn a change that
    /// moves an object out of (or into) the selection into `DELETED` (or `ADDED`).
    package var previous: StoredObject?

    /// Creates an event.
    package init(type: WatchEventType, resource: GroupResource, object: StoredObject, previous: StoredObject?) {
        self.type = type
        self.resource = resource
        self.object = object
        self.previous = previous
    }

    /// The resourceVersion of the change.
    package var resourceVersion: Int64 { object.resourceVersion }
}

/// The most recent events of one collection, bounded by a capacity, for resuming watches.
///
/// A watch may resume from resourceVersion `rv` exactly when no event newer than `rv` has been
/// evicted, i.e. `rv >= evictedThrough`. Appending is O(1) amortised; finding the resume point is a
/// binary search.
package struct EventHistory: Sendable {
    private var buffer: [StoredEvent?]
    private var head = 0
    private(set) var count = 0
    /// The highest resourceVersion that has been evicted (0 when nothing was).
    package private(set) var evictedThrough: Int64 = 0

    /// Creates an empty history holding at most `capacity` events.
    package init(capacity: Int) {
        buffer = Array(repeating: nil, count: max(capacity, 1))
    }

    /// The maximum number of events kept.
    package var capacity: Int { buffer.count }

    /// Appends an event, evicting the oldest when full.
    package mutating func append(_ event: StoredEvent) {
        if count == buffer.count {
            if let oldest = buffer[head] { evictedThrough = max(evictedThrough, oldest.resourceVersion) }
            buffer[head] = event
            head = (head + 1) % buffer.count
        } else {
            buffer[(head + count) % buffer.count] = event
            count += 1
        }
    }

    /// Changes the capacity, evicting the oldest events if it shrinks.
    package mutating func resize(to capacity: Int) {
        let kept = Array(all().suffix(max(capacity, 1)))
        if let firstKept = kept.first {
            for event in all() where event.resourceVersion < firstKept.resourceVersion {
                evictedThrough = max(evictedThrough, event.resourceVersion)
            }
        }
        buffer = Array(repeating: nil, count: max(capacity, 1))
        head = 0
        count = 0
        for event in kept { append(event) }
    }

    /// Forgets every event up to and including `resourceVersion`, as if they had been evicted.
    package mutating func expire(through resourceVersion: Int64) {
        evictedThrough = max(evictedThrough, resourceVersion)
        let kept = all().filter { $0.resourceVersion > resourceVersion }
        buffer = Array(repeating: nil, count: buffer.count)
        head = 0
        count = 0
        for event in kept { append(event) }
    }

    /// Every event, oldest first.
    package func all() -> [StoredEvent] {
        (0..<count).compactMap { buffer[(head + $0) % buffer.count] }
    }

    /// The events newer than `resourceVersion`, oldest first.
    /// - Returns: `nil` when some of them have been evicted (the caller answers 410 Gone).
    package func events(after resourceVersion: Int64) -> [StoredEvent]? {
        guard resourceVersion >= evictedThrough else { return nil }
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if let event = buffer[(head + mid) % buffer.count], event.resourceVersion <= resourceVersion {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return (low..<count).compactMap { buffer[(head + $0) % buffer.count] }
    }
}
