import Synchronization

/// The suspended callers of a ``WorkQueue``: workers waiting in `next()` and the timer waiting for an
/// earlier deadline. Kept behind a `Mutex` (not in the actor) so that task cancellation handlers,
/// which run synchronously on any thread, can resume them.
final class QueueWaiters<Key: Sendable>: Sendable {
    private struct State {
        var consumers: [(id: UInt64, continuation: CheckedContinuation<Key?, Never>)] = []
        var cancelledConsumers: Set<UInt64> = []
        var nextID: UInt64 = 0
        var timer: CheckedContinuation<Void, Never>?
        var pendingWake = false
        var timerCancelled = false
    }

    private let state = Mutex(State())

    /// A fresh id for a waiting consumer.
    func makeID() -> UInt64 {
        state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Parks a consumer, or resumes it with `nil` at once if it was already cancelled.
    func park(_ id: UInt64, _ continuation: CheckedContinuation<Key?, Never>) {
        let cancelled = state.withLock { state -> Bool in
            if state.cancelledConsumers.remove(id) != nil { return true }
            state.consumers.append((id, continuation))
            return false
        }
        if cancelled { continuation.resume(returning: nil) }
    }

    /// Cancels a parked (or about to be parked) consumer.
    func cancel(_ id: UInt64) {
        let continuation = state.withLock { state -> CheckedContinuation<Key?, Never>? in
            if let index = state.consumers.firstIndex(where: { $0.id == id }) { return state.consumers.remove(at: index).continuation }
            state.cancelledConsumers.insert(id)
            return nil
        }
        continuation?.resume(returning: nil)
    }

    /// The longest-waiting consumer, removed.
    func takeConsumer() -> CheckedContinuation<Key?, Never>? {
        state.withLock { state in state.consumers.isEmpty ? nil : state.consumers.removeFirst().continuation }
    }

    /// Every parked consumer, removed.
    func takeAllConsumers() -> [CheckedContinuation<Key?, Never>] {
        state.withLock { state in
            defer { state.consumers.removeAll() }
            return state.consumers.map(\.continuation)
        }
    }

    /// Wakes the timer, or remembers the wake-up if it is not waiting.
    func wakeTimer() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let timer = state.timer else {
                state.pendingWake = true
                return nil
            }
            state.timer = nil
            return timer
        }
        waiter?.resume()
    }

    /// Suspends until ``wakeTimer()`` or cancellation.
    func waitForWake() async {
        state.withLock { $0.timerCancelled = false }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pendingWake || state.timerCancelled || Task.isCancelled {
                        state.pendingWake = false
                        return true
                    }
                    state.timer = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                state.timerCancelled = true
                defer { state.timer = nil }
                return state.timer
            }
            waiter?.resume()
        }
    }
}
