import Synchronization

/// A counting semaphore for tasks: ``acquire()`` suspends (never blocks a thread) until a permit is
/// free, in FIFO order, and gives up with `CancellationError` when the waiting task is cancelled.
package final class AsyncSemaphore: Sendable {
    private struct State {
        var available: Int
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    /// Creates a semaphore with `permits` free permits.
    package init(permits: Int) {
        state = Mutex(State(available: max(1, permits)))
    }

    /// Permits free right now.
    package var availablePermits: Int { state.withLock { $0.available } }

    /// Takes a permit, waiting for one if none is free.
    /// - Throws: `CancellationError` when the task is cancelled while waiting (no permit is taken).
    package func acquire() async throws {
        let id = state.withLock { state -> UInt64 in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Step { case acquired, cancelled, waiting }
                let step: Step = state.withLock { state in
                    if Task.isCancelled { return .cancelled }
                    if state.available > 0 {
                        state.available -= 1
                        return .acquired
                    }
                    state.waiters.append((id, continuation))
                    return .waiting
                }
                switch step {
                case .acquired: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .waiting: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Returns a permit, handing it straight to the longest waiter if there is one.
    package func release() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if state.waiters.isEmpty {
                state.available += 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        waiter?.resume()
    }
}
