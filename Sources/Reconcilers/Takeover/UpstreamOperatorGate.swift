import KubeClient
import KubeModels
import Logging
import Synchronization

/// Whether NVIDIA's operator still runs, as last checked, shared by the cluster reconcile (which
/// checks) and the node labeller (which only reads). The controller makes the first check before its
/// workers start (``OperatorController``), so no write precedes it.
///
/// Thread-safe; one `Mutex` owns the state. Times are the loop's monotonic offsets.
package final class UpstreamOperatorGate: Sendable {
    private struct State {
        var evidence: [String]? = nil
        var checkedAt: Duration? = nil
        var reported = false
    }

    private let state = Mutex(State())
    /// How long a "not running" answer is trusted before the next pass checks again.
    package let recheckInterval: Duration

    /// Creates a gate that has not checked yet.
    package init(recheckInterval: Duration = .seconds(30)) { self.recheckInterval = recheckInterval }

    /// Whether writes must wait: the last check found upstream running.
    package var isBlocked: Bool { state.withLock { !($0.evidence ?? []).isEmpty } }

    /// Whether the status has not said yet that upstream runs, in this episode of it running. The
    /// status is written once per episode: upstream rewrites its own status, and answering each of
    /// its writes with ours would be a write war.
    package var needsReport: Bool { state.withLock { !($0.evidence ?? []).isEmpty && !$0.reported } }

    /// Notes that the status now says upstream runs.
    package func markReported() { state.withLock { $0.reported = true } }

    /// The evidence of the last check (`nil`: not checked yet).
    package var evidence: [String]? { state.withLock { $0.evidence } }

    /// Whether a check is due at `now`: never checked, upstream was running, or the last clear
    /// answer is older than ``recheckInterval``.
    package func isDue(now: Duration) -> Bool {
        state.withLock { state in
            guard let evidence = state.evidence, let checkedAt = state.checkedAt, evidence.isEmpty else { return true }
            return now - checkedAt >= recheckInterval
        }
    }

    /// Records a check's answer.
    /// - Returns: whether the answer changed (running ↔ not running, or first answer).
    @discardableResult
    package func record(_ evidence: [String], now: Duration) -> Bool {
        state.withLock { state in
            let changed = state.evidence.map { $0.isEmpty != evidence.isEmpty } ?? true
            if changed { state.reported = false }
            state.evidence = evidence
            state.checkedAt = now
            return changed
        }
    }
}

extension UpstreamOperatorGate {
    /// Checks the operator namespace for upstream's Deployment and Lease when a check is due (two
    /// GETs), records the answer, and returns the evidence (empty: not running).
    /// - Throws: the API error when a GET fails (other than NotFound); the gate keeps its last answer.
    package func check(_ context: ControllerContext, logger: Logger) async throws -> [String] {
        let now = context.time.now()
        guard isDue(now: now) else { return evidence ?? [] }
        let deployment = try await context.client.get(.deployments, name: UpstreamOperator.deploymentName, namespace: context.namespace)
        let lease = try await context.client.get(Lease.self, name: UpstreamOperator.leaseName, namespace: context.namespace)
        let found = UpstreamOperator.evidence(deployment: deployment, lease: lease, now: context.wallClock())
        if record(found, now: now) {
            if found.isEmpty {
                logger.info("NVIDIA's gpu-operator is not running; reconciling")
            } else {
                logger.warning(
                    "NVIDIA's gpu-operator is still running; writing nothing", metadata: ["evidence": .string(found.joined(separator: "; "))])
            }
        }
        return found
    }
}
