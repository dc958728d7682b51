/// A token bucket whose rate adapts to the server: the client's rate limiter, as a pure value.
///
/// ``reserve(at:)`` takes one token and says how long the caller must wait for it (tokens may go
/// negative, which queues callers fairly, as Go's `rate.Limiter.Reserve` does). ``slowDown(at:)``
/// reacts to a 429 by halving the rate and emptying the bucket; ``recordSuccess()`` raises the rate
/// back by 2% of the configured rate per successful request (additive increase, multiplicative
/// decrease).
package struct TokenBucket: Sendable, Hashable {
    /// The rate the bucket returns to when the server is healthy, in tokens per second.
    package let configuredRate: Double
    /// The bucket size.
    package let burst: Double
    /// The lowest rate ``slowDown(at:)`` goes to.
    package let minimumRate: Double
    /// The current rate, in tokens per second.
    package private(set) var rate: Double
    /// Tokens available now (negative when callers are queued).
    package private(set) var tokens: Double
    private var updatedAt: Duration

    /// Creates a full bucket.
    /// - Parameters:
    ///   - rate: tokens per second; `0` or less means unlimited.
    ///   - burst: the bucket size (at least 1).
    ///   - now: the current time.
    package init(rate: Double, burst: Int, now: Duration = .zero) {
        configuredRate = rate
        self.burst = Double(max(1, burst))
        minimumRate = max(1, rate / 64)
        self.rate = rate
        tokens = Double(max(1, burst))
        updatedAt = now
    }

    /// Whether the bucket limits anything.
    package var isUnlimited: Bool { configuredRate <= 0 }

    /// Takes one token.
    /// - Parameter now: the current time.
    /// - Returns: how long the caller must wait before sending; zero when a token was available.
    package mutating func reserve(at now: Duration) -> Duration {
        guard !isUnlimited else { return .zero }
        refill(at: now)
        tokens -= 1
        return tokens >= 0 ? .zero : .seconds(fractional: -tokens / rate)
    }

    /// Reacts to the server throttling us (429): halves the rate and empties the bucket.
    /// - Parameter now: the current time.
    package mutating func slowDown(at now: Duration) {
        guard !isUnlimited else { return }
        refill(at: now)
        rate = max(minimumRate, rate / 2)
        tokens = min(tokens, 0)
    }

    /// Raises the rate a little toward the configured rate after a successful request.
    package mutating func recordSuccess() {
        guard !isUnlimited, rate < configuredRate else { return }
        rate = min(configuredRate, rate + max(0.5, configuredRate * 0.02))
    }

    private mutating func refill(at now: Duration) {
        let elapsed = max(0, (now - updatedAt).inSeconds)
        tokens = min(burst, tokens + elapsed * rate)
        updatedAt = max(updatedAt, now)
    }
}
