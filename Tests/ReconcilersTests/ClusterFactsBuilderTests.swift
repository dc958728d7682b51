import Testing

@testable import Manifests
@testable import Reconcilers

/// A GPU node (NFD PCI label) with OS, kernel and runtime.
private func gpuNode(
    _ name: String, os: (id: String, version: String)? = ("ubuntu", "22.04"), kernel: String? = "5.15.0-105-generic",
    runtime: String? = "containerd://1.7.20", presentOnly: Bool = false
) -> NodeSnapshot {
    var labels = presentOnly ? [Key.gpuPresent: "true"] : [Key.pci10de: "true"]
    if let os {
        labels[Key.osID] = os.id
        labels[Key.osVersion] = os.version
    }
    labels[Key.kernel] = kernel
    return NodeSnapshot(name: name, labels: labels, containerRuntimeVersion: runtime)
}

/// A CPU node: NFD labels but no NVIDIA PCI device.
private func cpuNode(
    _ name: String, os: (id: String, version: String) = ("debian", "12"), kernel: String = "6.1.0-cpu", runtime: String? = "docker://24.0.7"
) -> NodeSnapshot {
    NodeSnapshot(
        name: name,
        labels: [Key.osID: os.id, Key.osVersion: os.version, Key.kernel: kernel, "feature.node.kubernetes.io/pci-8086.present": "true"],
        containerRuntimeVersion: runtime)
}

/// Builds facts on the default base facts.
private func build(_ nodes: [NodeSnapshot]) -> ClusterFactsBuilder.Result {
    ClusterFactsBuilder.build(nodes: nodes, base: ClusterFacts())
}

/// Cluster facts derived from nodes (reference §4.4 runtime detection, §4.6 kernel→OS map).
@Suite struct ClusterFactsBuilderTests {
    /// Runtimes of GPU nodes named `gpu-0`, `gpu-1`, ... in that order → the detected runtime.
    @Test(
        arguments: [
            ([], ContainerRuntime.containerd),
            (["containerd://1.7.20"], .containerd),
            (["docker://24.0.7"], .docker),
            (["cri-o://1.29.1"], .crio),
            (["docker://24.0.7", "containerd://1.7.20"], .containerd),
            (["containerd://1.7.20", "cri-o://1.29.1"], .containerd),
            (["cri-o://1.29.1", "containerd://1.7.20", "docker://24.0.7"], .containerd),
            (["docker://24.0.7", "cri-o://1.29.1"], .crio),
            (["cri-o://1.29.1", "docker://24.0.7"], .docker),
            (["rkt://1.30"], .containerd),
            (["cri-o://1.29.1", "rkt://1.30"], .crio),
            (["", "docker://24.0.7", nil], .docker),
        ] as [([String?], ContainerRuntime)])
    func runtimeDetection(runtimes: [String?], expected: ContainerRuntime) {
        let nodes = runtimes.enumerated().map { gpuNode("gpu-\($0.offset)", runtime: $0.element) }
        #expect(build(nodes).facts.runtime == expected)
        #expect(ClusterFactsBuilder.runtime(of: nodes) == expected)
    }

    /// Only GPU nodes count: a docker CPU node does not outvote a cri-o GPU node.
    @Test func runtimeIgnoresCPUNodes() {
        let nodes = [cpuNode("cpu-0", runtime: "containerd://1.7.20"), gpuNode("gpu-0", runtime: "cri-o://1.29.1")]
        #expect(build(nodes).facts.runtime == .crio)
    }

    /// "Last recognised" follows node name order, not the order the store lists them in.
    @Test func runtimeOrderIsByNodeName() {
        let nodes = [gpuNode("gpu-b", runtime: "docker://24.0.7"), gpuNode("gpu-a", runtime: "cri-o://1.29.1")]
        #expect(build(nodes).facts.runtime == .docker)
        #expect(build(nodes.reversed()).facts.runtime == .docker)
    }

    @Test(arguments: [
        ("ubuntu", "22.04", "ubuntu22.04"),
        ("ubuntu", "24.04", "ubuntu24.04"),
        ("rhel", "9.4", "rhel9"),
        ("rhel", "8", "rhel8"),
        ("rocky", "9.3", "rocky9"),
        ("ol", "8.10", "ol8"),
    ])
    func osTag(id: String, version: String, expected: String) {
        let result = build([gpuNode("gpu-0", os: (id, version))])
        #expect(result.facts.os == expected)
        #expect(result.facts.kernels == [KernelFact(version: "5.15.0-105-generic", os: expected)])
    }

    /// The OS tag is that of the first GPU node by name; CPU nodes do not count.
    @Test func osTagOfFirstGPUNodeByName() {
        let nodes = [
            cpuNode("a-cpu", os: ("debian", "12")),
            gpuNode("gpu-b", os: ("rhel", "9.4")),
            gpuNode("gpu-a", os: ("ubuntu", "20.04")),
        ]
        #expect(build(nodes).facts.os == "ubuntu20.04")
    }

    /// No GPU node: the base facts' OS stays, and there are no kernels to build drivers for.
    @Test func noGPUNodesKeepsBaseOS() {
        var base = ClusterFacts()
        base.os = "rhel9"
        let result = ClusterFactsBuilder.build(nodes: [cpuNode("cpu-0")], base: base)
        #expect(result.facts.os == "rhel9")
        #expect(result.facts.kernels.isEmpty)
        #expect(result.gpuNodes.isEmpty)
        #expect(result.problems.isEmpty)
    }

    /// Base facts not derived from nodes pass through.
    @Test func baseFactsPassThrough() {
        var base = ClusterFacts()
        base.namespace = "nvidia-gpu-operator"
        base.kubernetesVersion = "v1.30.4"
        base.serviceMonitorCRD = true
        let facts = ClusterFactsBuilder.build(nodes: [gpuNode("gpu-0")], base: base).facts
        #expect(facts.namespace == "nvidia-gpu-operator")
        #expect(facts.kubernetesVersion == "v1.30.4")
        #expect(facts.serviceMonitorCRD)
    }

    @Test func kernelsAreDeduplicatedAndSorted() {
        let nodes = [
            gpuNode("gpu-3", kernel: "6.8.0-45-generic"),
            gpuNode("gpu-1", kernel: "5.15.0-105-generic"),
            gpuNode("gpu-2", kernel: "6.8.0-45-generic"),
            gpuNode("gpu-4", os: ("rhel", "9.4"), kernel: "5.14.0-427.13.1.el9_4.x86_64"),
            gpuNode("gpu-0", kernel: "5.15.0-105-generic"),
            cpuNode("cpu-0", kernel: "4.19.0-cpu-only"),
        ]
        #expect(
            build(nodes).facts.kernels == [
                KernelFact(version: "5.14.0-427.13.1.el9_4.x86_64", os: "rhel9"),
                KernelFact(version: "5.15.0-105-generic", os: "ubuntu22.04"),
                KernelFact(version: "6.8.0-45-generic", os: "ubuntu22.04"),
            ])
    }

    @Test func gpuNodeWithoutKernelLabelAddsNoKernel() {
        let result = build([gpuNode("gpu-0", kernel: nil), gpuNode("gpu-1", kernel: "6.8.0-45-generic")])
        #expect(result.facts.kernels == [KernelFact(version: "6.8.0-45-generic", os: "ubuntu22.04")])
    }

    /// A GPU node without NFD OS labels is reported by name; CPU nodes without them are not.
    @Test func gpuNodesWithoutOSLabelsAreReported() throws {
        let nodes = [
            gpuNode("gpu-b", os: nil),
            gpuNode("gpu-a"),
            NodeSnapshot(name: "cpu-bare", labels: [:]),
            gpuNode("gpu-c", os: nil),
        ]
        let result = build(nodes)
        #expect(result.problems.count == 2)
        let first = try #require(result.problems.first)
        #expect(first.contains("gpu-b"))
        #expect(result.problems.last?.contains("gpu-c") == true)
        #expect(!result.problems.joined().contains("cpu-bare"))
        #expect(result.facts.os == "ubuntu22.04")
    }

    /// One OS label without the other is as bad as none.
    @Test func gpuNodeWithHalfTheOSLabelsIsReported() {
        let node = NodeSnapshot(name: "gpu-0", labels: [Key.pci10de: "true", Key.osID: "ubuntu"])
        #expect(build([node]).problems.count == 1)
    }

    /// Upstream refuses a kernel that runs on two OSes ("unsupported configuration", reference §4.6):
    /// one precompiled driver DaemonSet per kernel selects nodes by kernel only, so both DaemonSets
    /// would land on every node of that kernel.
    @Test func sameKernelOnTwoOSesIsReported() {
        let nodes = [
            gpuNode("gpu-0", os: ("ubuntu", "22.04"), kernel: "5.15.0-105-generic"),
            gpuNode("gpu-1", os: ("ubuntu", "20.04"), kernel: "5.15.0-105-generic"),
        ]
        let result = build(nodes)
        #expect(result.problems.contains { $0.contains("5.15.0-105-generic") }, "\(result.problems)")
    }

    /// GPU nodes: NFD's PCI label, or `gpu.present=true`; sorted by name.
    @Test func gpuNodesAreListedByName() {
        let nodes = [
            gpuNode("gpu-c"), cpuNode("cpu-0"), gpuNode("gpu-a", presentOnly: true),
            NodeSnapshot(name: "gpu-off", labels: [Key.pci10de: "false", Key.gpuPresent: "false"]),
            gpuNode("gpu-b"),
        ]
        #expect(build(nodes).gpuNodes == ["gpu-a", "gpu-b", "gpu-c"])
    }

    @Test(
        arguments: [
            ([], false),
            ([NodeSnapshot(name: "plain", labels: ["kubernetes.io/hostname": "plain", Key.gpuPresent: "true"])], false),
            ([NodeSnapshot(name: "cpu", labels: ["feature.node.kubernetes.io/cpu-model.vendor_id": "Intel"])], true),
            ([NodeSnapshot(name: "plain"), NodeSnapshot(name: "nfd", labels: [Key.kernel: "6.8.0"])], true),
            ([NodeSnapshot(name: "lookalike", labels: ["feature.node.kubernetes.io.example/x": "y"])], false),
        ] as [([NodeSnapshot], Bool)])
    func nfdLabels(nodes: [NodeSnapshot], expected: Bool) {
        #expect(build(nodes).hasNFDLabels == expected)
    }
}
