import Synchronization

/// Whether the API server is answering, as the client's own requests see it: since when a request
/// has waited without any answer arriving after it started, or since when every attempt has failed
/// to reach the server. Any HTTP answer, an error status included, counts as the server being there.
///
/// - Important: Thread-safe (one `Mutex`); times are the client's ``TimeSource`` readings.
package final class APIConnectivity: Sendable {
    private struct State {
        var lastAnswer: Duration?
        var failingSince: Duration?
        var waiting: [UInt64: Duration] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Creates a tracker that has seen nothing yet.
    package init() {}

    /// Notes a request attempt starting at `now`.
    /// - Returns: the id to pass to ``finish(_:answered:at:)``.
    package func start(at now: Duration) -> UInt64 {
        state.withLock { state in
            state.nextID += 1
            state.waiting[state.nextID] = now
            return state.nextID
        }
    }

    /// Notes the end of an attempt: an HTTP answer, or a failure to reach the server.
    package func finish(_ id: UInt64, answered: Bool, at now: Duration) {
        state.withLock { state in
            state.waiting[id] = nil
            if answered {
                state.lastAnswer = now
                state.failingSince = nil
            } else if state.failingSince == nil {
                state.failingSince = now
            }
        }
    }

    /// Notes an attempt given up without a result (its task was cancelled).
    package func abandon(_ id: UInt64) {
        state.withLock { _ = $0.waiting.removeValue(forKey: id) }
    }

    /// How long the server has not answered, or `nil` when it is answering (or nothing is waiting).
    package func silence(at now: Duration) -> Duration? {
        state.withLock { state in
            var since = state.failingSince
            if let oldest = state.waiting.values.min(), state.lastAnswer.map({ $0 < oldest }) ?? true {
                since = min(since ?? oldest, oldest)
            }
            return since.map { now - $0 }
        }
    }
}
