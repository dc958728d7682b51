import KubeClient
import Synchronization
import Testing

@Suite("Retry policy, token bucket and concurrency limit")
struct FlowControlTests {
    let policy = RetryPolicy()

    @Test(
        "which failures are retried",
        arguments: [
            (RetryPolicy.Failure.status(503, retryAfter: nil), true, true),
            (.status(503, retryAfter: nil), false, false),
            (.status(500, retryAfter: nil), true, true),
            (.status(501, retryAfter: nil), true, false),
            (.status(429, retryAfter: nil), false, true),
            (.status(429, retryAfter: .seconds(2)), false, true),
            (.status(409, retryAfter: nil), true, false),
            (.status(404, retryAfter: nil), true, false),
            (.connectFailure, false, true),
            (.transport, true, true),
            (.transport, false, false),
            (.tlsFailure, true, false),
        ])
    func retriedFailures(failure: RetryPolicy.Failure, idempotent: Bool, retried: Bool) {
        #expect((policy.delay(after: failure, attempt: 1, isIdempotent: idempotent, jitter: 0.5) != nil) == retried)
    }

    @Test("Retry-After is honoured for 429 and is a floor for 5xx")
    func retryAfter() {
        #expect(policy.delay(after: .status(429, retryAfter: .seconds(3)), attempt: 1, isIdempotent: false, jitter: 0.9) == .seconds(3))
        #expect(policy.delay(after: .status(503, retryAfter: .seconds(3)), attempt: 1, isIdempotent: true, jitter: 0.5) == .seconds(3))
        #expect(policy.delay(after: .status(429, retryAfter: .seconds(600)), attempt: 1, isIdempotent: true, jitter: 0.5) == .seconds(120))
    }

    @Test("backoff doubles from 200 ms, capped at 10 s, with jitter between 0.5x and 1.5x")
    func backoff() {
        let delays = (1...8).map { policy.backoff(attempt: $0, jitter: 0.5) }
        #expect(
            delays == [
                .milliseconds(200), .milliseconds(400), .milliseconds(800), .milliseconds(1600),
                .milliseconds(3200), .milliseconds(6400), .seconds(10), .seconds(10),
            ])
        #expect(policy.backoff(attempt: 1, jitter: 0) == .milliseconds(100))
        #expect(policy.backoff(attempt: 1, jitter: 0.999_999) < .milliseconds(300))
    }

    @Test("attempts are bounded", arguments: [(RetryPolicy.Failure.status(503, retryAfter: nil), 5), (.status(429, retryAfter: nil), 10)])
    func bounded(failure: RetryPolicy.Failure, attempts: Int) {
        #expect(policy.delay(after: failure, attempt: attempts - 1, isIdempotent: true, jitter: 0.5) != nil)
        #expect(policy.delay(after: failure, attempt: attempts, isIdempotent: true, jitter: 0.5) == nil)
    }

    @Test("the bucket allows a burst, then paces at the rate")
    func bucketPacing() {
        var bucket = TokenBucket(rate: 10, burst: 3)
        #expect((0..<3).map { _ in bucket.reserve(at: .zero) } == [.zero, .zero, .zero])
        #expect(bucket.reserve(at: .zero) == .milliseconds(100))
        #expect(bucket.reserve(at: .zero) == .milliseconds(200))
        #expect(bucket.reserve(at: .seconds(1)) == .zero)
    }

    @Test("a 429 halves the rate and empties the bucket; successes recover it")
    func bucketAdapts() {
        var bucket = TokenBucket(rate: 100, burst: 100)
        bucket.slowDown(at: .zero)
        #expect(bucket.rate == 50)
        #expect(bucket.reserve(at: .zero) == .milliseconds(20))
        for _ in 0..<10 { bucket.slowDown(at: .zero) }
        #expect(bucket.rate == bucket.minimumRate)
        for _ in 0..<100 { bucket.recordSuccess() }
        #expect(bucket.rate == 100)
    }

    @Test("an unlimited bucket never waits")
    func unlimited() {
        var bucket = TokenBucket(rate: 0, burst: 1)
        #expect((0..<1000).allSatisfy { _ in bucket.reserve(at: .zero) == .zero })
    }

    @Test("default limits label 5,000 nodes in under 2 s of rate limiting")
    func defaultsAreFast() {
        let settings = FlowControlSettings()
        var bucket = TokenBucket(rate: settings.queriesPerSecond, burst: settings.burst)
        var lastWait = Duration.zero
        for _ in 0..<5_000 { lastWait = bucket.reserve(at: .zero) }
        #expect(lastWait <= .seconds(2))
        #expect(settings.maximumConcurrentRequests >= 16)
    }

    @Test("the flow controller sleeps on the injected clock")
    func controllerWaits() async throws {
        let clock = InstantSleepClock()
        let controller = FlowController(
            settings: FlowControlSettings(queriesPerSecond: 10, burst: 1, maximumConcurrentRequests: 4),
            time: TimeSource(clock: clock))
        for _ in 0..<3 { _ = try await controller.withPermit { 1 } }
        #expect(clock.sleepDurations == [.milliseconds(100), .milliseconds(100)])
    }

    @Test("the semaphore bounds concurrency")
    func semaphoreBounds() async throws {
        let semaphore = AsyncSemaphore(permits: 3)
        let counters = Locked((current: 0, peak: 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    try await semaphore.acquire()
                    counters.withLock {
                        $0.current += 1
                        $0.peak = max($0.peak, $0.current)
                    }
                    try await Task.sleep(for: .milliseconds(2))
                    counters.withLock { $0.current -= 1 }
                    semaphore.release()
                }
            }
            try await group.waitForAll()
        }
        #expect(counters.withLock { $0.peak } == 3)
        #expect(semaphore.availablePermits == 3)
    }

    @Test("a cancelled waiter gives up without taking a permit")
    func semaphoreCancellation() async throws {
        let semaphore = AsyncSemaphore(permits: 1)
        try await semaphore.acquire()
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    try await semaphore.acquire()
                    return false
                } catch {
                    return error is CancellationError
                }
            }
            try? await Task.sleep(for: .milliseconds(20))
            group.cancelAll()
            #expect(await group.next() == true)
        }
        semaphore.release()
        #expect(semaphore.availablePermits == 1)
    }
}
