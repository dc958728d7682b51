import KubeClient

/// A work queue of reconcile keys, with controller-runtime's guarantees and kube-rs's missing piece:
///
/// - a key waiting in the queue is queued once, however often it is added (de-duplication);
/// - a key is never handed to two workers at once: adding it while it is processed marks it dirty,
///   and it is queued again when the worker calls ``done(_:_:)``;
/// - a failing key backs off exponentially, per key, and the count resets on success; a failure of
///   a run that started before the key's scheduled retry (an event re-triggered it early) does not
///   escalate the backoff;
/// - delayed adds (requeue, backoff, resync) fire on the injected ``TimeSource``, so tests drive them
///   with a manual clock and never sleep.
///
/// - Important: ``runTimer()`` must run (as a child task of the controller) for delayed adds to fire.
package actor WorkQueue<Key: Hashable & Sendable> {
    /// What a reconcile reported.
    package enum Outcome: Sendable, Hashable {
        /// Done; forget the key's failures.
        case success
        /// Done; run again after this delay (failures are forgotten).
        case requeue(after: Duration)
        /// Failed; retry with the key's backoff.
        case failure
    }

    private let time: TimeSource
    private let backoff: Backoff
    private var ready: [Key] = []
    private var readyHead = 0
    private var queued: Set<Key> = []
    private var processing: Set<Key> = []
    private var dirty: Set<Key> = []
    private var delayed: [Key: Duration] = [:]
    private var failures: [Key: Int] = [:]
    private var retryAt: [Key: Duration] = [:]
    private var startedAt: [Key: Duration] = [:]
    private let waiters = QueueWaiters<Key>()
    private var isShutDown = false

    /// Creates a queue.
    /// - Parameters:
    ///   - time: the time source for delays (a manual clock's in tests).
    ///   - backoff: the per-key failure backoff.
    package init(time: TimeSource, backoff: Backoff = Backoff()) {
        self.time = time
        self.backoff = backoff
    }

    /// Queues `key` now (no-op if queued; marks it dirty if it is being processed).
    package func add(_ key: Key) {
        guard !isShutDown else { return }
        delayed[key] = nil
        if processing.contains(key) {
            dirty.insert(key)
            return
        }
        guard queued.insert(key).inserted else { return }
        if let consumer = waiters.takeConsumer() {
            queued.remove(key)
            markStarted(key)
            consumer.resume(returning: key)
        } else {
            ready.append(key)
        }
    }

    /// Queues `key` after `delay`; an earlier pending delay for the key wins.
    package func add(_ key: Key, after delay: Duration) {
        guard !isShutDown else { return }
        if delay <= .zero {
            add(key)
            return
        }
        let deadline = time.now() + delay
        if let existing = delayed[key], existing <= deadline { return }
        delayed[key] = deadline
        waiters.wakeTimer()
    }

    /// The next key to process, waiting until one is ready; `nil` once the queue is shut down or the
    /// calling task is cancelled.
    package func next() async -> Key? {
        if isShutDown { return nil }
        if let key = popReady() {
            markStarted(key)
            return key
        }
        let id = waiters.makeID()
        let waiters = self.waiters
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in waiters.park(id, continuation) }
        } onCancel: {
            waiters.cancel(id)
        }
    }

    /// Reports that a worker finished `key`.
    package func done(_ key: Key, _ outcome: Outcome) {
        processing.remove(key)
        let started = startedAt.removeValue(forKey: key)
        switch outcome {
        case .success:
            failures[key] = nil
            retryAt[key] = nil
        case .requeue(let delay):
            failures[key] = nil
            retryAt[key] = nil
            add(key, after: delay)
        case .failure:
            let ranEarly = started.flatMap { start in retryAt[key].map { start < $0 } } ?? false
            let count = ranEarly ? max(failures[key] ?? 1, 1) : (failures[key] ?? 0) + 1
            failures[key] = count
            let delay = backoff.delay(afterFailures: count)
            retryAt[key] = time.now() + delay
            add(key, after: delay)
        }
        if dirty.remove(key) != nil { add(key) }
    }

    /// The number of consecutive failures recorded for `key`.
    package func failureCount(of key: Key) -> Int { failures[key] ?? 0 }

    /// Keys waiting, processing or delayed (for metrics and tests).
    package var depth: (ready: Int, processing: Int, delayed: Int) { (ready.count - readyHead, processing.count, delayed.count) }

    /// Stops handing out keys: waiting and future ``next()`` calls return `nil`, queued keys are dropped.
    package func shutDown() {
        isShutDown = true
        ready.removeAll()
        readyHead = 0
        queued.removeAll()
        delayed.removeAll()
        for consumer in waiters.takeAllConsumers() { consumer.resume(returning: nil) }
        waiters.wakeTimer()
    }

    /// Fires delayed adds when due; runs until the task is cancelled or the queue shut down.
    package func runTimer() async {
        while !Task.isCancelled && !isShutDown {
            if let earliest = delayed.values.min() {
                let time = self.time
                let waiters = self.waiters
                let delay = earliest - time.now()
                await withTaskGroup(of: Void.self) { group in
                    // A cancelled sleep only ends the wait early; the loop re-checks cancellation.
                    group.addTask { try? await time.sleep(delay) }
                    group.addTask { await waiters.waitForWake() }
                    await group.next()
                    group.cancelAll()
                }
            } else {
                await waiters.waitForWake()
            }
            promoteDue()
        }
    }

    private func promoteDue() {
        let now = time.now()
        let due = delayed.filter { $0.value <= now }.sorted { $0.value < $1.value }.map(\.key)
        for key in due {
            delayed[key] = nil
            add(key)
        }
    }

    private func popReady() -> Key? {
        guard readyHead < ready.count else { return nil }
        let key = ready[readyHead]
        readyHead += 1
        if readyHead > 64 && readyHead * 2 > ready.count {
            ready.removeFirst(readyHead)
            readyHead = 0
        }
        queued.remove(key)
        return key
    }

    private func markStarted(_ key: Key) {
        processing.insert(key)
        startedAt[key] = time.now()
    }
}

/// Exponential per-key backoff: `base` doubling per consecutive failure, capped at `maximum`.
package struct Backoff: Sendable, Hashable {
    package var base: Duration
    package var maximum: Duration

    /// Creates a backoff (defaults: 250 ms doubling to 60 s).
    package init(base: Duration = .milliseconds(250), maximum: Duration = .seconds(60)) {
        self.base = base
        self.maximum = maximum
    }

    /// The delay after `failures` consecutive failures (1 → `base`).
    package func delay(afterFailures failures: Int) -> Duration {
        var delay = base
        for _ in 1..<max(failures, 1) {
            delay = delay * 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }
}
