import CoreMetrics
import KubeClient
import KubeModels
import Logging
import Manifests

/// The node-label component: turns NFD's PCI labels into `nvidia.com/gpu.present` and the
/// `nvidia.com/gpu.deploy.*` labels that select each operand (rules in ``NodeLabelRules``). Keyed by
/// node rather than by cluster pass: each node is reconciled on its own, several at a time, so a
/// new node is labelled without waiting for the whole cluster.
///
/// One JSON merge patch per node that needs a change, none otherwise. The patch answer is recorded as
/// an expectation (``ControllerContext/nodeWrites``), never written into the node cache, so a node
/// re-queued before the watch shows the patch is not patched twice.
package struct NodeLabelReconciler: Sendable {
    private let context: ControllerContext

    /// Creates the reconciler.
    package init(context: ControllerContext) { self.context = context }

    /// Reconciles the labels of node `name`.
    /// - Returns: ``ReconcileStep/applied(_:)`` when a patch was sent, `nil` when the node needed none
    ///   (or is gone, or no policy is active, or NVIDIA's operator still runs).
    /// - Throws: ``ReconcileError/labelNode(_:cause:)`` when the patch fails (the queue retries with backoff).
    @discardableResult
    package func reconcile(_ name: String, logger: Logger) async throws(ReconcileError) -> ReconcileStep? {
        // While NVIDIA's operator runs it labels nodes too: write nothing (the cluster reconcile says
        // why in the status and re-queues every node once it stops).
        guard !context.upstreamGate.isBlocked else { return nil }
        guard let node = context.node(name), let policy = ActivePolicy.select(context.policies.all()) else { return nil }
        var changes = NodeLabelRules.changes(for: node.labels, spec: policy.spec, runtimeFlavor: node.runtimeFlavor)
        if let state = Self.initialUpgradeState(node, labelChanges: changes, spec: policy.spec) { changes[UpgradeKeys.state] = state }
        let annotation = Self.upgradeEnabledChange(node, labelChanges: changes, spec: policy.spec)
        guard !changes.isEmpty || annotation != nil else { return nil }
        var labels: [String: JSONValue] = [:]
        for (key, value) in changes { labels[key] = value.map(JSONValue.string) ?? .null }
        var metadata: [String: JSONValue] = [:]
        if !labels.isEmpty { metadata["labels"] = .object(labels) }
        if let annotation { metadata["annotations"] = [UpgradeKeys.enabled: annotation.map(JSONValue.string) ?? .null] }
        let patch: JSONValue = ["metadata": .object(metadata)]
        let before = context.nodes.get(name)?.resourceVersion
        do {
            let updated = try await context.client.patch(Node.self, name: name, patch: .merge(patch))
            context.nodeWrites.expect(
                name, before: before, after: updated.metadata.resourceVersion,
                value: context.nodes.project(updated), now: context.time.now())
        } catch let error as KubeError where error.isNotFound {
            return nil
        } catch {
            throw .labelNode(name, cause: error)
        }
        context.metrics.nodePatches.increment()
        logger.debug("labelled node", metadata: ["changes": .string(Self.describe(changes))])
        return .applied(ObjectIdentity(resourceType: .nodes, namespace: nil, name: name))
    }

    /// The change of the `nvidia.com/gpu-driver-upgrade-enabled` annotation a node needs, if any: `true`
    /// on GPU nodes while the operator manages driver upgrades (driver enabled, `autoUpgrade` on,
    /// sandbox workloads off), so k8s-driver-manager leaves eviction to the upgrade controller; removed
    /// otherwise. `.some(nil)` removes it.
    package static func upgradeEnabledChange(_ node: NodeSnapshot, labelChanges: [String: String?], spec: ClusterPolicySpec) -> String?? {
        let present = labelChanges[NodeLabelKeys.gpuPresent].map { $0 } ?? node.labels[NodeLabelKeys.gpuPresent]
        let managed =
            present == "true" && UpgradePolicy(managing: spec).autoUpgrade
        let current = node.upgradeAnnotations[UpgradeKeys.enabled]
        if managed { return current == "true" ? nil : .some("true") }
        return current == nil ? nil : .some(nil)
    }

    /// `upgrade-done` for a node that will run our driver and has no upgrade state yet, while the
    /// operator manages upgrades — in the same patch as its other labels, so upstream's "every managed
    /// node carries a state" costs no extra write. Its driver pod is created from the newest template;
    /// should it be outdated (upgrades switched on later), the upgrade controller moves it on.
    package static func initialUpgradeState(_ node: NodeSnapshot, labelChanges: [String: String?], spec: ClusterPolicySpec) -> String? {
        guard node.labels[UpgradeKeys.state] == nil else { return nil }
        let driver = labelChanges[NodeLabelKeys.deployPrefix + "driver"].map { $0 } ?? node.labels[NodeLabelKeys.deployPrefix + "driver"]
        guard driver == "true", UpgradePolicy(managing: spec).autoUpgrade else { return nil }
        return UpgradeState.done.rawValue
    }

    private static func describe(_ changes: [String: String?]) -> String {
        changes.keys.sorted().map { key in "\(key)=\(changes[key].flatMap { $0 } ?? "-")" }.joined(separator: ",")
    }
}
