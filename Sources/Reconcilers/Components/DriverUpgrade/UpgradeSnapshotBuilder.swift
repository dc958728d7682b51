import Foundation
import KubeClient
import KubeModels
import Manifests

/// Builds the planner's snapshot: nodes and driver pods from the caches, the newest ControllerRevision
/// of each driver DaemonSet, and — only for the nodes in a state that needs them — the pods on a node
/// (scoped lists by `spec.nodeName`, never every pod of the cluster).
struct UpgradeSnapshotBuilder {
    let context: ControllerContext

    /// The snapshot for `pass`, or `nil` while the driver pods have not been listed yet.
    /// - Throws: ``ReconcileError/upgrade(_:cause:)`` when a read fails.
    func build(_ pass: ReconcilePass, policy: UpgradePolicy, daemonSets: [DaemonSet]) async throws(ReconcileError) -> UpgradeSnapshot? {
        guard context.driverPods.isSynced else { return nil }
        var newest: [String: String] = [:]
        var digests: [String: String] = [:]
        for ds in daemonSets {
            let name = ds.metadata.name ?? ""
            newest[name] = try await newestRevision(of: ds)
            if let digest = Self.digest(ofRendered: pass.render.objects(of: .driver).first { $0.resourceType == .daemonSets && $0.name == name }) {
                digests[name] = digest
            }
        }
        let pods = context.driverPods.byNode()
        var nodes: [UpgradeNode] = []
        for name in pass.facts.gpuNodes {
            guard let snapshot = context.node(name) else { continue }
            let state = UpgradeState(label: snapshot.labels[UpgradeKeys.state])
            // A node between the deletion of its driver pod and the replacement's arrival is still in
            // its upgrade (and holds its slot); a node never in one and without a driver pod is not ours.
            guard pods[name] != nil || (state != .unknown && state != .done) else { continue }
            var node = UpgradeNode(name: name, state: state)
            node.skip = snapshot.labels[UpgradeKeys.skip] == "true"
            node.annotations = snapshot.upgradeAnnotations
            node.unschedulable = snapshot.unschedulable
            node.isReady = snapshot.isReady
            if let pod = pods[name] {
                var driver = DriverPod(
                    name: pod.name, daemonSet: pod.daemonSet, revisionHash: pod.revisionHash, digest: pod.digest, isReady: pod.isReady)
                driver.isTerminating = pod.isTerminating
                driver.notReadyRestarts = pod.notReadyRestarts
                node.driverPod = driver
            }
            node.lastEvictionError = context.evictionErrors.get(name)
            try await addPods(to: &node, policy: policy)
            nodes.append(node)
        }
        return UpgradeSnapshot(
            policy: policy, now: Int64(context.wallClock().timeIntervalSince1970), newestRevision: newest, templateDigest: digests,
            nodes: nodes)
    }

    /// Lists the pods on the node that its state needs.
    private func addPods(to node: inout UpgradeNode, policy: UpgradePolicy) async throws(ReconcileError) {
        let onNode = "spec.nodeName=\(node.name)"
        switch node.state {
        case .waitForJobsRequired:
            guard let selector = policy.waitPodSelector else { return }
            node.waitPods = try await list(labelSelector: selector, fieldSelector: onNode, node: node.name).filter(Self.isActive).map(
                WorkloadPod.init)
        case .podDeletionRequired:
            node.gpuPods = try await list(labelSelector: nil, fieldSelector: onNode, node: node.name)
                .filter { Self.isActive($0) && GPUPods.usesGPU($0) }.map(WorkloadPod.init)
        case .drainRequired:
            node.drainPods = try await list(labelSelector: policy.effectiveDrainSelector, fieldSelector: onNode, node: node.name)
                .filter { Self.isActive($0) && !GPUPods.isDaemonSetPod($0) && !GPUPods.isMirrorPod($0) }.map(WorkloadPod.init)
        case .validationRequired:
            node.validators = try await list(labelSelector: "app=nvidia-operator-validator", fieldSelector: onNode, node: node.name)
                .map { pod in
                    let statuses = pod.status?.containerStatuses ?? []
                    return pod.status?.phase == "Running" && !statuses.isEmpty && statuses.allSatisfy(\.ready)
                }
        default:
            return
        }
    }

    private func list(labelSelector: String?, fieldSelector: String, node: String) async throws(ReconcileError) -> [Pod] {
        do {
            return try await context.client.list(Pod.self, labelSelector: labelSelector, fieldSelector: fieldSelector).items
        } catch {
            throw .upgrade(node, cause: error)
        }
    }

    /// The newest ControllerRevision's hash of a DaemonSet (revisions named `<ds>-<hash>`, selected by
    /// the DaemonSet's `matchLabels`, highest `.revision`).
    private func newestRevision(of ds: DaemonSet) async throws(ReconcileError) -> String? {
        let name = ds.metadata.name ?? ""
        let selector = (ds.spec?.selector.matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let revisions: [ControllerRevision]
        do {
            revisions = try await context.client.list(ControllerRevision.self, namespace: context.namespace, labelSelector: selector).items
        } catch {
            throw .upgrade(name, cause: error)
        }
        let prefix = name + "-"
        let newest = revisions.filter { ($0.metadata.name ?? "").hasPrefix(prefix) }.max { $0.revision < $1.revision }
        return newest.map { String(($0.metadata.name ?? "").dropFirst(prefix.count)) }
    }

    /// The `DRIVER_CONFIG_DIGEST` a rendered driver DaemonSet sets (init containers first).
    static func digest(ofRendered object: RenderedObject?) -> String? {
        guard let spec = object?.body[path: ["spec", "template", "spec"]] else { return nil }
        for list in ["initContainers", "containers"] {
            for container in spec[list]?.arrayValue ?? [] {
                for env in container["env"]?.arrayValue ?? [] where env["name"]?.stringValue == "DRIVER_CONFIG_DIGEST" {
                    if let value = env["value"]?.stringValue, !value.isEmpty { return value }
                }
            }
        }
        return nil
    }

    /// Running or Pending (what eviction and waiting consider).
    static func isActive(_ pod: Pod) -> Bool {
        let phase = pod.status?.phase ?? "Pending"
        return (phase == "Running" || phase == "Pending") && pod.metadata.deletionTimestamp == nil
    }
}

extension WorkloadPod {
    /// Summarises a pod for eviction decisions.
    init(_ pod: Pod) {
        self.init(namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "")
        hasController = pod.metadata.ownerReferences?.contains { $0.controller == true } ?? false
        usesEmptyDir = pod.spec?.volumes?.contains { $0.emptyDir != nil } ?? false
        isDaemonSetPod = GPUPods.isDaemonSetPod(pod)
    }
}

/// How upstream tells a GPU pod: Running or Pending, and a regular container requests or limits a
/// resource named `nvidia.com/gpu*` or `nvidia.com/mig-*`, or the pod holds a DRA claim. Upstream reads
/// each claim and counts it when `gpu.nvidia.com` allocated it — and counts a claim it cannot read as a
/// GPU claim; this operator does not read ResourceClaims (no rights to them), so every pod with a claim
/// counts, the same safe side.
package enum GPUPods {
    /// Whether some regular container asks for an NVIDIA GPU or MIG device, or the pod holds a DRA claim.
    package static func usesGPU(_ pod: Pod) -> Bool {
        if let claims = pod.spec?.resourceClaims?.arrayValue, !claims.isEmpty { return true }
        return (pod.spec?.containers ?? []).contains { container in
            let names = Array((container.resources?.limits ?? [:]).keys) + Array((container.resources?.requests ?? [:]).keys)
            return names.contains { $0.hasPrefix("nvidia.com/gpu") || $0.hasPrefix("nvidia.com/mig-") }
        }
    }

    /// Whether a DaemonSet controls the pod.
    package static func isDaemonSetPod(_ pod: Pod) -> Bool {
        pod.metadata.ownerReferences?.contains { $0.kind == "DaemonSet" && $0.controller == true } ?? false
    }

    /// Whether the pod is a static pod's mirror.
    package static func isMirrorPod(_ pod: Pod) -> Bool {
        pod.metadata.annotations?["kubernetes.io/config.mirror"] != nil
    }
}
