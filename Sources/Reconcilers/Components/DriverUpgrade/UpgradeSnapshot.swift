/// Everything the upgrade planner decides from: the policy, the time, and each GPU node running a
/// driver pod, with the pods on it that matter. Built by ``UpgradeSnapshotBuilder`` from the caches
/// and scoped reads; the planner itself does no I/O.
package struct UpgradeSnapshot: Sendable, Hashable {
    /// The resolved upgrade policy.
    package var policy: UpgradePolicy
    /// Wall-clock time, in unix seconds (the start-time annotations use it, as upstream's do).
    package var now: Int64
    /// The newest ControllerRevision hash of each driver DaemonSet, by DaemonSet name.
    package var newestRevision: [String: String]
    /// The `DRIVER_CONFIG_DIGEST` of each driver DaemonSet's template, by DaemonSet name.
    package var templateDigest: [String: String]
    /// The nodes that run a driver pod, sorted by name.
    package var nodes: [UpgradeNode]

    /// Creates a snapshot.
    package init(policy: UpgradePolicy, now: Int64, newestRevision: [String: String], templateDigest: [String: String], nodes: [UpgradeNode]) {
        self.policy = policy
        self.now = now
        self.newestRevision = newestRevision
        self.templateDigest = templateDigest
        self.nodes = nodes
    }
}

/// One GPU node as the upgrade sees it.
package struct UpgradeNode: Sendable, Hashable {
    /// The node's name.
    package var name: String
    /// Its upgrade state label.
    package var state: UpgradeState
    /// Whether it carries the skip label.
    package var skip = false
    /// Its upgrade annotations (only ``UpgradeKeys/annotations``).
    package var annotations: [String: String] = [:]
    /// `spec.unschedulable`.
    package var unschedulable = false
    /// Whether its `Ready` condition is `True`.
    package var isReady = true
    /// Its driver pod.
    package var driverPod: DriverPod?
    /// Running or Pending pods on it that use a GPU (filled while the node is being emptied).
    package var gpuPods: [WorkloadPod] = []
    /// Running or Pending pods on it that `waitForCompletion.podSelector` selects.
    package var waitPods: [WorkloadPod] = []
    /// Pods the drain would remove (filled while the node is being drained).
    package var drainPods: [WorkloadPod] = []
    /// Readiness of the validator pods on it.
    package var validators: [Bool] = []
    /// Why the last eviction on this node did not go through (e.g. a PodDisruptionBudget), if it did not.
    package var lastEvictionError: String?

    /// Creates a node.
    package init(name: String, state: UpgradeState) {
        self.name = name
        self.state = state
    }

    /// An annotation's unix-seconds value.
    package func time(_ key: String) -> Int64? { annotations[key].flatMap { Int64($0) } }
}

/// A driver pod.
package struct DriverPod: Sendable, Hashable {
    /// The pod's name.
    package var name: String
    /// The DaemonSet controlling it (`nil`: orphaned).
    package var daemonSet: String?
    /// Its `controller-revision-hash` label.
    package var revisionHash: String?
    /// Its `DRIVER_CONFIG_DIGEST`.
    package var digest: String?
    /// Running, with every container Ready.
    package var isReady: Bool
    /// Being deleted.
    package var isTerminating = false
    /// The highest restart count among its containers that are not Ready.
    package var notReadyRestarts = 0

    /// Creates a driver pod summary.
    package init(name: String, daemonSet: String?, revisionHash: String?, digest: String?, isReady: Bool) {
        self.name = name
        self.daemonSet = daemonSet
        self.revisionHash = revisionHash
        self.digest = digest
        self.isReady = isReady
    }
}

/// A workload pod on a node being upgraded.
package struct WorkloadPod: Sendable, Hashable, CustomStringConvertible {
    /// Its namespace.
    package var namespace: String
    /// Its name.
    package var name: String
    /// Whether some ownerReference has `controller: true`.
    package var hasController = true
    /// Whether it mounts an `emptyDir` volume.
    package var usesEmptyDir = false
    /// Whether a DaemonSet controls it (eviction would only bring it back).
    package var isDaemonSetPod = false

    /// Creates a workload pod summary.
    package init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// `namespace/name`.
    package var description: String { "\(namespace)/\(name)" }
}
