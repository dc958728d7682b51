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
        var writerRuns: [KubeSimStats.WriterRun] = []
    }

    private let state = Mutex(State())
    /// The successful writes in full, when recording was asked for.
    package let writeLog: WriteLog?

    /// Creates an empty recorder.
    /// - Parameter recordingWrites: also keep every successful write request (``WriteLog``).
    package init(recordingWrites: Bool = false) { writeLog = recordingWrites ? WriteLog() : nil }

    /// Records one resource request.
    package func record(verb: String, resource: String, code: Int) {
        state.withLock { $0.cells[Key(verb: verb, resource: resource, code: code), default: 0] += 1 }
    }

    /// Records who made a successful write: consecutive writes by one credential extend its run.
    package func recordWrite(by credential: String) {
        state.withLock { state in
            if state.writerRuns.last?.writer == credential {
                state.writerRuns[state.writerRuns.count - 1].count += 1
            } else {
                state.writerRuns.append(KubeSimStats.WriterRun(writer: credential, count: 1))
            }
        }
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
        let (cells, nonResource, writerRuns) = state.withLock { ($0.cells, $0.nonResource, $0.writerRuns) }
        var stats = KubeSimStats()
        stats.nonResourceRequests = nonResource
        stats.writerRuns = writerRuns
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
