import KubeClient
import TestSupport
import Testing

@testable import Reconcilers

/// The queue type under test: string keys on the manual clock.
private typealias Queue = WorkQueue<String>

/// Starts the queue's timer, which delayed adds need.
private func startTimer(_ queue: Queue) -> Task<Void, Never> {
    Task { await queue.runTimer() }
}

/// Shuts the queue down and waits for its timer to stop.
private func stop(_ queue: Queue, timer: Task<Void, Never>) async {
    await queue.shutDown()
    await timer.value
}

/// The next key if one is ready, else `nil` at once: `next()` would wait forever, turning a failing
/// test into a hanging one.
private func nextReady(_ queue: Queue) async -> String? {
    guard await queue.depth.ready > 0 else { return nil }
    return await queue.next()
}

/// What a `next()` call returned, or `stillWaiting` when it had not returned after polling (its task is
/// left suspended rather than hanging the test).
private enum NextResult: Equatable {
    case returned(String?)
    case stillWaiting
}

/// Calls `next()` in a task and polls for its result.
private func nextWithoutHanging(_ queue: Queue) async -> NextResult {
    let result = LockedBox<String??>(nil)
    Task { result.set(.some(await queue.next())) }
    _ = await eventually { result.value != nil }
    return result.value.map { NextResult.returned($0) } ?? .stillWaiting
}

/// Checks that `key`, scheduled just now, fires after exactly `delay` on the clock: the timer sleeps
/// until that instant, nothing is ready 1 ms before it, and the key is ready at it. Leaves the key
/// handed out (processing).
private func expectFires(
    _ queue: Queue, _ clock: ManualClock, _ key: String, after delay: Duration, sourceLocation: SourceLocation = #_sourceLocation
) async {
    let deadline = clock.now.advanced(by: delay)
    let sleeping = await eventually { clock.sleeperDeadlines == [deadline] }
    #expect(sleeping, "timer should sleep until \(deadline), sleeps until \(clock.sleeperDeadlines)", sourceLocation: sourceLocation)
    clock.advance(by: delay - .milliseconds(1))
    await yieldRepeatedly()
    #expect(await queue.depth.ready == 0, "\(key) fired before \(delay)", sourceLocation: sourceLocation)
    clock.advance(by: .milliseconds(1))
    let fired = await eventually { await queue.depth.ready == 1 }
    #expect(fired, "\(key) did not fire after \(delay)", sourceLocation: sourceLocation)
    #expect(await nextReady(queue) == key, sourceLocation: sourceLocation)
}

/// The work queue's guarantees (DESIGN.md "Control loop"): de-duplication, one worker per key, per-key
/// backoff, delays on an injected clock, shutdown.
@Suite struct WorkQueueTests {
    // MARK: De-duplication and order

    @Test func addingAQueuedKeyAgainIsANoOp() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        await queue.add("a")
        await queue.add("b")
        await queue.add("a")
        await queue.add("a")
        #expect(await queue.depth == (ready: 2, processing: 0, delayed: 0))
        #expect(await nextReady(queue) == "a")
        #expect(await nextReady(queue) == "b")
        #expect(await queue.depth == (ready: 0, processing: 2, delayed: 0))
    }

    @Test func keysAreHandedOutInArrivalOrder() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        let keys = (0..<200).map { "node-\($0)" }
        for key in keys { await queue.add(key) }
        var got: [String] = []
        for _ in keys { if let key = await nextReady(queue) { got.append(key) } }
        #expect(got == keys)
    }

    /// A waiting worker gets a key as soon as it is added.
    @Test func waitingWorkerGetsTheNextKey() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        let got = LockedBox<String?>(nil)
        Task { got.set(await queue.next()) }
        await yieldRepeatedly()
        await queue.add("a")
        #expect(await eventually { got.value == "a" })
        #expect(await queue.depth == (ready: 0, processing: 1, delayed: 0))
    }

    // MARK: One worker per key

    /// Added while processing: not handed out again, but run once more after `done`.
    @Test func keyAddedWhileProcessingRunsOnceMoreAfterDone() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        await queue.add("a")
        #expect(await nextReady(queue) == "a")
        await queue.add("a")
        await queue.add("a")
        #expect(await queue.depth == (ready: 0, processing: 1, delayed: 0))
        await queue.done("a", .success)
        #expect(await queue.depth == (ready: 1, processing: 0, delayed: 0))
        #expect(await nextReady(queue) == "a")
        await queue.done("a", .success)
        #expect(await queue.depth == (ready: 0, processing: 0, delayed: 0))
    }

    @Test func keyNotAddedWhileProcessingDoesNotRunAgain() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        await queue.add("a")
        #expect(await nextReady(queue) == "a")
        await queue.done("a", .success)
        #expect(await queue.depth == (ready: 0, processing: 0, delayed: 0))
    }

    /// A second worker waits while the first holds the key, and gets it only after `done`.
    @Test func twoWorkersNeverHoldTheSameKey() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        await queue.add("a")
        #expect(await nextReady(queue) == "a")
        await queue.add("a")
        let second = LockedBox<String?>(nil)
        Task { second.set(await queue.next()) }
        await yieldRepeatedly()
        #expect(second.value == nil, "the second worker got a key still being processed")
        await queue.done("a", .success)
        #expect(await eventually { second.value == "a" })
    }

    /// Many workers, many adds of few keys: no key is ever held by two workers, no add is lost (every
    /// key's last run started after its last add), and the queue drains.
    @Test func concurrentWorkersNeverOverlapOnAKey() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        let keys = (0..<8).map { "k\($0)" }
        let inFlight = LockedBox<Set<String>>([])
        let overlaps = LockedBox(0)
        /// Per key: how many adds were made, and the count a run had seen when it started.
        let addCount = LockedBox<[String: Int]>([:])
        let seenAtStart = LockedBox<[String: Int]>([:])
        let finished = LockedBox(0)
        let workerCount = 4
        for _ in 0..<workerCount {
            Task {
                while let key = await queue.next() {
                    let seen = addCount.value[key] ?? 0
                    let overlapping = inFlight.update { !$0.insert(key).inserted }
                    if overlapping { overlaps.update { $0 += 1 } }
                    await Task.yield()
                    await Task.yield()
                    inFlight.update { _ = $0.remove(key) }
                    seenAtStart.update { $0[key] = max($0[key] ?? 0, seen) }
                    await queue.done(key, .success)
                }
                finished.update { $0 += 1 }
            }
        }
        for round in 0..<60 {
            for key in keys {
                addCount.update { $0[key, default: 0] += 1 }
                await queue.add(key)
            }
            if round % 2 == 0 { await Task.yield() }
        }
        let drained = await eventually { await queue.depth == (ready: 0, processing: 0, delayed: 0) }
        #expect(drained)
        #expect(overlaps.value == 0)
        #expect(seenAtStart.value == addCount.value, "a key's last add did not lead to a run")
        await queue.shutDown()
        #expect(await eventually { finished.value == workerCount })
    }

    // MARK: Backoff

    @Test(arguments: [
        (1, Duration.milliseconds(250)), (2, .milliseconds(500)), (3, .seconds(1)), (4, .seconds(2)), (5, .seconds(4)),
        (6, .seconds(8)), (7, .seconds(16)), (8, .seconds(32)), (9, .seconds(60)), (10, .seconds(60)), (64, .seconds(60)),
        (0, .milliseconds(250)),
    ])
    func defaultBackoffDoublesAndCaps(failures: Int, delay: Duration) {
        #expect(Backoff().delay(afterFailures: failures) == delay)
    }

    @Test func customBackoff() {
        let backoff = Backoff(base: .milliseconds(100), maximum: .milliseconds(300))
        #expect((1...4).map { backoff.delay(afterFailures: $0) } == [.milliseconds(100), .milliseconds(200), .milliseconds(300), .milliseconds(300)])
    }

    /// Consecutive failures retry after 250 ms, 500 ms, 1 s, then the cap, each on the clock.
    @Test func failuresBackOffExponentiallyOnTheClock() async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock), backoff: Backoff(base: .milliseconds(250), maximum: .seconds(1)))
        let timer = startTimer(queue)
        await queue.add("a")
        #expect(await nextReady(queue) == "a")
        for (attempt, delay) in [Duration.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(1)].enumerated() {
            await queue.done("a", .failure)
            #expect(await queue.failureCount(of: "a") == attempt + 1)
            #expect(await queue.depth == (ready: 0, processing: 0, delayed: 1))
            await expectFires(queue, clock, "a", after: delay)
        }
        await stop(queue, timer: timer)
    }

    @Test func successResetsTheBackoff() async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock))
        let timer = startTimer(queue)
        await queue.add("a")
        #expect(await nextReady(queue) == "a")
        await queue.done("a", .failure)
        await expectFires(queue, clock, "a", after: .milliseconds(250))
        await queue.done("a", .failure)
        await expectFires(queue, clock, "a", after: .milliseconds(500))
        await queue.done("a", .success)
        #expect(await queue.failureCount(of: "a") == 0)
        #expect(await queue.depth == (ready: 0, processing: 0, delayed: 0))
        await queue.add("a")
        #expect(await nextReady(queue) == "a")
        await queue.done("a", .failure)
        #expect(await queue.failureCount(of: "a") == 1)
        await expectFires(queue, clock, "a", after: .milliseconds(250))
        await queue.done("a", .success)
        await stop(queue, timer: timer)
    }

    /// Backoff is per key: another key's failures do not count against this one.
    @Test func backoffIsPerKey() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        await queue.add("a")
        await queue.add("b")
        #expect(await nextReady(queue) == "a")
        #expect(await nextReady(queue) == "b")
        await queue.done("a", .failure)
        #expect(await queue.failureCount(of: "a") == 1)
        #expect(await queue.failureCount(of: "b") == 0)
        await queue.done("b", .failure)
        #expect(await queue.failureCount(of: "b") == 1)
        #expect(await queue.failureCount(of: "a") == 1)
    }

    /// An event re-triggers a failing key before its retry is due: that run's failure keeps the
    /// current delay instead of doubling it.
    @Test func earlyRetriggerFailureDoesNotEscalate() async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock))
        let timer = startTimer(queue)
        await queue.add("a")
        #expect(await nextReady(queue) == "a")
        await queue.done("a", .failure)
        #expect(await queue.failureCount(of: "a") == 1)
        clock.advance(by: .milliseconds(100))
        await queue.add("a")
        #expect(await queue.depth == (ready: 1, processing: 0, delayed: 0))
        #expect(await nextReady(queue) == "a")
        await queue.done("a", .failure)
        #expect(await queue.failureCount(of: "a") == 1)
        await expectFires(queue, clock, "a", after: .milliseconds(250))
        // The scheduled retry itself failing does escalate.
        await queue.done("a", .failure)
        #expect(await queue.failureCount(of: "a") == 2)
        await expectFires(queue, clock, "a", after: .milliseconds(500))
        await queue.done("a", .success)
        await stop(queue, timer: timer)
    }

    /// A failure while an event arrived during the run: the key runs again at once (the event is
    /// news), not after the backoff.
    @Test func dirtyKeyRunsAgainRightAfterAFailure() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        await queue.add("a")
        #expect(await nextReady(queue) == "a")
        await queue.add("a")
        await queue.done("a", .failure)
        #expect(await queue.depth == (ready: 1, processing: 0, delayed: 0))
        #expect(await queue.failureCount(of: "a") == 1)
    }

    // MARK: Delays

    @Test func requeueAfterFiresOnlyWhenTheClockGetsThere() async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock))
        let timer = startTimer(queue)
        await queue.add("a")
        #expect(await nextReady(queue) == "a")
        await queue.done("a", .requeue(after: .seconds(5)))
        #expect(await queue.depth == (ready: 0, processing: 0, delayed: 1))
        await expectFires(queue, clock, "a", after: .seconds(5))
        await queue.done("a", .success)
        await stop(queue, timer: timer)
    }

    @Test func requeueForgetsFailures() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        await queue.add("a")
        #expect(await nextReady(queue) == "a")
        await queue.done("a", .failure)
        #expect(await queue.failureCount(of: "a") == 1)
        await queue.add("a")
        #expect(await nextReady(queue) == "a")
        await queue.done("a", .requeue(after: .seconds(30)))
        #expect(await queue.failureCount(of: "a") == 0)
        #expect(await queue.depth == (ready: 0, processing: 0, delayed: 1))
    }

    @Test func delayedAddFiresAfterTheDelay() async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock))
        let timer = startTimer(queue)
        await queue.add("resync", after: .seconds(300))
        await expectFires(queue, clock, "resync", after: .seconds(300))
        await stop(queue, timer: timer)
    }

    /// Of two pending delays for a key, the earlier one wins, and the key fires once.
    @Test(arguments: [(Duration.seconds(5), Duration.seconds(1)), (.seconds(1), .seconds(5))])
    func earlierDelayWins(first: Duration, second: Duration) async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock))
        let timer = startTimer(queue)
        await queue.add("a", after: first)
        await queue.add("a", after: second)
        #expect(await queue.depth.delayed == 1)
        await expectFires(queue, clock, "a", after: .seconds(1))
        await queue.done("a", .success)
        clock.advance(by: .seconds(10))
        await yieldRepeatedly()
        #expect(await queue.depth == (ready: 0, processing: 0, delayed: 0))
        await stop(queue, timer: timer)
    }

    /// Several keys due at different times fire in deadline order as the clock passes each.
    @Test func delayedKeysFireInDeadlineOrder() async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock))
        let timer = startTimer(queue)
        await queue.add("late", after: .seconds(3))
        await queue.add("early", after: .seconds(1))
        await queue.add("middle", after: .seconds(2))
        await expectFires(queue, clock, "early", after: .seconds(1))
        await expectFires(queue, clock, "middle", after: .seconds(1))
        await expectFires(queue, clock, "late", after: .seconds(1))
        await stop(queue, timer: timer)
    }

    /// One big jump past several deadlines queues them all, earliest first.
    @Test func jumpPastSeveralDeadlines() async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock))
        let timer = startTimer(queue)
        await queue.add("c", after: .seconds(3))
        await queue.add("a", after: .seconds(1))
        await queue.add("b", after: .seconds(2))
        #expect(await eventually { !clock.sleeperDeadlines.isEmpty })
        clock.advance(by: .seconds(10))
        #expect(await eventually { await queue.depth.ready == 3 })
        #expect(await nextReady(queue) == "a")
        #expect(await nextReady(queue) == "b")
        #expect(await nextReady(queue) == "c")
        await stop(queue, timer: timer)
    }

    /// An immediate add supersedes a pending delayed one: the key runs now and not again later.
    @Test func immediateAddCancelsThePendingDelay() async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock))
        let timer = startTimer(queue)
        await queue.add("a", after: .seconds(5))
        await queue.add("a")
        #expect(await queue.depth == (ready: 1, processing: 0, delayed: 0))
        #expect(await nextReady(queue) == "a")
        await queue.done("a", .success)
        clock.advance(by: .seconds(10))
        await yieldRepeatedly()
        #expect(await queue.depth == (ready: 0, processing: 0, delayed: 0))
        await stop(queue, timer: timer)
    }

    @Test func zeroDelayIsImmediate() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        await queue.add("a", after: .zero)
        #expect(await queue.depth == (ready: 1, processing: 0, delayed: 0))
    }

    /// Without the timer running, delayed adds never fire (documented requirement).
    @Test func delaysNeedTheTimer() async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock))
        await queue.add("a", after: .seconds(1))
        clock.advance(by: .seconds(2))
        await yieldRepeatedly()
        #expect(await queue.depth == (ready: 0, processing: 0, delayed: 1))
    }

    // MARK: Shutdown

    @Test func shutDownReleasesWaitingWorkers() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        let released = LockedBox(0)
        let results = LockedBox<[String?]>([])
        for _ in 0..<3 {
            Task {
                let key = await queue.next()
                results.update { $0.append(key) }
                released.update { $0 += 1 }
            }
        }
        await yieldRepeatedly()
        #expect(released.value == 0)
        await queue.shutDown()
        #expect(await eventually { released.value == 3 })
        #expect(results.value == [nil, nil, nil])
    }

    @Test func addsAfterShutDownAreIgnored() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        await queue.shutDown()
        await queue.add("a")
        await queue.add("b", after: .seconds(1))
        #expect(await queue.depth == (ready: 0, processing: 0, delayed: 0))
        #expect(await nextWithoutHanging(queue) == .returned(nil))
    }

    /// "waiting and future `next()` calls return `nil`" (WorkQueue.shutDown's contract): keys still
    /// queued are not handed out after shutdown (a deposed leader must stop writing).
    @Test func nextAfterShutDownReturnsNilEvenWithQueuedKeys() async {
        let queue = Queue(time: TimeSource(clock: ManualClock()))
        await queue.add("a")
        await queue.shutDown()
        #expect(await nextWithoutHanging(queue) == .returned(nil))
    }

    @Test func timerStopsOnShutDown() async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock))
        let stopped = LockedBox(false)
        Task {
            await queue.runTimer()
            stopped.set(true)
        }
        await queue.add("a", after: .seconds(60))
        #expect(await eventually { !clock.sleeperDeadlines.isEmpty })
        await queue.shutDown()
        #expect(await eventually { stopped.value })
        #expect(await eventually { clock.sleeperDeadlines.isEmpty }, "the timer's sleep was not cancelled")
    }

    /// `runTimer` "runs until the task is cancelled or the queue shut down": cancelling its task
    /// (how a controller's task group ends its children) must end it, with or without pending delays.
    @Test(arguments: [false, true])
    func timerStopsWhenItsTaskIsCancelled(withPendingDelay: Bool) async {
        let clock = ManualClock()
        let queue = Queue(time: TimeSource(clock: clock))
        if withPendingDelay { await queue.add("a", after: .seconds(60)) }
        let stopped = LockedBox(false)
        let timer = Task {
            await queue.runTimer()
            stopped.set(true)
        }
        if withPendingDelay {
            #expect(await eventually { !clock.sleeperDeadlines.isEmpty })
        } else {
            await yieldRepeatedly()
        }
        timer.cancel()
        #expect(await eventually { stopped.value }, "runTimer did not return after its task was cancelled")
        await queue.shutDown()  // releases the timer if it did not stop, so no task is left behind
        await timer.value
    }
}
