import KubeModels
import Manifests
import Testing

@testable import Reconcilers

/// What the node-label reconciler writes for driver upgrades, in the node's one label patch.
@Suite struct UpgradeNodeLabelTests {
    private func spec(autoUpgrade: Bool?) throws -> ClusterPolicySpec {
        var spec = ClusterPolicySpec()
        if let autoUpgrade {
            let policy: JSONValue = ["autoUpgrade": .bool(autoUpgrade)]
            spec.driver.upgradePolicy = try policy.decode(as: DriverUpgradePolicySpec.self)
        }
        return spec
    }

    private let gpuNode = NodeSnapshot(name: "gpu-1", labels: ["nvidia.com/gpu.present": "true", "nvidia.com/gpu.deploy.driver": "true"])

    @Test("with upgrades managed, a node running our driver is marked upgrade-done and told the operator evicts")
    func managed() throws {
        #expect(NodeLabelReconciler.initialUpgradeState(gpuNode, labelChanges: [:], spec: try spec(autoUpgrade: true)) == "upgrade-done")
        #expect(NodeLabelReconciler.upgradeEnabledChange(gpuNode, labelChanges: [:], spec: try spec(autoUpgrade: true)) == .some("true"))
        var labelled = gpuNode
        labelled.labels["nvidia.com/gpu-driver-upgrade-state"] = "upgrade-required"
        #expect(
            NodeLabelReconciler.initialUpgradeState(labelled, labelChanges: [:], spec: try spec(autoUpgrade: true)) == nil,
            "a state is never overwritten")
        var preinstalled = gpuNode
        preinstalled.labels["nvidia.com/gpu.deploy.driver"] = "pre-installed"
        #expect(NodeLabelReconciler.initialUpgradeState(preinstalled, labelChanges: [:], spec: try spec(autoUpgrade: true)) == nil)
    }

    @Test("with upgrades off (or no policy) nothing is marked, and an earlier annotation is removed")
    func unmanaged() throws {
        #expect(NodeLabelReconciler.initialUpgradeState(gpuNode, labelChanges: [:], spec: try spec(autoUpgrade: false)) == nil)
        #expect(NodeLabelReconciler.initialUpgradeState(gpuNode, labelChanges: [:], spec: try spec(autoUpgrade: nil)) == nil)
        var annotated = gpuNode
        annotated.upgradeAnnotations["nvidia.com/gpu-driver-upgrade-enabled"] = "true"
        #expect(NodeLabelReconciler.upgradeEnabledChange(annotated, labelChanges: [:], spec: try spec(autoUpgrade: false)) == .some(nil))
        #expect(NodeLabelReconciler.upgradeEnabledChange(gpuNode, labelChanges: [:], spec: try spec(autoUpgrade: false)) == nil)
    }
}
