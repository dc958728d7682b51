import KubeModels
import Synchronization

/// What the upgrade controller keeps of a driver pod: enough to tell outdated from current, and ready
/// from crash-looping. Whole pods are never kept.
package struct DriverPodSummary: Sendable, Hashable {
    /// The pod's name.
    package var name: String
    /// The node it runs on.
    package var nodeName: String?
    /// The DaemonSet controlling it.
    package var daemonSet: String?
    /// Its `controller-revision-hash` label.
    package var revisionHash: String?
    /// Its `DRIVER_CONFIG_DIGEST` (the first non-empty one, init containers first, as upstream reads it).
    package var digest: String?
    /// Running, with at least one container status and every container Ready.
    package var isReady: Bool
    /// Being deleted.
    package var isTerminating: Bool
    /// The highest restart count among containers (init or regular) that are not Ready.
    package var notReadyRestarts: Int

    /// Summarises a pod.
    package init(_ pod: Pod) {
        name = pod.metadata.name ?? ""
        nodeName = pod.spec?.nodeName
        daemonSet = pod.metadata.ownerReferences?.first { $0.kind == "DaemonSet" && $0.controller == true }?.name
        revisionHash = pod.metadata.labels?["controller-revision-hash"]
        let containers = (pod.spec?.initContainers ?? []) + (pod.spec?.containers ?? [])
        digest = containers.lazy.compactMap { $0.env?.first { $0.name == "DRIVER_CONFIG_DIGEST" }?.value }.first { !$0.isEmpty }
        let statuses = pod.status?.containerStatuses ?? []
        isReady = pod.status?.phase == "Running" && !statuses.isEmpty && statuses.allSatisfy(\.ready)
        isTerminating = pod.metadata.deletionTimestamp != nil
        notReadyRestarts = ((pod.status?.initContainerStatuses ?? []) + statuses).filter { !$0.ready }.map { $0.restartCount ?? 0 }.max() ?? 0
    }
}

/// The driver pods (label `app.kubernetes.io/component=nvidia-driver` in the operand namespace), fed
/// only by their watch, which runs only once a driver upgrade is in question. Thread-safe; one `Mutex`
/// owns the state.
package final class DriverPodCache: Sendable {
    private struct State {
        var pods: [String: DriverPodSummary] = [:]
        var resync: [String: DriverPodSummary]?
        var isSynced = false
        var isWanted = false
    }

    private let state = Mutex(State())

    /// Creates an empty cache.
    package init() {}

    /// Whether the initial list has loaded.
    package var isSynced: Bool { state.withLock { $0.isSynced } }

    /// Whether the upgrade controller has asked for the watch.
    package var isWanted: Bool { state.withLock { $0.isWanted } }

    /// Asks for the watch to run (from now on).
    /// - Returns: whether this call changed anything.
    @discardableResult
    package func want() -> Bool {
        state.withLock { state in
            defer { state.isWanted = true }
            return !state.isWanted
        }
    }

    /// The driver pods by node name (an orphan and a DaemonSet pod on one node: the DaemonSet's wins).
    package func byNode() -> [String: DriverPodSummary] {
        state.withLock { state in
            var byNode: [String: DriverPodSummary] = [:]
            for pod in state.pods.values {
                guard let node = pod.nodeName else { continue }
                if let existing = byNode[node], existing.daemonSet != nil && !existing.isTerminating { continue }
                byNode[node] = pod
            }
            return byNode
        }
    }

    /// Starts a re-list.
    package func beginResync() { state.withLock { $0.resync = [:] } }

    /// Records a pod from the list or the watch.
    package func upsert(_ pod: Pod) {
        let summary = DriverPodSummary(pod)
        state.withLock { state in
            state.resync?[summary.name] = summary
            state.pods[summary.name] = summary
        }
    }

    /// Forgets a deleted pod.
    package func remove(_ name: String) { state.withLock { _ = $0.pods.removeValue(forKey: name) } }

    /// Ends a re-list, dropping pods that were not listed.
    package func finishResync() {
        state.withLock { state in
            if let listed = state.resync { state.pods = listed }
            state.resync = nil
            state.isSynced = true
        }
    }
}
