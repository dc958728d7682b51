import Dispatch
import Synchronization

/// One item a streaming transfer hands to its consumer.
package enum StreamItem: Sendable, Hashable {
    /// The response head: status and lower-cased headers. Always the first item.
    case head(status: Int, headers: [String: String])
    /// One body line.
    case line([UInt8])
}

/// A bounded hand-off from one transfer thread (the producer) to one async consumer.
///
/// The producer blocks in ``send(_:)`` while ``capacity`` items are waiting, so a slow consumer
/// slows the transfer down and TCP flow control does the rest: memory stays bounded however fast the
/// server writes. The consumer suspends (never blocks a thread) in ``next()``.
///
/// - Important: Exactly one thread may call ``send(_:)`` and ``finish(throwing:)``, and exactly one task
///   may call ``next()`` at a time. ``cancel()`` may be called from anywhere, any number of times; it
///   wakes both sides, makes ``send(_:)`` return `false` and ``next()`` throw `CancellationError`.
package final class StreamHandOff: Sendable {
    /// The most items held before the producer blocks.
    package let capacity: Int

    private struct State {
        /// Items not yet taken, oldest first. Taken items leave at once, so a consumer that keeps up
        /// only partly (the buffer never quite empties) does not keep old lines alive.
        var buffer: [StreamItem] = []
        var completion: Result<Void, any Error>?
        var isCancelled = false
        var isProducerWaiting = false
        var waitingConsumer: CheckedContinuation<StreamItem?, any Error>?

        /// Takes the oldest buffered item (a shift of at most ``StreamHandOff/capacity`` elements).
        mutating func popFirst() -> StreamItem? {
            buffer.isEmpty ? nil : buffer.removeFirst()
        }
    }

    private let state = Mutex(State())
    private let producerWakeUp = DispatchSemaphore(value: 0)

    /// Cancelled together with the hand-off, so the transfer feeding it stops at once.
    private let transferCancellation: TransferCancellation?

    /// Creates a hand-off holding at most `capacity` items.
    /// - Parameters:
    ///   - capacity: the most items held before the producer blocks.
    ///   - transferCancellation: the producing transfer's flag, set by ``cancel()``.
    package init(capacity: Int = 8, transferCancellation: TransferCancellation? = nil) {
        self.capacity = max(1, capacity)
        self.transferCancellation = transferCancellation
    }

    /// How many items the hand-off holds (never more than ``capacity``).
    package var bufferedItemCount: Int { state.withLock { $0.buffer.count } }

    /// Whether the consumer has gone away (cancelled, or dropped its stream).
    package var isCancelled: Bool { state.withLock { $0.isCancelled } }

    /// Hands one item to the consumer, blocking the calling thread while the buffer is full.
    /// - Returns: `false` when the consumer has gone away and the transfer should stop.
    package func send(_ item: StreamItem) -> Bool {
        enum Step {
            case done, stop, wait
            case deliver(CheckedContinuation<StreamItem?, any Error>)
        }
        while true {
            let step: Step = state.withLock { state in
                if state.isCancelled { return .stop }
                if let consumer = state.waitingConsumer {
                    state.waitingConsumer = nil
                    return .deliver(consumer)
                }
                if state.buffer.count < capacity {
                    state.buffer.append(item)
                    return .done
                }
                state.isProducerWaiting = true
                return .wait
            }
            switch step {
            case .done: return true
            case .stop: return false
            case .deliver(let consumer):
                consumer.resume(returning: item)
                return true
            case .wait:
                producerWakeUp.wait()
            }
        }
    }

    /// Ends the stream: the consumer receives the buffered items, then `nil` or `error`.
    /// - Parameter error: the failure that ended the transfer, or `nil` for a clean end.
    package func finish(throwing error: (any Error)?) {
        let consumer: CheckedContinuation<StreamItem?, any Error>? = state.withLock { state in
            guard state.completion == nil else { return nil }
            state.completion = error.map { .failure($0) } ?? .success(())
            defer { state.waitingConsumer = nil }
            return state.waitingConsumer
        }
        if let error {
            consumer?.resume(throwing: error)
        } else {
            consumer?.resume(returning: nil)
        }
    }

    /// Stops the stream from the consumer side: wakes a blocked producer and a waiting consumer.
    package func cancel() {
        let (consumer, wakeProducer) = state.withLock { state in
            state.isCancelled = true
            let consumer = state.waitingConsumer
            state.waitingConsumer = nil
            let wake = state.isProducerWaiting
            state.isProducerWaiting = false
            return (consumer, wake)
        }
        if wakeProducer { producerWakeUp.signal() }
        consumer?.resume(throwing: CancellationError())
        transferCancellation?.cancel()
    }

    /// The next item, suspending until one arrives.
    /// - Returns: the item, or `nil` once the producer finished cleanly and the buffer is drained.
    /// - Throws: the producer's error after the buffer is drained, or `CancellationError` when the task
    ///   is cancelled (which also cancels the transfer).
    package func next() async throws -> StreamItem? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<StreamItem?, any Error>) in
                enum Step {
                    case resume(Result<StreamItem?, any Error>)
                    case suspended
                }
                let (step, wakeProducer): (Step, Bool) = state.withLock { state in
                    if state.isCancelled { return (.resume(.failure(CancellationError())), false) }
                    if let item = state.popFirst() {
                        let wake = state.isProducerWaiting
                        state.isProducerWaiting = false
                        return (.resume(.success(item)), wake)
                    }
                    switch state.completion {
                    case .success: return (.resume(.success(nil)), false)
                    case .failure(let error): return (.resume(.failure(error)), false)
                    case nil:
                        state.waitingConsumer = continuation
                        return (.suspended, false)
                    }
                }
                if wakeProducer { producerWakeUp.signal() }
                if case .resume(let result) = step { continuation.resume(with: result) }
            }
        } onCancel: {
            cancel()
        }
    }
}
