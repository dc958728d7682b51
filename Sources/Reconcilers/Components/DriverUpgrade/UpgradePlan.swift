/// What one planner pass asks for on one node: its next state and the writes and pod operations that
/// go with it. The executor makes the node's writes in one merge patch, then the pod operations.
package struct NodeStep: Sendable, Hashable {
    /// The node.
    package var node: String
    /// The state it was in.
    package var from: UpgradeState
    /// The state it moves to (equal to `from` when it waits or works within the state).
    package var to: UpgradeState
    /// Annotations to set (`nil` removes).
    package var annotations: [String: String?] = [:]
    /// `spec.unschedulable` to set, if it changes.
    package var unschedulable: Bool?
    /// Pods to evict through the Eviction API.
    package var evict: [WorkloadPod] = []
    /// The driver pod to delete (its DaemonSet recreates it on the newest revision).
    package var deleteDriverPod: String?
    /// What the node waits for, for people (status, logs), when it does not move.
    package var waitingFor: String?
    /// Why the node failed, when it moves to `upgrade-failed`.
    package var failure: String?

    /// Creates a step that changes nothing yet.
    package init(node: String, from: UpgradeState) {
        self.node = node
        self.from = from
        self.to = from
    }

    /// Whether the node itself must be patched.
    package var patchesNode: Bool { to != from || !annotations.isEmpty || unschedulable != nil }

    /// Whether the step does anything.
    package var acts: Bool { patchesNode || !evict.isEmpty || deleteDriverPod != nil }
}

/// The result of one planner pass.
package struct UpgradePlan: Sendable, Hashable {
    /// Per node, what to do; nodes with nothing to do or report are left out.
    package var steps: [NodeStep]
    /// Nodes per state after the pass.
    package var counts: [UpgradeState: Int]
    /// Nodes whose driver pod runs an older revision (whatever their state).
    package var outdated: [String]
    /// Upgrade slots still free after the pass (the `available` metric).
    package var available: Int

    /// Whether some node is in flight (so the loop should look again soon).
    package var isActive: Bool { counts.contains { $0.key.isInProgress && $0.value > 0 } || (counts[.required] ?? 0) > 0 }
}
