import Synchronization
import Testing

@testable import KubeModels
@testable import Manifests

// Shared builders of the Reconcilers tests: node labels, DaemonSets, pods and container states, plus
// small concurrency helpers (a locked box, bounded polling with `Task.yield`).

// MARK: - Node labels

/// Label keys the node-labelling and facts tests use, spelled out as upstream spells them so the tests
/// do not merely echo the code's own constants.
enum Key {
    static let pci10de = "feature.node.kubernetes.io/pci-10de.present"
    static let pci0302 = "feature.node.kubernetes.io/pci-0302_10de.present"
    static let pci0300 = "feature.node.kubernetes.io/pci-0300_10de.present"
    static let gpuPresent = "nvidia.com/gpu.present"
    static let operands = "nvidia.com/gpu.deploy.operands"
    static let workloadConfig = "nvidia.com/gpu.workload.config"
    static let migCapable = "nvidia.com/mig.capable"
    static let migConfig = "nvidia.com/mig.config"
    static let migManager = "nvidia.com/gpu.deploy.mig-manager"
    static let product = "nvidia.com/gpu.product"
    static let vgpuHostDriver = "nvidia.com/vgpu.host-driver-version"
    static let osID = "feature.node.kubernetes.io/system-os_release.ID"
    static let osVersion = "feature.node.kubernetes.io/system-os_release.VERSION_ID"
    static let kernel = "feature.node.kubernetes.io/kernel-version.full"

    /// `nvidia.com/gpu.deploy.<component>`.
    static func deploy(_ component: String) -> String { "nvidia.com/gpu.deploy." + component }
}

/// Deploy labels with value `true` for the given components (suffixes of `nvidia.com/gpu.deploy.`).
func deployLabels(_ components: [String], value: String = "true") -> [String: String] {
    Dictionary(uniqueKeysWithValues: components.map { (Key.deploy($0), value) })
}

/// Upstream's label sets per workload configuration (reference §3.3), written out independently of
/// the code under test.
enum StateLabels {
    /// The nine labels of the `container` workload configuration.
    static let container = deployLabels([
        "driver", "gpu-feature-discovery", "container-toolkit", "device-plugin", "dcgm", "dcgm-exporter",
        "node-status-exporter", "operator-validator", "client",
    ])
    /// `vm-passthrough` with sandbox mode `kubevirt`.
    static let passthroughKubevirt = deployLabels([
        "sandbox-device-plugin", "sandbox-validator", "vfio-manager", "kata-manager", "cc-manager", "client",
    ])
    /// `vm-passthrough` with sandbox mode `kata`.
    static let passthroughKata = deployLabels([
        "kata-sandbox-device-plugin", "sandbox-validator", "vfio-manager", "kata-manager", "cc-manager", "client",
    ])
    /// `vm-vgpu` (either sandbox mode).
    static let vmVGPU = deployLabels([
        "sandbox-device-plugin", "vgpu-manager", "vgpu-device-manager", "sandbox-validator", "cc-manager", "client",
    ])
}

/// Merges label maps; later maps win.
func merge(_ maps: [String: String]...) -> [String: String] {
    maps.reduce(into: [:]) { result, map in result.merge(map) { _, new in new } }
}

/// Applies label changes as a JSON merge patch would: a value sets the label, `nil` removes it.
func applying(_ changes: [String: String?], to labels: [String: String]) -> [String: String] {
    var result = labels
    for (key, value) in changes { result[key] = value }
    return result
}

/// A spec with every section empty (code defaults), then edited.
func spec(_ mutate: (inout ClusterPolicySpec) -> Void = { _ in }) -> ClusterPolicySpec {
    var spec = ClusterPolicySpec()
    mutate(&spec)
    return spec
}

/// A spec with sandbox workloads enabled in `mode`, with an optional default workload.
func sandboxSpec(mode: String?, defaultWorkload: String? = nil) -> ClusterPolicySpec {
    spec {
        $0.sandboxWorkloads.enabled = true
        $0.sandboxWorkloads.mode = mode
        $0.sandboxWorkloads.defaultWorkload = defaultWorkload
    }
}

// MARK: - DaemonSets

/// The UID the fixture DaemonSet has, and that owned pods reference.
let dsUID = "0b8c7e1a-ds"

/// A DaemonSet with the given strategy and status counters; a `nil` counter is left unset.
func daemonSet(
    name: String = "nvidia-driver-daemonset",
    uid: String? = dsUID,
    generation: Int64 = 2,
    strategy: String? = "RollingUpdate",
    desired: Int?,
    observedGeneration: Int64? = 2,
    updated: Int? = nil,
    available: Int? = nil,
    unavailable: Int? = nil
) -> DaemonSet {
    var metadata = ObjectMeta(name: name, namespace: "gpu-operator")
    metadata.uid = uid
    metadata.generation = generation
    let template = PodTemplateSpec(spec: PodSpec(containers: []))
    let spec = DaemonSetSpec(
        selector: LabelSelector(matchLabels: ["app": name]), template: template,
        updateStrategy: strategy.map { DaemonSetUpdateStrategy(type: $0) })
    var status = DaemonSetStatus()
    status.desiredNumberScheduled = desired
    status.observedGeneration = observedGeneration
    status.updatedNumberScheduled = updated
    status.numberAvailable = available
    status.numberUnavailable = unavailable
    return DaemonSet(metadata: metadata, spec: spec, status: status)
}

/// A DaemonSet whose controller reports every one of `count` pods updated and available.
func settledDaemonSet(name: String = "nvidia-driver-daemonset", strategy: String? = "RollingUpdate", count: Int) -> DaemonSet {
    daemonSet(name: name, strategy: strategy, desired: count, updated: count, available: count, unavailable: 0)
}

// MARK: - Pods

/// A running container, ready or not.
func runningContainer(_ name: String = "main", ready: Bool = true) -> ContainerStatus {
    ContainerStatus(name: name, ready: ready, state: ContainerState(running: ContainerStateDetail(startedAt: "2025-01-01T00:00:00Z")))
}

/// A container waiting for `reason` (`ContainerCreating`, `CrashLoopBackOff`, `PodInitializing`, ...).
func waitingContainer(_ name: String = "main", reason: String?) -> ContainerStatus {
    ContainerStatus(name: name, ready: false, state: ContainerState(waiting: ContainerStateDetail(reason: reason)))
}

/// A container that exited with `exitCode` and an optional `reason` (`Completed`, `Error`, ...).
func terminatedContainer(_ name: String = "main", reason: String?, exitCode: Int) -> ContainerStatus {
    ContainerStatus(name: name, ready: false, state: ContainerState(terminated: ContainerStateDetail(reason: reason, exitCode: exitCode)))
}

/// A pod of the fixture DaemonSet on `node`.
/// - Parameters:
///   - node: `spec.nodeName`.
///   - owner: UID of the first ownerReference (`nil`: no owner).
///   - revision: the `controller-revision-hash` label.
///   - phase: `status.phase`.
///   - initSpecs: how many init containers the spec declares (defaults to the statuses given).
///   - initContainers: init container statuses.
///   - containers: container statuses.
///   - readyCondition: the `Ready` condition's status; `nil` leaves the condition out.
///   - reason: `status.reason` (e.g. `Evicted`).
///   - terminating: whether `deletionTimestamp` is set.
func pod(
    node: String,
    owner: String? = dsUID,
    revision: String? = nil,
    phase: String? = "Running",
    initSpecs: Int? = nil,
    initContainers: [ContainerStatus] = [],
    containers: [ContainerStatus] = [runningContainer()],
    readyCondition: Bool? = nil,
    reason: String? = nil,
    terminating: Bool = false
) -> Pod {
    var metadata = ObjectMeta(
        name: "pod-\(node)", namespace: "gpu-operator",
        labels: revision.map { ["controller-revision-hash": $0] },
        ownerReferences: owner.map { [OwnerReference(apiVersion: "apps/v1", kind: "DaemonSet", name: "ds", uid: $0, controller: true)] })
    if terminating { metadata.deletionTimestamp = "2025-01-01T00:00:00Z" }
    var spec = PodSpec(containers: containers.map { Container(name: $0.name) })
    let initCount = initSpecs ?? initContainers.count
    if initCount > 0 { spec.initContainers = (0..<initCount).map { Container(name: "init-\($0)") } }
    spec.nodeName = node
    var status = PodStatus()
    status.phase = phase
    status.reason = reason
    status.initContainerStatuses = initContainers.isEmpty ? nil : initContainers
    status.containerStatuses = containers.isEmpty ? nil : containers
    let allReady = !containers.isEmpty && containers.allSatisfy(\.ready)
    if let ready = readyCondition ?? (phase == "Running" ? allReady : nil) {
        status.conditions = [PodCondition(type: "Ready", status: ready ? "True" : "False")]
    }
    return Pod(metadata: metadata, spec: spec, status: status)
}

/// A running pod on `node` whose containers are all ready, on `revision`.
func readyPod(node: String, owner: String? = dsUID, revision: String? = nil) -> Pod {
    pod(node: node, owner: owner, revision: revision)
}

// MARK: - Concurrency helpers

/// A value shared with tasks a test does not await (so that a bug makes the test fail instead of hang).
final class LockedBox<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    /// Creates a box holding `value`.
    init(_ value: Value) { storage = Mutex(value) }

    /// The current value.
    var value: Value { storage.withLock { $0 } }

    /// Replaces the value.
    func set(_ value: Value) { storage.withLock { $0 = value } }

    /// Edits the value under the lock and returns what `body` returns.
    func update<R: Sendable>(_ body: (inout Value) -> R) -> R { storage.withLock { body(&$0) } }
}

/// Yields until `condition` holds, at most `attempts` times; returns whether it held. Lets tasks on
/// other threads (the queue's timer, workers) react without any wall-clock sleep.
func eventually(attempts: Int = 200_000, _ condition: () async -> Bool) async -> Bool {
    for _ in 0..<attempts {
        if await condition() { return true }
        await Task.yield()
    }
    return await condition()
}

/// Yields `count` times, giving other tasks a chance to do something they must not do.
func yieldRepeatedly(_ count: Int = 2_000) async {
    for _ in 0..<count { await Task.yield() }
}
