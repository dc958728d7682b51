import Synchronization

/// Our own writes that the watch caches have not shown yet (controller-runtime's and kube-rs's
/// "expectations"). The caches have one writer each — the watch that feeds them — so after a write the
/// loop reads through this record instead of writing into a cache:
///
/// - the writer records the resourceVersion the cache held when it wrote (`before`), the version the
///   server answered (`after`) and what it wrote (`value`);
/// - a reader asks ``pending(_:cachedVersion:now:)``: while the cache still holds `before` — or the
///   version of an earlier write of ours in the same chain, when we wrote twice before the watch caught
///   up — the write is not visible yet and the latest written value is returned; once the cache holds
///   anything else (our latest write, or someone else's) the entry is dropped and the cache is the truth;
/// - a watch feed asks ``observeEcho(_:version:)``: an event carrying the version one of our writes
///   produced is our own write coming back, which needs no reconcile.
///
/// resourceVersions are opaque strings: they are only ever compared for equality. An entry expires
/// after ``timeout`` (the echo may never come: a re-list skipped it, or the object was replaced), so a
/// lost echo costs at most one timeout of staleness, never a stuck key.
///
/// Thread-safe; one `Mutex` owns the entries. Time is the caller's (monotonic offsets from the loop's
/// `TimeSource`).
package final class WriteExpectations<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        /// Versions the cache may still show without having seen our latest write: the one it held
        /// before the first write of the chain, and those our earlier writes of the chain produced.
        var stale: [String?]
        /// The version our latest write produced.
        var after: String?
        var value: Value
        var expiresAt: Duration
    }

    private let entries = Mutex<[Key: Entry]>([:])
    /// How long an unobserved write is trusted over the cache.
    package let timeout: Duration

    /// Creates an empty record.
    /// - Parameter timeout: how long an unobserved write stays pending (default 60 s).
    package init(timeout: Duration = .seconds(60)) { self.timeout = timeout }

    /// Records a write.
    /// - Parameters:
    ///   - key: the object written.
    ///   - before: the resourceVersion the cache held when the write was made (`nil`: not cached).
    ///   - after: the resourceVersion the server answered.
    ///   - value: what the object looks like after the write.
    ///   - now: the loop's monotonic time.
    package func expect(_ key: Key, before: String?, after: String?, value: Value, now: Duration) {
        entries.withLock { entries in
            var stale = [before]
            if let earlier = entries[key], earlier.stale.contains(before), now < earlier.expiresAt {
                stale = earlier.stale + [earlier.after]
            }
            entries[key] = Entry(stale: stale, after: after, value: value, expiresAt: now + timeout)
        }
    }

    /// The written value while the cache has not caught up with the write, else `nil` (and the entry
    /// is forgotten).
    /// - Parameters:
    ///   - key: the object.
    ///   - cachedVersion: the resourceVersion the cache holds now (`nil`: not cached).
    ///   - now: the loop's monotonic time.
    package func pending(_ key: Key, cachedVersion: String?, now: Duration) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            if entry.stale.contains(cachedVersion) && entry.after != cachedVersion && now < entry.expiresAt { return entry.value }
            Self.remove(key, from: &entries)
            return nil
        }
    }

    /// Whether a watch event with `version` is the echo of one of our writes of `key`; the echo of the
    /// latest write clears the entry.
    package func observeEcho(_ key: Key, version: String?) -> Bool {
        entries.withLock { entries in
            guard let entry = entries[key], let version else { return false }
            if entry.after == version {
                Self.remove(key, from: &entries)
                return true
            }
            return entry.stale.dropFirst().contains(version)
        }
    }

    /// Forgets one key (the object was deleted).
    package func forget(_ key: Key) { entries.withLock { Self.remove(key, from: &$0) } }

    /// Removes an entry; an emptied table gives its storage back (a dictionary never shrinks, and a
    /// burst of thousands of node patches must not leave its buckets allocated).
    private static func remove(_ key: Key, from entries: inout [Key: Entry]) {
        entries[key] = nil
        if entries.isEmpty && entries.capacity > 64 { entries = [:] }
    }

    /// The number of writes not yet seen by the caches.
    package var count: Int { entries.withLock { $0.count } }
}
