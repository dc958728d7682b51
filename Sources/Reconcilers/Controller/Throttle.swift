import Synchronization

/// Remembers when an action last ran per key, so it runs at most once per interval.
/// Thread-safe; one `Mutex` owns the state.
package final class Throttle: Sendable {
    private let last = Mutex<[String: ContinuousClock.Instant]>([:])

    /// Creates a throttle.
    package init() {}

    /// Whether `key` may run now (and if so, records that it did).
    package func allow(_ key: String, every interval: Duration, now: ContinuousClock.Instant) -> Bool {
        last.withLock { last in
            if let previous = last[key], now < previous.advanced(by: interval) { return false }
            last[key] = now
            return true
        }
    }
}
