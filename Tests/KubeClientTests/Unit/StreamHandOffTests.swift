import Foundation
import KubeClient
import Synchronization
import Testing

@Suite("StreamHandOff")
struct StreamHandOffTests {
    @Test("the producer blocks at capacity until the consumer takes an item")
    func backPressure() async throws {
        let handOff = StreamHandOff(capacity: 2)
        let sent = Atomic<Int>(0)
        let producerDone = DispatchSemaphore(value: 0)
        let thread = Thread {
            for index in 0..<5 {
                guard handOff.send(.line([UInt8(index)])) else { break }
                sent.add(1, ordering: .relaxed)
            }
            handOff.finish(throwing: nil)
            producerDone.signal()
        }
        thread.start()
        // The producer can put 2 items in the buffer, then blocks on the third.
        for _ in 0..<200 where sent.load(ordering: .relaxed) < 2 { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(sent.load(ordering: .relaxed) == 2)

        var received: [UInt8] = []
        while let item = try await handOff.next() {
            if case .line(let bytes) = item { received += bytes }
        }
        #expect(received == [0, 1, 2, 3, 4])
        #expect(producerDone.wait(timeout: .now() + 5) == .success)
    }

    @Test("cancel wakes a blocked producer and makes send return false")
    func cancelWakesProducer() async throws {
        let handOff = StreamHandOff(capacity: 1)
        let result = Mutex<Bool?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            _ = handOff.send(.line([1]))
            let second = handOff.send(.line([2]))
            result.withLock { $0 = second }
            done.signal()
        }
        thread.start()
        try await Task.sleep(for: .milliseconds(50))
        #expect(result.withLock { $0 } == nil)
        handOff.cancel()
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(result.withLock { $0 } == false)
        await #expect(throws: CancellationError.self) { try await handOff.next() }
    }

    @Test("a producer error arrives after the buffered items")
    func errorAfterDrain() async throws {
        let handOff = StreamHandOff(capacity: 4)
        #expect(handOff.send(.head(status: 200, headers: [:])))
        #expect(handOff.send(.line([7])))
        handOff.finish(throwing: ScriptError(message: "reset"))
        #expect(try await handOff.next() == .head(status: 200, headers: [:]))
        #expect(try await handOff.next() == .line([7]))
        await #expect(throws: ScriptError.self) { try await handOff.next() }
    }

    @Test("cancelling the consuming task cancels the hand-off")
    func taskCancellation() async throws {
        let handOff = StreamHandOff(capacity: 1)
        await withTaskGroup(of: (any Error)?.self) { group in
            group.addTask {
                do {
                    _ = try await handOff.next()
                    return nil
                } catch {
                    return error
                }
            }
            try? await Task.sleep(for: .milliseconds(20))
            group.cancelAll()
            let error = await group.next() ?? nil
            #expect(error is CancellationError)
        }
        #expect(handOff.isCancelled)
        #expect(handOff.send(.line([1])) == false)
    }

    @Test("taken items leave the buffer at once, even when the buffer never empties")
    func takenItemsAreReleased() async throws {
        let handOff = StreamHandOff(capacity: 4)
        #expect(handOff.send(.line([0])))
        for index in 1..<100 {
            #expect(handOff.send(.line([UInt8(index)])))
            #expect(try await handOff.next() == .line([UInt8(index - 1)]))
            #expect(handOff.bufferedItemCount == 1)
        }
    }
}
