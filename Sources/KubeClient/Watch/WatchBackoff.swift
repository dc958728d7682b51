/// The watcher's retry delay: 0.8 s doubling to 30 s with ±25% jitter, reset after 120 s without a
/// failure (kube-rs `DefaultBackoff` semantics). A pure value; time is passed in.
package struct WatchBackoff: Sendable, Hashable {
    /// The first delay.
    package var initialDelay: Duration = .milliseconds(800)
    /// The largest delay.
    package var maximumDelay: Duration = .seconds(30)
    /// A failure this long after the previous one starts again from ``initialDelay``.
    package var resetAfter: Duration = .seconds(120)
    /// How far jitter moves a delay either way, as a fraction of it.
    package var jitterFraction: Double = 0.25

    private var consecutiveFailures = 0
    private var lastFailureAt: Duration?

    /// Creates the default backoff.
    package init() {}

    /// The delay before retrying after a failure at `now`.
    /// - Parameters:
    ///   - now: the time of the failure.
    ///   - jitter: a random number in `0..<1` (`0.5` means no jitter).
    package mutating func nextDelay(at now: Duration, jitter: Double) -> Duration {
        if let lastFailureAt, now - lastFailureAt >= resetAfter { consecutiveFailures = 0 }
        lastFailureAt = now
        var base = initialDelay.inSeconds
        for _ in 0..<min(consecutiveFailures, 32) where base < maximumDelay.inSeconds { base *= 2 }
        base = min(base, maximumDelay.inSeconds)
        consecutiveFailures += 1
        let factor = 1 + jitterFraction * (2 * min(max(jitter, 0), 1) - 1)
        return .seconds(fractional: min(base * factor, maximumDelay.inSeconds))
    }

    /// Failures since the last reset.
    package var failureCount: Int { consecutiveFailures }
}
