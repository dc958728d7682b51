import Synchronization

/// Counts requests as they complete.
///
/// - Important: Thread-safe (one `Mutex`); recording is O(1).
package final class StatsRecorder: Sendable {
    private struct Key: Hashable {
        var verb: String
        var resource: String
        var code: Int
    }

    private struct State {
        var cells: [Key: Int] = [:]
        var nonResource = 0
    }

    private let state = Mutex(State())

    /// Creates an empty recorder.
    package init() {}

    /// Records one resource request.
    package func record(verb: String, resource: String, code: Int) {
        state.withLock { $0.cells[Key(verb: verb, resource: resource, code: code), default: 0] += 1 }
    }

    /// Records one non-resource request (discovery, OpenAPI, health).
    package func recordNonResource() {
        state.withLock { $0.nonResource += 1 }
    }

    /// Forgets every count.
    package func reset() {
        state.withLock { $0 = State() }
    }

    /// The counts so far.
    package func snapshot() -> KubeSimStats {
        let (cells, nonResource) = state.withLock { ($0.cells, $0.nonResource) }
        var stats = KubeSimStats()
        stats.nonResourceRequests = nonResource
        for (key, count) in cells {
            stats.total += count
            stats.byVerb[key.verb, default: 0] += count
            stats.byResource[key.resource, default: 0] += count
            stats.byCode[String(key.code), default: 0] += count
            stats.requests.append(KubeSimStats.Entry(verb: key.verb, resource: key.resource, code: key.code, count: count))
        }
        stats.requests.sort { ($0.verb, $0.resource, $0.code) < ($1.verb, $1.resource, $1.code) }
        return stats
    }
}
