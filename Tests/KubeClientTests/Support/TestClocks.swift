import Synchronization
import TestSupport

/// A clock whose sleeps return at once after moving its time forward; it records every sleep.
final class InstantSleepClock: Clock, Sendable {
    typealias Instant = ManualClock.Instant
    private let state = Mutex((now: Instant(offset: .zero), sleeps: [Duration]()))

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .nanoseconds(1) }
    /// Every sleep's duration, in order.
    var sleepDurations: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.sleeps.append(state.now.duration(to: deadline))
            if state.now < deadline { state.now = deadline }
        }
    }

    /// Moves time forward without a sleep.
    func advance(by duration: Duration) {
        state.withLock { $0.now = $0.now.advanced(by: duration) }
    }
}

/// Real time that also records every sleep, for integration tests that check waits happened.
final class RecordingClock: Clock, Sendable {
    typealias Instant = ContinuousClock.Instant
    private let base = ContinuousClock()
    private let sleeps = Mutex([Duration]())

    var now: Instant { base.now }
    var minimumResolution: Duration { base.minimumResolution }
    /// Every sleep's duration, in order.
    var sleepDurations: [Duration] { sleeps.withLock { $0 } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let duration = base.now.duration(to: deadline)
        sleeps.withLock { $0.append(duration) }
        try await base.sleep(until: deadline, tolerance: tolerance)
    }
}

/// A mutex-protected value that closures and child tasks can share.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` with exclusive access.
    func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T { mutex.withLock { body(&$0) } }

    /// The current value.
    var value: Value { mutex.withLock { $0 } }
}
