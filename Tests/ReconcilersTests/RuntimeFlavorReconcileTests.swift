import KubeModels
import Testing

@testable import Manifests
@testable import Reconcilers

/// Runtime flavours from the node watch to the facts, the node label and the status.
@Suite struct RuntimeFlavorReconcileTests {
    private static let pci = "feature.node.kubernetes.io/pci-10de.present"

    private static func node(_ name: String, kubelet: String, runtime: String, annotations: [String: String] = [:]) -> Node {
        var node = Node(metadata: ObjectMeta(name: name, labels: [pci: "true"], annotations: annotations))
        node.status = NodeStatus(nodeInfo: NodeSystemInfo(containerRuntimeVersion: runtime, kubeletVersion: kubelet))
        return node
    }

    @Test("the node cache detects each node's flavour; a change of flavour re-derives facts and relabels the node")
    func cacheDetectsFlavour() {
        let cache = NodeCache()
        _ = cache.upsert(Self.node("gpu-1", kubelet: "v1.31.4+k3s1", runtime: "containerd://1.7.23-k3s2"))
        #expect(cache.get("gpu-1")?.runtimeFlavor.name == "k3s-containerd1")
        let upgraded = cache.upsert(Self.node("gpu-1", kubelet: "v1.32.2+k3s1", runtime: "containerd://2.0.2-k3s2"))
        #expect(upgraded.affectsFacts && upgraded.needsLabelReconcile)
        #expect(cache.get("gpu-1")?.runtimeFlavor.name == "k3s-containerd2")
    }

    @Test("facts list the GPU nodes' flavours with their nodes; CPU nodes do not count")
    func factsGroupNodes() {
        var k3s = NodeSnapshot(name: "gpu-a", labels: [Self.pci: "true"])
        k3s.runtimeFlavor = RuntimeFlavor(distribution: .k3s, containerdVersion: "1.7.23-k3s2")
        var rke2 = NodeSnapshot(name: "gpu-b", labels: [Self.pci: "true"])
        rke2.runtimeFlavor = RuntimeFlavor(distribution: .rke2, containerdVersion: "1.7.23-k3s2")
        var cpu = NodeSnapshot(name: "cpu-a", labels: ["feature.node.kubernetes.io/pci-8086.present": "true"])
        cpu.runtimeFlavor = RuntimeFlavor(distribution: .k0s)
        let result = ClusterFactsBuilder.build(nodes: [rke2, cpu, k3s], base: ClusterFacts())
        #expect(result.facts.runtimeFlavors.map(\.name) == ["k3s-containerd1", "rke2-containerd1"])
        #expect(result.flavorNodes.map(\.nodes) == [["gpu-a"], ["gpu-b"]])
    }

    @Test("GPU nodes carry their flavour label; a node that stops being a GPU node loses it")
    func flavourLabel() {
        let flavor = RuntimeFlavor(distribution: .rke2)
        let changes = NodeLabelRules.changes(for: [Self.pci: "true"], spec: ClusterPolicySpec(), runtimeFlavor: flavor)
        #expect(changes[RuntimeFlavor.nodeLabel] == .some("rke2-containerd1"))
        let former = [RuntimeFlavor.nodeLabel: "rke2-containerd1", "nvidia.com/gpu.present": "true"]
        #expect(NodeLabelRules.changes(for: former, spec: ClusterPolicySpec(), runtimeFlavor: flavor)[RuntimeFlavor.nodeLabel] == .some(nil))
        let labelled = [Self.pci: "true", "nvidia.com/gpu.present": "true", RuntimeFlavor.nodeLabel: "rke2-containerd1"]
        #expect(NodeLabelRules.changes(for: labelled, spec: ClusterPolicySpec(), runtimeFlavor: flavor)[RuntimeFlavor.nodeLabel] == nil)
    }

    @Test("status: one flavour is named; mixed flavours name each one's nodes and the split")
    func statusCondition() throws {
        let one = [ClusterFactsBuilder.FlavorNodes(flavor: RuntimeFlavor(distribution: .k3s, containerdVersion: "2.0.2-k3s2"), nodes: ["a", "b"])]
        let single = try #require(StatusBuilder.runtimeFlavorsCondition(one))
        #expect(single.type == "RuntimeFlavors" && single.status == .true && single.reason == "RuntimeDetected")
        #expect(single.message.contains("k3s, containerd 2.0.2-k3s2 (2 node(s))"))
        let mixed = one + [ClusterFactsBuilder.FlavorNodes(flavor: RuntimeFlavor(distribution: .rke2), nodes: ["c"])]
        let condition = try #require(StatusBuilder.runtimeFlavorsCondition(mixed))
        #expect(condition.reason == "MixedRuntimeFlavors")
        #expect(condition.message.contains("k3s, containerd 2.0.2-k3s2 on a, b; rke2, containerd on c"))
        #expect(StatusBuilder.runtimeFlavorsCondition([]) == nil)
    }
}
