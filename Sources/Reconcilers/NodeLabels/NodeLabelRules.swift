import Manifests

/// Upstream's node-labelling rules (reference §3) as a pure function: given a node's labels and the
/// active policy, the label changes the node needs. The caller sends them as one JSON merge patch.
package enum NodeLabelRules {
    /// Workload configurations a node can have.
    package enum WorkloadConfig: String, Sendable {
        case container
        case vmPassthrough = "vm-passthrough"
        case vmVGPU = "vm-vgpu"
    }

    /// Deploy labels (suffixes of `nvidia.com/gpu.deploy.`) per workload configuration.
    package static func deployLabels(for config: WorkloadConfig, sandboxMode: String) -> [String] {
        switch config {
        case .container:
            [
                "driver", "gpu-feature-discovery", "container-toolkit", "device-plugin", "dcgm", "dcgm-exporter",
                "node-status-exporter", "operator-validator", "client",
            ]
        case .vmPassthrough:
            [
                sandboxMode == "kata" ? "kata-sandbox-device-plugin" : "sandbox-device-plugin", "sandbox-validator",
                "vfio-manager", "kata-manager", "cc-manager", "client",
            ]
        case .vmVGPU:
            ["sandbox-device-plugin", "vgpu-manager", "vgpu-device-manager", "sandbox-validator", "cc-manager", "client"]
        }
    }

    /// Every deploy label either stack (ClusterPolicy, DRA) manages; these are removed when not wanted.
    package static let knownDeployLabels: Set<String> = {
        var all = Set(deployLabels(for: .container, sandboxMode: "kubevirt"))
        all.formUnion(deployLabels(for: .vmPassthrough, sandboxMode: "kubevirt"))
        all.formUnion(deployLabels(for: .vmPassthrough, sandboxMode: "kata"))
        all.formUnion(deployLabels(for: .vmVGPU, sandboxMode: "kubevirt"))
        all.formUnion(["dra-driver", "mig-manager"])
        return Set(all.map { NodeLabelKeys.deployPrefix + $0 })
    }()

    /// The label changes a node needs: a value sets the label, `nil` removes it. Empty when the node
    /// is already right.
    /// - Parameters:
    ///   - labels: the node's current labels.
    ///   - spec: the active ClusterPolicy's spec.
    ///   - runtimeFlavor: the node's detected runtime flavour, written to GPU nodes as
    ///     ``RuntimeFlavor/nodeLabel`` (removed from other nodes); `nil` leaves that label alone.
    package static func changes(for labels: [String: String], spec: ClusterPolicySpec, runtimeFlavor: RuntimeFlavor? = nil) -> [String: String?] {
        var changes: [String: String?] = [:]
        let hasPCI = NodeLabelKeys.hasGPUPCILabel(labels)
        var present = labels[NodeLabelKeys.gpuPresent]
        if hasPCI && present != "true" {
            changes[NodeLabelKeys.gpuPresent] = "true"
            present = "true"
        } else if !hasPCI && present == "true" {
            changes[NodeLabelKeys.gpuPresent] = "false"
            present = "false"
        }
        func remove(_ key: String) { if labels[key] != nil { changes[key] = .some(nil) } }
        func set(_ key: String, _ value: String) { if labels[key] != value { changes[key] = .some(value) } }
        if let runtimeFlavor {
            if present == "true" { set(RuntimeFlavor.nodeLabel, runtimeFlavor.name) } else { remove(RuntimeFlavor.nodeLabel) }
        }

        guard present == "true", labels[NodeLabelKeys.operandsKillSwitch] != "false" else {
            for key in knownDeployLabels { remove(key) }
            return changes
        }
        let config = workloadConfig(labels, spec: spec)
        let wanted = Set(deployLabels(for: config, sandboxMode: spec.sandboxWorkloads.mode ?? "kubevirt").map { NodeLabelKeys.deployPrefix + $0 })
        for key in knownDeployLabels where !wanted.contains(key) {
            if key == NodeLabelKeys.migManagerDeploy && config == .container { continue }
            remove(key)
        }
        for key in wanted.sorted() where (labels[key] ?? "").isEmpty {
            set(key, "true")
        }
        let migCapable = isMIGCapable(labels)
        if config == .container, migCapable, labels[NodeLabelKeys.migManagerDeploy] == nil {
            set(NodeLabelKeys.migManagerDeploy, "true")
        }
        // Upstream sets the initial MIG config only when the policy has a `migManager.config` whose
        // default is `all-disabled` (the chart always renders one); without it, nothing.
        if spec.migManager.isEnabled(default: true), migCapable, (labels[NodeLabelKeys.migConfig] ?? "").isEmpty,
            let config = spec.migManager.config, config.default == "all-disabled"
        {
            set(NodeLabelKeys.migConfig, "all-disabled")
        }
        return changes
    }

    /// The node's workload configuration: always `container` unless sandbox workloads are enabled.
    package static func workloadConfig(_ labels: [String: String], spec: ClusterPolicySpec) -> WorkloadConfig {
        guard spec.sandboxWorkloads.enabled == true else { return .container }
        if let value = labels[NodeLabelKeys.workloadConfig], let config = WorkloadConfig(rawValue: value) { return config }
        return WorkloadConfig(rawValue: spec.sandboxWorkloads.defaultWorkload ?? "") ?? .container
    }

    /// MIG-capable: no vGPU host driver, and `mig.capable=true` when that label exists, else an
    /// H100/A100/A30 product name.
    package static func isMIGCapable(_ labels: [String: String]) -> Bool {
        if !(labels[NodeLabelKeys.vgpuHostDriverVersion] ?? "").isEmpty { return false }
        if let capable = labels[NodeLabelKeys.migCapable] { return capable == "true" }
        let product = (labels[NodeLabelKeys.gpuProduct] ?? "").lowercased()
        return ["h100", "a100", "a30"].contains { product.contains($0) }
    }
}
