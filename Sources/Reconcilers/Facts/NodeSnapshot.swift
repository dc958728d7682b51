import Manifests

/// The part of a Node the operator keeps in memory: name, the labels it reads or writes, and the
/// container runtime. Storing this projection instead of whole Node objects keeps memory flat as
/// clusters grow (a node's other labels, conditions and images are dropped on arrival).
package struct NodeSnapshot: Sendable, Hashable {
    package var name: String
    package var labels: [String: String]
    /// `status.nodeInfo.containerRuntimeVersion`, e.g. `containerd://1.7.20`.
    package var containerRuntimeVersion: String?
    /// Whether the node carries any NFD label (`feature.node.kubernetes.io/...`), even one not kept.
    package var hasNFDLabels: Bool
    /// The node's resourceVersion (opaque: compared for equality only), for write expectations.
    package var resourceVersion: String?
    /// The driver-upgrade annotations (``UpgradeKeys/annotations``) and nothing else of the annotations.
    package var upgradeAnnotations: [String: String] = [:]
    /// `spec.unschedulable` (cordoned).
    package var unschedulable = false
    /// Whether the `Ready` condition is `True` (or not reported).
    package var isReady = true
    /// The distribution and container runtime the node runs (``RuntimeFlavor/detect``), set by the caller.
    package var runtimeFlavor: RuntimeFlavor

    /// Creates a snapshot.
    package init(name: String, labels: [String: String] = [:], containerRuntimeVersion: String? = nil) {
        self.name = name
        self.labels = labels
        self.containerRuntimeVersion = containerRuntimeVersion
        hasNFDLabels = labels.keys.contains { $0.hasPrefix(NodeLabelKeys.nfdPrefix) }
        runtimeFlavor = RuntimeFlavor.detect(kubeletVersion: nil, containerRuntimeVersion: containerRuntimeVersion, labels: labels, annotations: [:])
    }

    /// A snapshot keeping only the labels the operator uses: `nvidia.com/...` except GPU Feature
    /// Discovery's descriptive ones (``NodeLabelKeys/isDescriptiveGFDLabel(_:)``), and the NFD labels
    /// for PCI devices, OS and kernel.
    /// - Parameter interner: shares the heap copies of repeated keys and values across snapshots.
    /// The upgrade annotations, cordon and readiness are set by the caller (``NodeCache``).
    package static func projecting(
        name: String, labels: [String: String], containerRuntimeVersion: String?, resourceVersion: String? = nil,
        interner: StringInterner? = nil
    ) -> NodeSnapshot {
        var kept: [String: String] = [:]
        var hasNFD = false
        for (key, value) in labels {
            if key.hasPrefix(NodeLabelKeys.nfdPrefix) {
                hasNFD = true
                if NodeLabelKeys.keptNFDLabels.contains(key) { kept[interner?.intern(key) ?? key] = interner?.intern(value) ?? value }
            } else if key.hasPrefix("nvidia.com/"), !NodeLabelKeys.isDescriptiveGFDLabel(key) {
                kept[interner?.intern(key) ?? key] = interner?.intern(value) ?? value
            }
        }
        let runtime = containerRuntimeVersion.map { interner?.intern($0) ?? $0 }
        var snapshot = NodeSnapshot(name: name, labels: kept, containerRuntimeVersion: runtime)
        snapshot.hasNFDLabels = hasNFD
        snapshot.resourceVersion = resourceVersion
        return snapshot
    }
}

/// Node label keys the operator reads and writes.
package enum NodeLabelKeys {
    /// NFD labels that mean "an NVIDIA PCI device is present" (vendor 10de; any class, VGA, 3D).
    package static let pciLabels = [
        "feature.node.kubernetes.io/pci-10de.present",
        "feature.node.kubernetes.io/pci-0302_10de.present",
        "feature.node.kubernetes.io/pci-0300_10de.present",
    ]
    /// The prefix of every NFD label.
    package static let nfdPrefix = "feature.node.kubernetes.io/"
    package static let osID = "feature.node.kubernetes.io/system-os_release.ID"
    package static let osVersionID = "feature.node.kubernetes.io/system-os_release.VERSION_ID"
    package static let kernelVersion = "feature.node.kubernetes.io/kernel-version.full"
    package static let gpuPresent = "nvidia.com/gpu.present"
    package static let deployPrefix = "nvidia.com/gpu.deploy."
    package static let operandsKillSwitch = "nvidia.com/gpu.deploy.operands"
    package static let workloadConfig = "nvidia.com/gpu.workload.config"
    package static let migCapable = "nvidia.com/mig.capable"
    package static let migConfig = "nvidia.com/mig.config"
    /// Written by the MIG manager: `pending`, `rebooting`, `success` or `failed`.
    package static let migConfigState = "nvidia.com/mig.config.state"
    package static let gpuProduct = "nvidia.com/gpu.product"
    package static let vgpuHostDriverVersion = "nvidia.com/vgpu.host-driver-version"
    package static let migManagerDeploy = "nvidia.com/gpu.deploy.mig-manager"
    /// The NFD labels a node snapshot keeps.
    package static let keptNFDLabels: Set<String> = Set(pciLabels + [osID, osVersionID, kernelVersion])

    /// GPU Feature Discovery's labels that describe the GPUs and that nothing in the operator reads:
    /// CUDA versions, compute capability, memory, count, family, machine, mode, replicas, sharing and
    /// MIG strategy, per-profile MIG counts, and `gfd.timestamp` (which moves on every relabel).
    /// `gpu.product`, `mig.capable` and `mps.capable` are kept.
    private static let descriptiveGFDPrefixes = ["nvidia.com/cuda.", "nvidia.com/gfd.", "nvidia.com/gpu.compute.", "nvidia.com/mig-"]
    private static let descriptiveGFDKeys: Set<String> = [
        "nvidia.com/gpu.count", "nvidia.com/gpu.family", "nvidia.com/gpu.machine", "nvidia.com/gpu.memory", "nvidia.com/gpu.mode",
        "nvidia.com/gpu.replicas", "nvidia.com/gpu.sharing-strategy", "nvidia.com/mig.strategy", "nvidia.com/vgpu.present",
    ]

    /// Whether a label is one of GFD's descriptive labels, which node snapshots drop.
    package static func isDescriptiveGFDLabel(_ key: String) -> Bool {
        descriptiveGFDKeys.contains(key) || descriptiveGFDPrefixes.contains { key.hasPrefix($0) }
    }

    /// Whether NFD found an NVIDIA PCI device on the node.
    package static func hasGPUPCILabel(_ labels: [String: String]) -> Bool {
        pciLabels.contains { labels[$0] == "true" }
    }

    /// Whether the node is labelled as a GPU node.
    package static func isGPUNode(_ labels: [String: String]) -> Bool { labels[gpuPresent] == "true" }
}
