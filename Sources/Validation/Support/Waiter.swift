import KubeClient

/// The outcome of one attempt of a waited-for condition.
package enum Attempt<Value: Sendable>: Sendable {
    /// The condition holds.
    case done(Value)
    /// Not yet, with the reason (reported when the wait gives up).
    case retry(String)
}

/// A bounded (or, with `attempts: nil`, unbounded) retry loop on injected time: tests drive it with
/// a manual clock and never sleep.
package struct Waiter: Sendable {
    /// The clock the loop sleeps on.
    package var time: TimeSource
    /// The pause between attempts.
    package var interval: Duration

    /// Creates a waiter.
    package init(time: TimeSource, interval: Duration) {
        self.time = time
        self.interval = interval
    }

    /// Runs `attempt` until it is done, sleeping `interval` between tries.
    /// - Parameters:
    ///   - what: the condition, for the timeout message.
    ///   - attempts: the most tries; `nil` retries forever (upstream's `WITH_WAIT`).
    ///   - attempt: one try; a thrown error ends the wait at once.
    /// - Returns: the value of the successful try.
    /// - Throws: the attempt's error, ``ValidationError/timedOut(what:seconds:last:)`` after the last
    ///   try, or ``ValidationError/configuration(_:)`` when cancelled.
    package func until<Value: Sendable>(
        _ what: String, attempts: Int?, _ attempt: () async throws(ValidationError) -> Attempt<Value>
    ) async throws(ValidationError) -> Value {
        var tries = 0
        let start = time.now()
        while true {
            tries += 1
            switch try await attempt() {
            case .done(let value):
                return value
            case .retry(let reason):
                if attempts == 1 { throw .notReady(what: what, reason: reason) }
                if let attempts, tries >= attempts {
                    throw .timedOut(what: what, seconds: Int((time.now() - start).inSeconds.rounded()), last: reason)
                }
                do {
                    try await time.sleep(interval)
                } catch {
                    throw .timedOut(what: what + " (cancelled)", seconds: Int((time.now() - start).inSeconds.rounded()), last: reason)
                }
            }
        }
    }
}
