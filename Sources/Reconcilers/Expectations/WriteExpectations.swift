import Synchronization

/// Our own writes that the watch caches have not shown yet (controller-runtime's and kube-rs's
/// "expectations"). The caches have one writer each — the watch that feeds them — so after a write the
/// loop reads through this record instead of writing into a cache:
///
/// - the writer records the resourceVersion the cache held when it wrote (`before`), the version the
///   server answered (`after`) and what it wrote (`value`);
/// - a reader asks ``pending(_:cachedVersion:now:)``: while the cache still holds `before`, the write is
///   not visible yet and the written value is returned; once the cache holds anything else (our write,
///   or a later one) the entry is dropped and the cache is the truth;
/// - a watch feed asks ``observeEcho(_:version:)``: an event carrying exactly `after` is our own write
///   coming back, which needs no reconcile.
///
/// resourceVersions are opaque strings: they are only ever compared for equality. An entry expires
/// after ``timeout`` (the echo may never come: a re-list skipped it, or the object was replaced), so a
/// lost echo costs at most one timeout of staleness, never a stuck key.
///
/// Thread-safe; one `Mutex` owns the entries. Time is the caller's (monotonic offsets from the loop's
/// `TimeSource`).
package final class WriteExpectations<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var before: String?
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
        entries.withLock { $0[key] = Entry(before: before, after: after, value: value, expiresAt: now + timeout) }
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
            if entry.before == cachedVersion && entry.after != cachedVersion && now < entry.expiresAt { return entry.value }
            entries[key] = nil
            return nil
        }
    }

    /// Whether a watch event with `version` is the echo of our last write of `key`; an echo clears the
    /// entry.
    package func observeEcho(_ key: Key, version: String?) -> Bool {
        entries.withLock { entries in
            guard let entry = entries[key], let version, entry.after == version else { return false }
            entries[key] = nil
            return true
        }
    }

    /// Forgets one key (the object was deleted).
    package func forget(_ key: Key) { entries.withLock { _ = $0.removeValue(forKey: key) } }

    /// Forgets everything (a watch re-listed: the cache is fresh).
    package func forgetAll() { entries.withLock { $0.removeAll() } }

    /// The number of writes not yet seen by the caches.
    package var count: Int { entries.withLock { $0.count } }
}
