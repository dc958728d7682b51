import KubeModels
import Testing

@testable import Reconcilers

/// A node as the watch delivers it.
private func node(_ name: String, _ labels: [String: String], runtime: String = "containerd://1.7.20") -> Node {
    var node = Node(metadata: ObjectMeta(name: name, labels: labels))
    node.status = NodeStatus(nodeInfo: NodeSystemInfo(containerRuntimeVersion: runtime))
    return node
}

/// Which node changes queue a label reconcile and which re-derive the cluster facts: the node cache
/// decides what work a node event costs.
@Suite struct NodeCacheTests {
    private let pci = "feature.node.kubernetes.io/pci-10de.present"
    private let os = "feature.node.kubernetes.io/system-os_release.ID"

    @Test("a new GPU node needs labels and changes the facts; a new CPU node without NFD changes neither fact")
    func newNodes() {
        let cache = NodeCache()
        #expect(cache.upsert(node("gpu-1", [pci: "true"])) == NodeCache.Change(needsLabelReconcile: true, affectsFacts: true))
        #expect(cache.upsert(node("cpu-1", [:])) == NodeCache.Change(needsLabelReconcile: true, affectsFacts: false))
    }

    @Test("our own gpu.present label on a node NFD already marks as a GPU node does not re-derive the facts")
    func ownLabelsDoNotChangeFacts() {
        let cache = NodeCache()
        _ = cache.upsert(node("gpu-1", [pci: "true"]))
        let change = cache.upsert(node("gpu-1", [pci: "true", "nvidia.com/gpu.present": "true", "nvidia.com/gpu.deploy.driver": "true"]))
        #expect(change == NodeCache.Change(needsLabelReconcile: true, affectsFacts: false))
    }

    @Test("a node leaving the GPU set, its OS changing or its runtime changing re-derives the facts")
    func factChanges() {
        let cache = NodeCache()
        _ = cache.upsert(node("gpu-1", [pci: "true", "nvidia.com/gpu.present": "true", os: "ubuntu"]))
        // NFD drops the PCI label: gpu.present still counts the node until the labeller clears it.
        #expect(!cache.upsert(node("gpu-1", ["nvidia.com/gpu.present": "true", os: "ubuntu"])).affectsFacts)
        #expect(cache.upsert(node("gpu-1", ["nvidia.com/gpu.present": "false", os: "ubuntu"])).affectsFacts)
        _ = cache.upsert(node("gpu-2", [pci: "true", os: "ubuntu"]))
        #expect(cache.upsert(node("gpu-2", [pci: "true", os: "rhel"])).affectsFacts)
        #expect(cache.upsert(node("gpu-2", [pci: "true", os: "rhel"], runtime: "cri-o://1.30.0")).affectsFacts)
        #expect(cache.remove("gpu-2").affectsFacts)
    }

    @Test("GFD's descriptive labels are not kept, so a GFD relabel (its timestamp moving) costs no reconcile")
    func gfdRelabel() {
        let cache = NodeCache()
        let gfd = [
            pci: "true", "nvidia.com/gpu.present": "true", "nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3", "nvidia.com/mig.capable": "true",
            "nvidia.com/gfd.timestamp": "1", "nvidia.com/cuda.driver-version.full": "550.127.08", "nvidia.com/gpu.memory": "81559",
            "nvidia.com/mig-1g.10gb.count": "7", "nvidia.com/gpu.compute.major": "9",
        ]
        _ = cache.upsert(node("gpu-1", gfd))
        let kept = cache.get("gpu-1")?.labels ?? [:]
        #expect(Set(kept.keys) == [pci, "nvidia.com/gpu.present", "nvidia.com/gpu.product", "nvidia.com/mig.capable"])
        var relabelled = gfd
        relabelled["nvidia.com/gfd.timestamp"] = "2"
        relabelled["nvidia.com/gpu.memory"] = "81920"
        #expect(cache.upsert(node("gpu-1", relabelled)) == NodeCache.Change(needsLabelReconcile: false, affectsFacts: false))
    }
}

/// The node cache keeps one heap copy of each repeated label key and value.
@Suite struct StringInternerTests {
    @Test("long strings are shared, short ones (stored inline) are returned as they are, the table is bounded")
    func sharing() {
        let interner = StringInterner(capacity: 2)
        let key = "nvidia.com/gpu.deploy.device-plugin"
        #expect(interner.intern(String(key)) == key)
        #expect(interner.intern("true") == "true")
        #expect(interner.count == 1)
        _ = interner.intern("feature.node.kubernetes.io/pci-10de.present")
        _ = interner.intern("feature.node.kubernetes.io/kernel-version.full")
        #expect(interner.count == 2)
    }

    @Test("equal label sets are interned as one value, up to the capacity")
    func labelSets() {
        let interner = Interner<[String: String]>(capacity: 2) { !$0.isEmpty }
        _ = interner.intern(["a": "1", "b": "2"])
        _ = interner.intern(["b": "2", "a": "1"])
        _ = interner.intern([:])
        #expect(interner.count == 1)
        _ = interner.intern(["a": "2"])
        #expect(interner.intern(["a": "3"]) == ["a": "3"])
        #expect(interner.count == 2)
    }

    @Test("the snapshots of two nodes carry equal labels through the shared copies")
    func snapshots() {
        let cache = NodeCache()
        let labels = ["feature.node.kubernetes.io/pci-10de.present": "true", "nvidia.com/gpu.deploy.device-plugin": "true"]
        _ = cache.upsert(Node(metadata: ObjectMeta(name: "gpu-1", labels: labels)))
        _ = cache.upsert(Node(metadata: ObjectMeta(name: "gpu-2", labels: labels)))
        #expect(cache.get("gpu-1")?.labels == labels)
        #expect(cache.get("gpu-2")?.labels == labels)
    }
}
