@testable import Reconcilers

/// The newest revision of the test driver DaemonSet.
let newHash = "rev-new"
/// An older revision.
let oldHash = "rev-old"
/// The test driver DaemonSet's name.
let driverDS = "nvidia-driver-daemonset"
/// A fixed wall-clock time (unix seconds): 2026-12-06 14:02:00 UTC.
let tNow: Int64 = 1_796_565_720

/// A node in `state` whose driver pod runs `hash` (ready unless told otherwise).
func upgradeNode(
    _ name: String, _ state: UpgradeState, hash: String? = oldHash, ready: Bool = true, unschedulable: Bool = false,
    annotations: [String: String] = [:]
) -> UpgradeNode {
    var node = UpgradeNode(name: name, state: state)
    node.unschedulable = unschedulable
    node.annotations = annotations
    if let hash {
        node.driverPod = DriverPod(name: "driver-\(name)", daemonSet: driverDS, revisionHash: hash, digest: "d1", isReady: ready)
    }
    return node
}

/// A snapshot with the default policy of NVIDIA's chart (autoUpgrade on, 1 at a time, 25%).
func upgradeSnapshot(
    _ nodes: [UpgradeNode], now: Int64 = tNow, templateDigest: String = "d2", _ configure: (inout UpgradePolicy) -> Void = { _ in }
) -> UpgradeSnapshot {
    var policy = UpgradePolicy()
    policy.autoUpgrade = true
    configure(&policy)
    return UpgradeSnapshot(
        policy: policy, now: now, newestRevision: [driverDS: newHash], templateDigest: [driverDS: templateDigest], nodes: nodes)
}

/// The step planned for `node`, if any.
func step(_ plan: UpgradePlan, _ node: String) -> NodeStep? { plan.steps.first { $0.node == node } }

/// The state `node` is planned to move to (its current one when it has no step).
func next(_ plan: UpgradePlan, _ node: String, from snapshot: UpgradeSnapshot) -> UpgradeState {
    step(plan, node)?.to ?? snapshot.nodes.first { $0.name == node }?.state ?? .unknown
}

/// A GPU pod owned by a controller.
func gpuPod(_ name: String, namespace: String = "ml", controller: Bool = true, emptyDir: Bool = false) -> WorkloadPod {
    var pod = WorkloadPod(namespace: namespace, name: name)
    pod.hasController = controller
    pod.usesEmptyDir = emptyDir
    return pod
}
