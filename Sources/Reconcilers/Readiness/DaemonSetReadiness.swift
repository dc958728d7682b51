import KubeModels

/// Whether a DaemonSet's pods are all up to date and available (DESIGN.md "Readiness"; reference §2.4),
/// and if not, which nodes are behind.
package enum DaemonSetReadiness {
    /// The readiness of one DaemonSet.
    package struct Report: Sendable, Hashable {
        package var name: String
        package var isReady: Bool
        /// Nodes that should run a pod.
        package var desired: Int
        /// Nodes whose pod is up to date and available.
        package var ready: Int
        /// Not-ready nodes with their pod's status text, sorted by node name.
        package var notReady: [NodePodStatus]
        /// Why the DaemonSet is not ready when no pod explains it (e.g. the controller has not caught up).
        package var reason: String?
        /// How many nodes are not ready in all, when ``notReady`` lists only some of them.
        package var notReadyCount: Int? = nil
    }

    /// A node whose operand pod is not ready, and the pod's status text.
    package struct NodePodStatus: Sendable, Hashable {
        package var node: String
        package var status: String
    }

    /// Whether the DaemonSet needs its pods inspected to decide (OnDelete) or to explain (not ready).
    package static func needsPods(_ ds: DaemonSet) -> Bool {
        !statusSaysReady(ds) || ds.spec?.updateStrategy?.type == "OnDelete"
    }

    /// The status-only rule: no nodes to run on, or the controller observed the latest spec and every
    /// desired pod is updated and available.
    package static func statusSaysReady(_ ds: DaemonSet) -> Bool {
        let status = ds.status ?? DaemonSetStatus()
        // A DaemonSet the controller has not looked at yet also says "0 desired": not ready until
        // it has observed the current generation.
        if (status.observedGeneration ?? 0) < (ds.metadata.generation ?? 0) { return false }
        let desired = status.desiredNumberScheduled ?? 0
        if desired == 0 { return true }
        if (status.numberUnavailable ?? 0) != 0 { return false }
        return (status.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0)
            && (status.updatedNumberScheduled ?? 0) == desired
            && (status.numberAvailable ?? 0) == desired
    }

    /// Evaluates a DaemonSet.
    /// - Parameters:
    ///   - ds: the live DaemonSet.
    ///   - pods: its pods when they were inspected, `nil` when only the status is known.
    ///   - newestRevisionHash: for OnDelete DaemonSets, the hash of the newest ControllerRevision; when
    ///     known (with the pods), every pod must carry it.
    package static func evaluate(_ ds: DaemonSet, pods inspected: [Pod]?, newestRevisionHash: String?) -> Report {
        let pods = inspected ?? []
        let name = ds.metadata.name ?? ""
        let desired = ds.status?.desiredNumberScheduled ?? 0
        let owned = pods.filter { pod in pod.metadata.ownerReferences?.first?.uid == ds.metadata.uid || ds.metadata.uid == nil }
        let isOnDelete = ds.spec?.updateStrategy?.type == "OnDelete"
        func upToDate(_ pod: Pod) -> Bool {
            guard isOnDelete, let newestRevisionHash else { return true }
            return pod.metadata.labels?["controller-revision-hash"] == newestRevisionHash
        }
        var notReady: [NodePodStatus] = []
        var readyCount = 0
        for pod in owned {
            let node = pod.spec?.nodeName ?? "(unscheduled)"
            if PodStatusSummary.isReady(pod) && upToDate(pod) {
                readyCount += 1
            } else {
                let status = PodStatusSummary.isReady(pod) ? "old revision" : PodStatusSummary.explain(pod)
                notReady.append(NodePodStatus(node: node, status: status))
            }
        }
        notReady.sort { $0.node < $1.node }
        var isReady = statusSaysReady(ds)
        var reason: String?
        if desired == 0 && isReady {
            return Report(name: name, isReady: true, desired: 0, ready: 0, notReady: [], reason: nil)
        }
        if isOnDelete, inspected != nil, newestRevisionHash != nil {
            isReady = isReady && !owned.isEmpty && owned.allSatisfy { PodStatusSummary.isReady($0) && upToDate($0) }
        }
        if !isReady && notReady.isEmpty {
            let status = ds.status ?? DaemonSetStatus()
            if isOnDelete && inspected != nil && owned.isEmpty {
                reason = "no pods found"
            } else if (status.observedGeneration ?? 0) < (ds.metadata.generation ?? 0) {
                reason = "the DaemonSet controller has not processed the latest spec yet"
            } else if (status.updatedNumberScheduled ?? 0) < desired {
                reason = "\((status.updatedNumberScheduled ?? 0))/\(desired) pods updated"
            } else {
                reason = "\(status.numberAvailable ?? 0)/\(desired) pods available"
            }
        }
        let readyShown = isReady ? desired : min(desired, inspected == nil ? (ds.status?.numberAvailable ?? 0) : readyCount)
        return Report(name: name, isReady: isReady, desired: desired, ready: readyShown, notReady: notReady, reason: reason)
    }

    /// The newest ControllerRevision's hash for a DaemonSet: the name of the revision with the highest
    /// `.revision` among those named `<ds>-...`, minus that prefix.
    package static func newestRevisionHash(of ds: String, in revisions: [ControllerRevisionSummary]) -> String? {
        let prefix = ds + "-"
        // The hash never contains "-": this keeps `nvidia-dcgm` from matching `nvidia-dcgm-exporter-…`.
        return revisions.filter { $0.name.hasPrefix(prefix) && !$0.name.dropFirst(prefix.count).contains("-") }
            .max { $0.revision < $1.revision }.map { String($0.name.dropFirst(prefix.count)) }
    }
}

/// The two fields of a ControllerRevision readiness needs.
package struct ControllerRevisionSummary: Sendable, Hashable {
    package var name: String
    package var revision: Int64

    /// Creates a summary.
    package init(name: String, revision: Int64) {
        self.name = name
        self.revision = revision
    }
}
