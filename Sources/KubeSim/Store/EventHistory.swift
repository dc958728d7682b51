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
    /// The events, oldest at `head` once the buffer is full (it grows up to the capacity first).
    private var buffer: [StoredEvent] = []
    private var head = 0
    /// The maximum number of events kept.
    package private(set) var capacity: Int
    /// The highest resourceVersion that has been evicted (0 when nothing was).
    package private(set) var evictedThrough: Int64 = 0

    /// Creates an empty history holding at most `capacity` events.
    package init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// The number of events kept.
    package var count: Int { buffer.count }

    /// Appends an event, evicting the oldest when full.
    package mutating func append(_ event: StoredEvent) {
        if buffer.count < capacity {
            buffer.append(event)
        } else {
            evictedThrough = max(evictedThrough, buffer[head].resourceVersion)
            buffer[head] = event
            head = (head + 1) % buffer.count
        }
    }

    /// Changes the capacity, evicting the oldest events if it shrinks.
    package mutating func resize(to capacity: Int) {
        let events = all()
        let kept = events.suffix(max(capacity, 1))
        for event in events.prefix(events.count - kept.count) { evictedThrough = max(evictedThrough, event.resourceVersion) }
        self.capacity = max(capacity, 1)
        buffer = Array(kept)
        head = 0
    }

    /// Forgets every event up to and including `resourceVersion`, as if they had been evicted.
    package mutating func expire(through resourceVersion: Int64) {
        evictedThrough = max(evictedThrough, resourceVersion)
        buffer = all().filter { $0.resourceVersion > resourceVersion }
        head = 0
    }

    /// Every event, oldest first.
    package func all() -> [StoredEvent] {
        head == 0 ? buffer : Array(buffer[head...] + buffer[..<head])
    }

    /// The events newer than `resourceVersion`, oldest first.
    /// - Returns: `nil` when some of them have been evicted (the caller answers 410 Gone).
    package func events(after resourceVersion: Int64) -> [StoredEvent]? {
        guard resourceVersion >= evictedThrough else { return nil }
        let total = buffer.count
        var low = 0
        var high = total
        while low < high {
            let mid = (low + high) / 2
            if buffer[(head + mid) % total].resourceVersion <= resourceVersion {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return (low..<total).map { buffer[(head + $0) % total] }
    }
}
