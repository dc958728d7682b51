import Synchronization

/// Applies ``FlowControlSettings`` to live requests: a shared adaptive ``TokenBucket`` and a bound on
/// concurrent requests. One instance is shared by every copy of a ``KubeClient``.
package final class FlowController: Sendable {
    private let bucket: Mutex<TokenBucket>
    private let concurrency: AsyncSemaphore
    private let time: TimeSource

    /// Creates a controller.
    /// - Parameters:
    ///   - settings: rate, burst and concurrency.
    ///   - time: the clock waits are measured and slept on.
    package init(settings: FlowControlSettings, time: TimeSource) {
        bucket = Mutex(TokenBucket(rate: settings.queriesPerSecond, burst: settings.burst, now: time.now()))
        concurrency = AsyncSemaphore(permits: settings.maximumConcurrentRequests)
        self.time = time
    }

    /// The current (possibly reduced) rate in requests per second.
    package var currentRate: Double { bucket.withLock { $0.rate } }

    /// Waits for a rate-limit token only (used to start watches, which hold no concurrency permit).
    /// - Throws: `CancellationError`.
    package func waitForToken() async throws {
        let now = time.now()
        let wait = bucket.withLock { $0.reserve(at: now) }
        if wait > .zero { try await time.sleep(wait) }
    }

    /// Runs `body` once a token and a concurrency permit are available; the permit is returned after.
    /// - Throws: `CancellationError` while waiting, or what `body` throws.
    package func withPermit<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await waitForToken()
        try await concurrency.acquire()
        defer { concurrency.release() }
        return try await body()
    }

    /// Records a 429 from the server: slows the shared rate down.
    package func recordThrottled() {
        let now = time.now()
        bucket.withLock { $0.slowDown(at: now) }
    }

    /// Records a successful request: lets the rate recover.
    package func recordSuccess() {
        bucket.withLock { $0.recordSuccess() }
    }
}
