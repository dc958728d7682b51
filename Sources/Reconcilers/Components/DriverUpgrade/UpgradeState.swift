/// A node's place in a driver upgrade: the value of the node label `nvidia.com/gpu-driver-upgrade-state`,
/// with upstream's values (k8s-operator-libs), so dashboards, runbooks and k8s-driver-manager keep working.
package enum UpgradeState: String, Sendable, Hashable, CaseIterable {
    /// No label yet: not looked at.
    case unknown = ""
    /// The driver pod runs the newest revision.
    case done = "upgrade-done"
    /// The driver pod is outdated (or an upgrade was requested); waiting for a slot.
    case required = "upgrade-required"
    /// Next: cordon.
    case cordonRequired = "cordon-required"
    /// Next: wait for the pods `waitForCompletion.podSelector` selects.
    case waitForJobsRequired = "wait-for-jobs-required"
    /// Next: evict the node's GPU pods.
    case podDeletionRequired = "pod-deletion-required"
    /// Next: drain the node (only after GPU-pod eviction failed and `drain.enable` is set).
    case drainRequired = "drain-required"
    /// Next: replace the driver pod and wait for it to be ready.
    case podRestartRequired = "pod-restart-required"
    /// Next: wait for the validator pod on the node.
    case validationRequired = "validation-required"
    /// Next: uncordon.
    case uncordonRequired = "uncordon-required"
    /// A step failed; the rollout pauses until the node is retried.
    case failed = "upgrade-failed"

    /// The state a label value names; any other value (or none) is `unknown`.
    package init(label: String?) { self = UpgradeState(rawValue: label ?? "") ?? .unknown }

    /// Whether the node counts as "in progress" for `maxParallelUpgrades` (upstream counts failed
    /// nodes too).
    package var isInProgress: Bool {
        switch self {
        case .unknown, .done, .required: false
        default: true
        }
    }
}

/// The node labels and annotations of the upgrade protocol (upstream's keys, driver name `gpu`).
package enum UpgradeKeys {
    /// Node label: the state.
    package static let state = "nvidia.com/gpu-driver-upgrade-state"
    /// Node label set by users: `true` keeps the node out of upgrades.
    package static let skip = "nvidia.com/gpu-driver-upgrade.skip"
    /// Node annotation the node-labelling step sets while the operator manages upgrades
    /// (k8s-driver-manager then leaves eviction to us).
    package static let enabled = "nvidia.com/gpu-driver-upgrade-enabled"
    /// Node annotation: the node was unschedulable when its upgrade was detected (never uncordoned).
    package static let initialUnschedulable = "nvidia.com/gpu-driver-upgrade.node-initial-state.unschedulable"
    /// Node annotation: unix seconds when waiting for jobs began.
    package static let waitForJobsStart = "nvidia.com/gpu-driver-upgrade-wait-for-pod-completion-start-time"
    /// Node annotation: unix seconds when waiting for the validator began.
    package static let validationStart = "nvidia.com/gpu-driver-upgrade-validation-start-time"
    /// Node annotation set by people: `true` forces the node into `upgrade-required`.
    package static let requested = "nvidia.com/gpu-driver-upgrade-requested"
    /// Node annotation (ours): unix seconds when GPU-pod eviction began, so its timeout survives a restart.
    package static let podDeletionStart = "nvidia.com/gpu-driver-upgrade-pod-deletion-start-time"
    /// Node annotation (ours): unix seconds when the driver pod restart began (bounded wait).
    package static let podRestartStart = "nvidia.com/gpu-driver-upgrade-pod-restart-start-time"
    /// Node annotation (ours): the operator cordoned this node; only such a node is uncordoned.
    package static let cordonedByOperator = "nvidia.com/gpu-driver-upgrade.cordoned-by-operator"
    /// Node annotation (ours): why the node's upgrade failed, for people and the status.
    package static let failureReason = "nvidia.com/gpu-driver-upgrade.failure-reason"
    /// Pod label: `true` keeps a pod out of the drain.
    package static let drainSkip = "nvidia.com/gpu-driver-upgrade-drain.skip"
    /// Every node annotation the upgrade reads, so node snapshots keep exactly these.
    package static let annotations: Set<String> = [
        enabled, initialUnschedulable, waitForJobsStart, validationStart, requested, podDeletionStart, podRestartStart,
        cordonedByOperator, failureReason,
    ]
}
