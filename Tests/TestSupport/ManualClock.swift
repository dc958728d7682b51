import Synchronization

/// A `Clock` that moves only when a test calls ``advance(by:)``. Sleepers resume once time has been
/// advanced to or past their deadline, and throw `CancellationError` when their task is cancelled, as
/// the system clocks do. Lets the work queue's delays be tested without waiting.
package final class ManualClock: Clock, Sendable {
    /// A point on the manual timeline: the time advanced since the clock was created.
    package struct Instant: InstantProtocol, CustomStringConvertible {
        /// Time since the clock's start.
        package var offset: Duration

        /// The instant `offset` after the clock's start.
        package init(offset: Duration) { self.offset = offset }

        /// This instant moved by `duration`.
        package func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        /// The time from this instant to `other`.
        package func duration(to other: Instant) -> Duration { other.offset - offset }
        /// Orders instants.
        package static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        /// `t+<offset>`.
        package var description: String { "t+\(offset)" }
    }

    private struct Sleeper {
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var nextID: UInt64 = 0
        var sleepDurations: [Duration] = []
        var sleepers: [UInt64: Sleeper] = [:]
        /// Sleepers cancelled before they registered their continuation.
        var cancelledEarly: Set<UInt64> = []
    }

    private let state = Mutex(State())

    /// Creates a clock at `t+0`.
    package init() {}

    /// The current instant.
    package var now: Instant { state.withLock { $0.now } }

    /// Zero: time moves only by hand.
    package var minimumResolution: Duration { .zero }

    /// The deadlines of the sleepers currently waiting, earliest first.
    package var sleeperDeadlines: [Instant] { state.withLock { $0.sleepers.values.map(\.deadline).sorted() } }

    /// The instant `duration` after the clock's start.
    package static func at(_ duration: Duration) -> Instant { Instant(offset: duration) }

    /// Suspends until the clock is advanced to `deadline` (or the task is cancelled).
    package func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Action { case resume, cancel, wait }
                let action = state.withLock { state -> Action in
                    state.sleepDurations.append(state.now.duration(to: deadline))
                    if state.cancelledEarly.remove(id) != nil { return .cancel }
                    if deadline <= state.now { return .resume }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return .wait
                }
                switch action {
                case .resume: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                case .wait: break
                }
            }
        } onCancel: {
            let continuation = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                if let sleeper = state.sleepers.removeValue(forKey: id) { return sleeper.continuation }
                state.cancelledEarly.insert(id)
                return nil
            }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `duration` and resumes every sleeper whose deadline is now reached.
    package func advance(by duration: Duration) {
        let due = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let ids = state.sleepers.filter { $0.value.deadline <= now }.map(\.key)
            return ids.compactMap { state.sleepers.removeValue(forKey: $0)?.continuation }
        }
        for continuation in due { continuation.resume() }
    }

    /// Durations passed to `sleep`, in order.
    package var sleepDurations: [Duration] { state.withLock { $0.sleepDurations } }

    /// How many tasks sleep on the clock now.
    package var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// Waits (yielding, bounded to about ten seconds) until `count` tasks sleep on this clock.
    /// - Returns: whether they did.
    package func waitForSleepers(_ count: Int = 1) async -> Bool {
        for _ in 0..<10_000 {
            if sleeperCount >= count { return true }
            await Task.yield()
            try? await Task.sleep(for: .milliseconds(1))
        }
        return false
    }
}
