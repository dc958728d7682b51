import Testing

@testable import Manifests
@testable import Reconcilers

/// One row of the node-labelling table: a node's labels and a policy, and the labels the node must
/// end up with.
struct NodeLabelCase: Sendable, CustomTestStringConvertible {
    var name: String
    var spec: ClusterPolicySpec = ClusterPolicySpec()
    var labels: [String: String]
    var expected: [String: String]

    var testDescription: String { name }
}

/// Node labelling (reference §3; behaviour 6 of §8, ported from upstream's `TestReconcileCommonGPULabel`
/// and `TestUpdateGPUStateLabels`).
@Suite struct NodeLabelRulesTests {
    /// GPU node labels: NFD's PCI label plus `gpu.present=true`.
    static let gpuNode = [Key.pci10de: "true", Key.gpuPresent: "true"]
    /// A MIG policy like upstream's test: MIG manager enabled, default config `all-disabled`.
    static let migPolicy = spec {
        $0.migManager.enabled = true
        $0.migManager.config = NamedDefaultConfigSpec(name: nil, default: "all-disabled")
    }

    static let cases: [NodeLabelCase] = [
        // reconcileCommonGPULabel
        NodeLabelCase(name: "empty node: nothing to do", labels: [:], expected: [:]),
        NodeLabelCase(
            name: "PCI label, no gpu.present: gpu.present=true and the container labels",
            labels: [Key.pci10de: "true"],
            expected: merge([Key.pci10de: "true", Key.gpuPresent: "true"], StateLabels.container)),
        NodeLabelCase(
            name: "PCI label, gpu.present=false: gpu.present=true and the container labels",
            labels: [Key.pci10de: "true", Key.gpuPresent: "false"],
            expected: merge([Key.pci10de: "true", Key.gpuPresent: "true"], StateLabels.container)),
        NodeLabelCase(
            name: "gpu.present=true without PCI label: false (not removed), deploy labels removed, others kept",
            labels: merge([Key.gpuPresent: "true", "foo": "bar"], StateLabels.container),
            expected: [Key.gpuPresent: "false", "foo": "bar"]),
        NodeLabelCase(
            name: "gpu.present=false without PCI label: unchanged",
            labels: [Key.gpuPresent: "false"],
            expected: [Key.gpuPresent: "false"]),
        NodeLabelCase(
            name: "PCI label value false is not a GPU",
            labels: [Key.pci10de: "false"],
            expected: [Key.pci10de: "false"]),
        NodeLabelCase(
            name: "PCI class 0302 label detects the GPU",
            labels: [Key.pci0302: "true"],
            expected: merge([Key.pci0302: "true", Key.gpuPresent: "true"], StateLabels.container)),
        NodeLabelCase(
            name: "PCI class 0300 label detects the GPU",
            labels: [Key.pci0300: "true"],
            expected: merge([Key.pci0300: "true", Key.gpuPresent: "true"], StateLabels.container)),

        // updateGPUStateLabels
        NodeLabelCase(
            name: "no gpu.present: every deploy label removed, unrelated labels kept",
            labels: merge(["foo": "bar"], deployLabels(["driver", "device-plugin", "sandbox-validator", "mig-manager", "dra-driver"])),
            expected: ["foo": "bar"]),
        NodeLabelCase(
            name: "container workload: the nine container labels",
            labels: gpuNode,
            expected: merge(gpuNode, StateLabels.container)),
        NodeLabelCase(
            name: "empty deploy labels set to true, paused value honoured",
            labels: merge(
                gpuNode,
                [
                    Key.deploy("operator-validator"): "", Key.deploy("container-toolkit"): "",
                    Key.deploy("device-plugin"): "", Key.deploy("gpu-feature-discovery"): "",
                    Key.deploy("driver"): "paused-for-driver-upgrade",
                ]),
            expected: merge(gpuNode, StateLabels.container, [Key.deploy("driver"): "paused-for-driver-upgrade"])),
        NodeLabelCase(
            name: "operands=false: every deploy label removed, kill switch kept",
            labels: merge(gpuNode, [Key.operands: "false", Key.migManager: "true"], StateLabels.container),
            expected: merge(gpuNode, [Key.operands: "false"])),
        NodeLabelCase(
            name: "operands=true is not the kill switch",
            labels: merge(gpuNode, [Key.operands: "true"]),
            expected: merge(gpuNode, [Key.operands: "true"], StateLabels.container)),
        NodeLabelCase(
            name: "container workload: labels of other configurations and DRA swept",
            labels: merge(gpuNode, deployLabels(["vfio-manager", "vgpu-manager", "kata-sandbox-device-plugin", "dra-driver"])),
            expected: merge(gpuNode, StateLabels.container)),
        NodeLabelCase(
            name: "container workload: mig-manager on a non-MIG node is never swept",
            labels: merge(gpuNode, StateLabels.container, [Key.migManager: "true"]),
            expected: merge(gpuNode, StateLabels.container, [Key.migManager: "true"])),
        NodeLabelCase(
            name: "container workload: unknown deploy labels are not ours to remove",
            labels: merge(gpuNode, StateLabels.container, [Key.deploy("nvsm"): "true"]),
            expected: merge(gpuNode, StateLabels.container, [Key.deploy("nvsm"): "true"])),

        // Sandbox workloads
        NodeLabelCase(
            name: "kubevirt, vm-passthrough",
            spec: sandboxSpec(mode: "kubevirt"),
            labels: merge(gpuNode, [Key.workloadConfig: "vm-passthrough"]),
            expected: merge(gpuNode, [Key.workloadConfig: "vm-passthrough"], StateLabels.passthroughKubevirt)),
        NodeLabelCase(
            name: "kubevirt, vm-vgpu",
            spec: sandboxSpec(mode: "kubevirt"),
            labels: merge(gpuNode, [Key.workloadConfig: "vm-vgpu"]),
            expected: merge(gpuNode, [Key.workloadConfig: "vm-vgpu"], StateLabels.vmVGPU)),
        NodeLabelCase(
            name: "kata, vm-passthrough: kata sandbox device plugin",
            spec: sandboxSpec(mode: "kata"),
            labels: merge(gpuNode, [Key.workloadConfig: "vm-passthrough"]),
            expected: merge(gpuNode, [Key.workloadConfig: "vm-passthrough"], StateLabels.passthroughKata)),
        NodeLabelCase(
            name: "kata, vm-vgpu",
            spec: sandboxSpec(mode: "kata"),
            labels: merge(gpuNode, [Key.workloadConfig: "vm-vgpu"]),
            expected: merge(gpuNode, [Key.workloadConfig: "vm-vgpu"], StateLabels.vmVGPU)),
        NodeLabelCase(
            name: "no sandbox mode means kubevirt",
            spec: sandboxSpec(mode: nil),
            labels: merge(gpuNode, [Key.workloadConfig: "vm-passthrough"]),
            expected: merge(gpuNode, [Key.workloadConfig: "vm-passthrough"], StateLabels.passthroughKubevirt)),
        NodeLabelCase(
            name: "kubevirt, switched from container to vm-passthrough: container labels and mig-manager swept",
            spec: sandboxSpec(mode: "kubevirt"),
            labels: merge(gpuNode, [Key.workloadConfig: "vm-passthrough", Key.migManager: "true"], StateLabels.container),
            expected: merge(gpuNode, [Key.workloadConfig: "vm-passthrough"], StateLabels.passthroughKubevirt)),
        NodeLabelCase(
            name: "kata, switched from vm-passthrough to vm-vgpu",
            spec: sandboxSpec(mode: "kata"),
            labels: merge(gpuNode, [Key.workloadConfig: "vm-vgpu"], StateLabels.passthroughKata),
            expected: merge(gpuNode, [Key.workloadConfig: "vm-vgpu"], StateLabels.vmVGPU)),
        NodeLabelCase(
            name: "sandbox enabled, no workload label: defaultWorkload",
            spec: sandboxSpec(mode: "kubevirt", defaultWorkload: "vm-passthrough"),
            labels: gpuNode,
            expected: merge(gpuNode, StateLabels.passthroughKubevirt)),
        NodeLabelCase(
            name: "sandbox enabled, invalid workload label: defaultWorkload",
            spec: sandboxSpec(mode: "kubevirt", defaultWorkload: "vm-vgpu"),
            labels: merge(gpuNode, [Key.workloadConfig: "bogus"]),
            expected: merge(gpuNode, [Key.workloadConfig: "bogus"], StateLabels.vmVGPU)),
        NodeLabelCase(
            name: "sandbox enabled, invalid label and invalid default: container",
            spec: sandboxSpec(mode: "kubevirt", defaultWorkload: "bogus"),
            labels: merge(gpuNode, [Key.workloadConfig: "bogus"]),
            expected: merge(gpuNode, [Key.workloadConfig: "bogus"], StateLabels.container)),
        NodeLabelCase(
            name: "sandbox disabled: workload label ignored",
            labels: merge(gpuNode, [Key.workloadConfig: "vm-passthrough"]),
            expected: merge(gpuNode, [Key.workloadConfig: "vm-passthrough"], StateLabels.container)),
        NodeLabelCase(
            name: "sandbox enabled, container workload label: container labels",
            spec: sandboxSpec(mode: "kubevirt", defaultWorkload: "vm-passthrough"),
            labels: merge(gpuNode, [Key.workloadConfig: "container"]),
            expected: merge(gpuNode, [Key.workloadConfig: "container"], StateLabels.container)),

        // MIG
        NodeLabelCase(
            name: "mig.capable=true: mig-manager and mig.config=all-disabled",
            spec: migPolicy,
            labels: merge(gpuNode, [Key.migCapable: "true"]),
            expected: merge(gpuNode, [Key.migCapable: "true", Key.migManager: "true", Key.migConfig: "all-disabled"], StateLabels.container)),
        NodeLabelCase(
            name: "MIG-capable with an existing mig.config: config kept",
            spec: migPolicy,
            labels: merge(gpuNode, [Key.migCapable: "true", Key.migConfig: "all-1g.10gb"]),
            expected: merge(gpuNode, [Key.migCapable: "true", Key.migManager: "true", Key.migConfig: "all-1g.10gb"], StateLabels.container)),
        NodeLabelCase(
            name: "MIG-capable with an empty mig.config: set to all-disabled",
            spec: migPolicy,
            labels: merge(gpuNode, [Key.migCapable: "true", Key.migConfig: ""]),
            expected: merge(gpuNode, [Key.migCapable: "true", Key.migManager: "true", Key.migConfig: "all-disabled"], StateLabels.container)),
        NodeLabelCase(
            name: "H100 product name without mig.capable: MIG-capable",
            spec: migPolicy,
            labels: merge(gpuNode, [Key.product: "NVIDIA-H100-80GB-HBM3"]),
            expected: merge(
                gpuNode, [Key.product: "NVIDIA-H100-80GB-HBM3", Key.migManager: "true", Key.migConfig: "all-disabled"], StateLabels.container)),
        NodeLabelCase(
            name: "empty spec: MIG manager enabled, but no migManager.config, so no mig.config (as upstream)",
            labels: merge(gpuNode, [Key.product: "NVIDIA-A30"]),
            expected: merge(gpuNode, [Key.product: "NVIDIA-A30", Key.migManager: "true"], StateLabels.container)),
        NodeLabelCase(
            name: "a deploy label paused by the MIG manager is left as it is",
            spec: migPolicy,
            labels: merge(
                gpuNode,
                [
                    Key.migCapable: "true", Key.migManager: "true", Key.migConfig: "all-1g.10gb",
                    "nvidia.com/gpu.deploy.device-plugin": "paused-for-mig-change",
                    "nvidia.com/gpu.deploy.gpu-feature-discovery": "paused-for-mig-change",
                ]),
            expected: merge(
                gpuNode,
                [Key.migCapable: "true", Key.migManager: "true", Key.migConfig: "all-1g.10gb"],
                StateLabels.container.merging(
                    [
                        "nvidia.com/gpu.deploy.device-plugin": "paused-for-mig-change",
                        "nvidia.com/gpu.deploy.gpu-feature-discovery": "paused-for-mig-change",
                    ], uniquingKeysWith: { _, paused in paused }))),
        NodeLabelCase(
            name: "mig.capable=false wins over an A100 product name",
            spec: migPolicy,
            labels: merge(gpuNode, [Key.migCapable: "false", Key.product: "NVIDIA-A100-SXM4-40GB"]),
            expected: merge(gpuNode, [Key.migCapable: "false", Key.product: "NVIDIA-A100-SXM4-40GB"], StateLabels.container)),
        NodeLabelCase(
            name: "vGPU host driver: not MIG-capable",
            spec: migPolicy,
            labels: merge(gpuNode, [Key.vgpuHostDriver: "550.54.16", Key.product: "NVIDIA-A100-SXM4-40GB"]),
            expected: merge(gpuNode, [Key.vgpuHostDriver: "550.54.16", Key.product: "NVIDIA-A100-SXM4-40GB"], StateLabels.container)),
        NodeLabelCase(
            name: "MIG manager disabled: deploy label still set, no mig.config",
            spec: spec { $0.migManager.enabled = false },
            labels: merge(gpuNode, [Key.migCapable: "true"]),
            expected: merge(gpuNode, [Key.migCapable: "true", Key.migManager: "true"], StateLabels.container)),
        NodeLabelCase(
            name: "default MIG config other than all-disabled: no mig.config",
            spec: spec { $0.migManager.config = NamedDefaultConfigSpec(name: "custom", default: "all-balanced") },
            labels: merge(gpuNode, [Key.migCapable: "true"]),
            expected: merge(gpuNode, [Key.migCapable: "true", Key.migManager: "true"], StateLabels.container)),
        NodeLabelCase(
            name: "existing mig-manager value honoured",
            spec: migPolicy,
            labels: merge(
                gpuNode, StateLabels.container, [Key.migCapable: "true", Key.migManager: "paused-for-mig-change", Key.migConfig: "all-disabled"]),
            expected: merge(
                gpuNode, StateLabels.container, [Key.migCapable: "true", Key.migManager: "paused-for-mig-change", Key.migConfig: "all-disabled"])),
        NodeLabelCase(
            name: "operands=false on a MIG node: no MIG labels added",
            spec: migPolicy,
            labels: merge(gpuNode, [Key.operands: "false", Key.migCapable: "true"]),
            expected: merge(gpuNode, [Key.operands: "false", Key.migCapable: "true"])),
    ]

    /// The node ends up with exactly the expected labels.
    @Test(arguments: cases)
    func labelsAfterOnePatch(_ row: NodeLabelCase) {
        let changes = NodeLabelRules.changes(for: row.labels, spec: row.spec)
        #expect(applying(changes, to: row.labels) == row.expected)
    }

    /// Every change is a real change: no removal of an absent label, no write of the current value.
    /// This is what keeps node patches down to the nodes that need one.
    @Test(arguments: cases)
    func changesAreOnlyRealChanges(_ row: NodeLabelCase) {
        let changes = NodeLabelRules.changes(for: row.labels, spec: row.spec)
        for (key, value) in changes {
            #expect(row.labels[key] != value, "\(key): no-op change \(String(describing: value))")
        }
    }

    /// Once the patch is applied the node is right: the next pass has nothing to write.
    @Test(arguments: cases)
    func secondPassChangesNothing(_ row: NodeLabelCase) {
        let labelled = applying(NodeLabelRules.changes(for: row.labels, spec: row.spec), to: row.labels)
        #expect(NodeLabelRules.changes(for: labelled, spec: row.spec).isEmpty)
    }

    @Test func nodeAlreadyRightNeedsNoChanges() {
        let labels = merge(Self.gpuNode, StateLabels.container, ["kubernetes.io/hostname": "gpu-1"])
        #expect(NodeLabelRules.changes(for: labels, spec: ClusterPolicySpec()).isEmpty)
    }

    /// A label being removed is spelled `.some(nil)` (a JSON merge patch `null`), not left out.
    @Test func removalIsAnExplicitNil() throws {
        let changes = NodeLabelRules.changes(for: [Key.deploy("driver"): "true"], spec: ClusterPolicySpec())
        let value = try #require(changes[Key.deploy("driver")])
        #expect(value == nil)
        #expect(changes.count == 1)
    }

    /// Upstream sets `mig.config=all-disabled` on every MIG-capable GPU node when the MIG manager is
    /// enabled (reference §3.3 rule 5; `cp.Spec.MIGManager.IsEnabled() && hasMIGCapableGPU(labels) &&
    /// !hasMIGConfigLabel(labels)`): the rule does not depend on the workload configuration.
    @Test func migConfigIsSetOnSandboxNodesToo() {
        var policy = sandboxSpec(mode: "kubevirt")
        policy.migManager.config = NamedDefaultConfigSpec(name: nil, default: "all-disabled")
        let labels = merge(Self.gpuNode, [Key.workloadConfig: "vm-passthrough", Key.migCapable: "true"])
        let result = applying(NodeLabelRules.changes(for: labels, spec: policy), to: labels)
        #expect(result == merge(labels, StateLabels.passthroughKubevirt, [Key.migConfig: "all-disabled"]))
    }

    @Test func knownDeployLabelsCoverEveryStack() {
        let expected = Set(
            [StateLabels.container, StateLabels.passthroughKubevirt, StateLabels.passthroughKata, StateLabels.vmVGPU]
                .flatMap(\.keys) + [Key.migManager, Key.deploy("dra-driver")])
        #expect(NodeLabelRules.knownDeployLabels == expected)
        #expect(!NodeLabelRules.knownDeployLabels.contains(Key.operands))
    }

    @Test(
        arguments: [
            ([:], false),
            ([Key.product: "NVIDIA-H100-80GB-HBM3"], true),
            ([Key.product: "NVIDIA-A100-SXM4-40GB"], true),
            ([Key.product: "nvidia-a30"], true),
            ([Key.product: "Tesla-T4"], false),
            ([Key.product: "NVIDIA-L40S"], false),
            ([Key.migCapable: "true", Key.product: "Tesla-T4"], true),
            ([Key.migCapable: "false", Key.product: "NVIDIA-A100-SXM4-40GB"], false),
            ([Key.migCapable: "true", Key.vgpuHostDriver: "550.54.16"], false),
            ([Key.product: "NVIDIA-A100-SXM4-40GB", Key.vgpuHostDriver: ""], true),
        ] as [([String: String], Bool)])
    func migCapability(labels: [String: String], capable: Bool) {
        #expect(NodeLabelRules.isMIGCapable(labels) == capable)
    }

    @Test(
        arguments: [
            (false, nil, nil, NodeLabelRules.WorkloadConfig.container),
            (false, "vm-vgpu", "vm-passthrough", .container),
            (true, nil, nil, .container),
            (true, nil, "vm-vgpu", .vmVGPU),
            (true, "vm-passthrough", "vm-vgpu", .vmPassthrough),
            (true, "container", "vm-vgpu", .container),
            (true, "bogus", "vm-passthrough", .vmPassthrough),
            (true, "bogus", "bogus", .container),
        ] as [(Bool, String?, String?, NodeLabelRules.WorkloadConfig)])
    func workloadConfig(sandbox: Bool, label: String?, defaultWorkload: String?, expected: NodeLabelRules.WorkloadConfig) {
        let policy = spec {
            $0.sandboxWorkloads.enabled = sandbox
            $0.sandboxWorkloads.defaultWorkload = defaultWorkload
        }
        let labels = label.map { [Key.workloadConfig: $0] } ?? [:]
        #expect(NodeLabelRules.workloadConfig(labels, spec: policy) == expected)
    }
}
