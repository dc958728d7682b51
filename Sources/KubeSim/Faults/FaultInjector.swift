import Synchronization

/// Applies the current ``FaultProfile`` to API requests: rolls the error dice, reports the added
/// latency, and parks requests and watch deliveries while the server is paused.
///
/// - Important: Thread-safe; one `Mutex` owns the profile, the dice and the paused waiters.
package final class FaultInjector: Sendable {
    private struct State {
        var profile = FaultProfile()
        var generator: SeededGenerator?
        var pausedWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiterID = 0
    }

    private let state = Mutex(State())

    /// Creates an injector with no faults.
    package init() {}

    /// The current profile.
    package var profile: FaultProfile { state.withLock { $0.profile } }

    /// Replaces the profile; unpausing releases every parked request and watch.
    package func setProfile(_ profile: FaultProfile) {
        let released = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.profile = profile
            state.generator = profile.seed.map(SeededGenerator.init(seed:))
            guard !profile.paused else { return [] }
            defer { state.pausedWaiters = [:] }
            return Array(state.pausedWaiters.values)
        }
        for waiter in released { waiter.resume() }
    }

    /// The error to answer a request of `verb` with, if the dice say so.
    package func injectedError(forVerb verb: String) -> APIError? {
        state.withLock { state -> APIError? in
            let profile = state.profile
            guard !profile.errorRates.isEmpty else { return nil }
            if let verbs = profile.verbs, !verbs.contains(verb) { return nil }
            var roll: Double
            if state.generator != nil {
                roll = Double.random(in: 0..<1, using: &state.generator!)
            } else {
                roll = Double.random(in: 0..<1)
            }
            for code in profile.errorRates.keys.sorted() {
                let rate = profile.errorRates[code] ?? 0
                if roll < rate { return Self.error(code: code, retryAfter: profile.retryAfterSeconds) }
                roll -= rate
            }
            return nil
        }
    }

    /// How many requests and watch deliveries are parked because the server is paused.
    package var parkedCount: Int { state.withLock { $0.pausedWaiters.count } }

    /// The latency to add to each affected request.
    package var latency: Duration { state.withLock { $0.profile.latency } }

    /// Returns at once unless the server is paused; then waits until it is unpaused or the task is
    /// cancelled.
    package func waitWhilePaused() async {
        let id = state.withLock { state -> Int in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if !state.profile.paused || Task.isCancelled { return true }
                    state.pausedWaiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.pausedWaiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }

    /// The Status error answered for an injected status code.
    static func error(code: Int, retryAfter: Int) -> APIError {
        switch code {
        case 429: return .tooManyRequests(retryAfterSeconds: retryAfter)
        case 503: return .serviceUnavailable()
        case 500: return .internalError("injected fault")
        default: return APIError(code: code, reason: "InternalError", message: "injected fault \(code)")
        }
    }
}
