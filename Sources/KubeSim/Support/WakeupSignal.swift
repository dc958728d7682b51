import Synchronization

/// A level-triggered wake-up for one waiting task: ``signal()`` wakes the waiter, or makes its next
/// ``wait(until:)`` return at once.
///
/// - Important: Only one task may wait at a time (the controller loop). `signal()` may be called
///   from any thread or actor.
package final class WakeupSignal: Sendable {
    private struct State {
        var isPending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Creates a signal with nothing pending.
    package init() {}

    /// Wakes the waiter, or marks a wake-up as pending when nobody waits.
    package func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.isPending = true
            return nil
        }
        waiter?.resume()
    }

    /// Waits until signalled, until `deadline` passes (when given), or until the task is cancelled.
    package func wait(until deadline: ContinuousClock.Instant?) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForSignal() }
            if let deadline {
                group.addTask {
                    do {
                        try await Task.sleep(until: deadline, clock: .continuous)
                    } catch {
                        // Cancelled because the signal arrived first.
                    }
                }
            }
            await group.next()
            group.cancelAll()
            self.wakeWaiterForCancellation()
        }
    }

    private func waitForSignal() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.isPending || Task.isCancelled {
                        state.isPending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            self.wakeWaiterForCancellation()
        }
    }

    private func wakeWaiterForCancellation() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }
}
