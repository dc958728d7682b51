import Foundation
import Testing

/// Acceptance 2 and 7: nodes come and go, GPUs disappear, operands are switched off per node.
extension EndToEnd {
    @Suite("End to end: nodes")
    struct NodeLifecycleTests {
        @Test("a new GPU node is labelled and gets its operand pods within 1 s; losing the PCI label removes the deploy labels")
        func nodeAddedAndGPULost() async throws {
            try await withOperatorCluster(gpuNodes: 2, cpuNodes: 1) { cluster, _ in
                try await cluster.waitForState("ready")
                try cluster.admin("POST", "/kubesim/nodes", body: #"{"name": "gpu-node-new", "gpu": true}"#)
                let elapsed = try await Eventually.that(timeout: .seconds(10), interval: .milliseconds(20), "operand pods on gpu-node-new") {
                    let pods = try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "--field-selector", "spec.nodeName=gpu-node-new"])
                    return pods.count == Operands.podsPerGPUNode
                }
                #expect(elapsed < .seconds(1), "pods scheduled after \(elapsed)")
                let labels = try nodeLabels(cluster, "gpu-node-new")
                #expect(labels["nvidia.com/gpu.present"] == "true")
                #expect(labels["nvidia.com/gpu.deploy.driver"] == "true")

                try cluster.kubectl(["label", "node", "gpu-node-new", "feature.node.kubernetes.io/pci-10de.present-"])
                try await Eventually.that(timeout: .seconds(10), "deploy labels removed from gpu-node-new") {
                    let labels = try nodeLabels(cluster, "gpu-node-new")
                    return labels["nvidia.com/gpu.present"] == "false" && !labels.keys.contains { $0.hasPrefix("nvidia.com/gpu.deploy.") }
                }
                try await Eventually.that(timeout: .seconds(10), "operand pods gone from gpu-node-new") {
                    try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "--field-selector", "spec.nodeName=gpu-node-new"]).isEmpty
                }
            }
        }

        @Test("the per-node kill switch removes that node's operand pods; removing it brings them back")
        func killSwitch() async throws {
            try await withOperatorCluster(gpuNodes: 2, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                try cluster.kubectl(["label", "node", "gpu-node-0001", "nvidia.com/gpu.deploy.operands=false"])
                try await Eventually.that(timeout: .seconds(10), "pods gone from gpu-node-0001") {
                    try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "--field-selector", "spec.nodeName=gpu-node-0001"]).isEmpty
                }
                #expect(
                    try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "--field-selector", "spec.nodeName=gpu-node-0002"]).count
                        == Operands.podsPerGPUNode)
                try cluster.kubectl(["label", "node", "gpu-node-0001", "nvidia.com/gpu.deploy.operands-"])
                try await Eventually.that(timeout: .seconds(10), "pods back on gpu-node-0001") {
                    try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "--field-selector", "spec.nodeName=gpu-node-0001"]).count
                        == Operands.podsPerGPUNode
                }
                try await cluster.waitForState("ready")
            }
        }

        private func nodeLabels(_ cluster: SimulatedCluster, _ name: String) throws -> [String: String] {
            (try cluster.json(["get", "node", name])["metadata"] as? [String: Any])?["labels"] as? [String: String] ?? [:]
        }
    }
}
