import KubeModels
import Manifests

/// `driver.upgradePolicy` with upstream's CRD defaults filled in (an absent policy is disabled).
package struct UpgradePolicy: Sendable, Hashable {
    /// Whether the operator rolls driver upgrades at all.
    package var autoUpgrade = false
    /// Nodes in progress at once; 0 = no cap.
    package var maxParallelUpgrades = 1
    /// Nodes that may be unavailable (cordoned or not Ready), an integer or a percentage.
    package var maxUnavailable: IntOrString = "25%"
    /// Pods to wait for before evicting anything (label selector); `nil` waits for nothing.
    package var waitPodSelector: String?
    /// How long to wait for them; 0 = no limit. Expiry is not a failure.
    package var waitTimeoutSeconds = 0
    /// Evict GPU pods that have no controller.
    package var forceDeletion = false
    /// How long evicting GPU pods may take; 0 = no limit.
    package var deletionTimeoutSeconds = 300
    /// Evict GPU pods with `emptyDir` volumes.
    package var deleteEmptyDir = false
    /// Drain the node when GPU-pod eviction fails.
    package var drainEnabled = false
    /// The drain may remove pods without a controller.
    package var drainForce = false
    /// The pods the drain removes (label selector); the drain-skip clause is always added.
    package var drainPodSelector: String?
    /// How long the drain may take; 0 = no limit.
    package var drainTimeoutSeconds = 300
    /// The drain may remove pods with `emptyDir` volumes.
    package var drainDeleteEmptyDir = false

    /// Creates the default (disabled) policy.
    package init() {}

    /// The policy a ClusterPolicy declares, with CRD defaults for absent fields.
    package init(_ spec: DriverUpgradePolicySpec?) {
        guard let spec else { return }
        autoUpgrade = spec.autoUpgrade ?? false
        maxParallelUpgrades = max(0, spec.maxParallelUpgrades ?? 1)
        maxUnavailable = spec.maxUnavailable ?? "25%"
        waitPodSelector = spec.waitForCompletion?.podSelector.flatMap { $0.isEmpty ? nil : $0 }
        waitTimeoutSeconds = max(0, spec.waitForCompletion?.timeoutSeconds ?? 0)
        forceDeletion = spec.podDeletion?.force ?? false
        deletionTimeoutSeconds = max(0, spec.podDeletion?.timeoutSeconds ?? 300)
        deleteEmptyDir = spec.podDeletion?.deleteEmptyDir ?? false
        drainEnabled = spec.drain?.enable ?? false
        drainForce = spec.drain?.force ?? false
        drainPodSelector = spec.drain?.podSelector.flatMap { $0.isEmpty ? nil : $0 }
        drainTimeoutSeconds = max(0, spec.drain?.timeoutSeconds ?? 300)
        drainDeleteEmptyDir = spec.drain?.deleteEmptyDir ?? false
    }

    /// The policy in effect for `spec`: its upgradePolicy, or disabled when the operator does not run
    /// the driver (driver disabled) or runs sandbox workloads (upstream leaves those alone).
    package init(managing spec: ClusterPolicySpec) {
        guard Component.driver.isEnabled(in: spec), spec.sandboxWorkloads.enabled != true else {
            self.init()
            return
        }
        self.init(spec.driver.upgradePolicy)
    }

    /// The drain's pod selector: the user's, plus the clause that spares pods labelled drain-skip.
    package var effectiveDrainSelector: String {
        let skip = "\(UpgradeKeys.drainSkip)!=true"
        return drainPodSelector.map { "\($0),\(skip)" } ?? skip
    }

    /// `maxUnavailable` as a node count over `total` nodes (percentages rounded up), or `nil` when it
    /// is malformed (a string without `%`).
    package func maxUnavailableNodes(of total: Int) -> Int? {
        switch maxUnavailable {
        case .int(let value): return Int(max(0, value))
        case .string(let text):
            guard text.hasSuffix("%"), let percent = Int(text.dropLast()), percent >= 0 else { return nil }
            return (percent * total + 99) / 100
        }
    }
}
