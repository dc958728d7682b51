import Synchronization

/// Remembers when an action last ran per key, so it runs at most once per interval.
/// Thread-safe; one `Mutex` owns the state.
package final class Throttle: Sendable {
    private let last = Mutex<[String: Duration]>([:])

    /// Creates a throttle.
    package init() {}

    /// Whether `key` may run now (and if so, records that it did).
    /// - Parameters:
    ///   - key: the action's key.
    ///   - interval: the shortest time between two runs.
    ///   - now: the caller's monotonic time (a `TimeSource` offset).
    package func allow(_ key: String, every interval: Duration, now: Duration) -> Bool {
        last.withLock { last in
            if let previous = last[key], now < previous + interval { return false }
            last[key] = now
            return true
        }
    }
}
