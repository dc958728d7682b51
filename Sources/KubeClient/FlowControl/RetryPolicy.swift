/// When a failed request is sent again, and after how long: a pure decision, unit-tested.
///
/// - 429 (API Priority and Fairness) is retried for every verb, after the server's `Retry-After`
///   when given, else after the exponential backoff.
/// - 5xx (except 501) is retried for idempotent requests, after `max(Retry-After, backoff)`.
/// - A connection that could not be established is retried for every verb (nothing was sent).
/// - Other transport failures (reset, timeout) are retried for idempotent requests only.
/// - TLS failures, 4xx answers and everything else are not retried.
package struct RetryPolicy: Sendable, Hashable {
    /// The most attempts (first try included) for 5xx and transport failures.
    package var maximumAttempts: Int = 5
    /// The most attempts (first try included) while the server answers 429.
    package var maximumThrottledAttempts: Int = 10
    /// The first backoff delay.
    package var initialDelay: Duration = .milliseconds(200)
    /// The largest backoff delay.
    package var maximumDelay: Duration = .seconds(10)
    /// The longest `Retry-After` honoured; longer requests are capped to it.
    package var maximumRetryAfter: Duration = .seconds(120)

    /// Creates the default policy.
    package init() {}

    /// Creates a policy that never retries.
    package static var never: RetryPolicy {
        var policy = RetryPolicy()
        policy.maximumAttempts = 1
        policy.maximumThrottledAttempts = 1
        return policy
    }

    /// What went wrong with one attempt.
    package enum Failure: Sendable, Hashable {
        /// The server answered with a non-2xx status.
        case status(Int, retryAfter: Duration?)
        /// The connection could not be established; the request was not sent.
        case connectFailure
        /// The TLS handshake or certificate verification failed.
        case tlsFailure
        /// The transfer failed after (possibly) sending the request.
        case transport
    }

    /// Decides whether to retry.
    /// - Parameters:
    ///   - failure: what happened.
    ///   - attempt: how many attempts were made so far (1 after the first).
    ///   - isIdempotent: whether sending the request twice is harmless.
    ///   - jitter: a random number in `0..<1`.
    /// - Returns: the delay before the next attempt, or `nil` to give up.
    package func delay(after failure: Failure, attempt: Int, isIdempotent: Bool, jitter: Double) -> Duration? {
        switch failure {
        case .status(429, let retryAfter):
            guard attempt < maximumThrottledAttempts else { return nil }
            return retryAfter.map { min($0, maximumRetryAfter) } ?? backoff(attempt: attempt, jitter: jitter)
        case .status(let code, let retryAfter) where (500...599).contains(code) && code != 501:
            guard isIdempotent, attempt < maximumAttempts else { return nil }
            let backoff = backoff(attempt: attempt, jitter: jitter)
            return max(backoff, retryAfter.map { min($0, maximumRetryAfter) } ?? .zero)
        case .connectFailure:
            guard attempt < maximumAttempts else { return nil }
            return backoff(attempt: attempt, jitter: jitter)
        case .transport:
            guard isIdempotent, attempt < maximumAttempts else { return nil }
            return backoff(attempt: attempt, jitter: jitter)
        case .status, .tlsFailure:
            return nil
        }
    }

    /// `initialDelay × 2^(attempt−1)`, capped at `maximumDelay`, scaled by a jitter factor in
    /// `[0.5, 1.5)` and capped again.
    package func backoff(attempt: Int, jitter: Double) -> Duration {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let base = min(initialDelay.inSeconds * pow2(exponent), maximumDelay.inSeconds)
        let jittered = base * (0.5 + min(max(jitter, 0), 1))
        return .seconds(fractional: min(jittered, maximumDelay.inSeconds))
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }
}
