/// Injected time: a monotonic "now" and a sleep, both taken from one `Clock`.
///
/// Everything time-dependent in the client (retry and watch backoff, token re-reads, rate limiting)
/// reads time through this, so tests drive it with a manual clock and never sleep on wall-clock time.
package struct TimeSource: Sendable {
    /// Time elapsed since the source was created, on the injected clock.
    package let now: @Sendable () -> Duration
    /// Suspends for a duration on the injected clock; throws `CancellationError` when cancelled.
    package let sleep: @Sendable (Duration) async throws -> Void

    /// Creates a time source from a clock.
    /// - Parameter clock: e.g. `ContinuousClock()`, or a manual clock in tests.
    package init<C: Clock>(clock: C) where C.Duration == Duration {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleep = { duration in
            guard duration > .zero else {
                try Task.checkCancellation()
                return
            }
            try await clock.sleep(until: clock.now.advanced(by: duration), tolerance: nil)
        }
    }

    /// Real time, from `ContinuousClock`.
    package static var continuous: TimeSource { TimeSource(clock: ContinuousClock()) }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    package var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// A duration from seconds given as a `Double` (negative values become zero).
    package static func seconds(fractional value: Double) -> Duration {
        guard value.isFinite, value > 0 else { return .zero }
        return .nanoseconds(Int64(value * 1e9))
    }
}
