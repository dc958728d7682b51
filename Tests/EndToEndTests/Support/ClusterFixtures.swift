/// Names the end-to-end tests check.
enum Operands {
    /// The DaemonSets of the default sample (the standalone DCGM engine is disabled there), sorted by name.
    static let defaultDaemonSets = [
        "gpu-feature-discovery", "nvidia-container-toolkit-daemonset", "nvidia-dcgm-exporter", "nvidia-device-plugin-daemonset",
        "nvidia-device-plugin-mps-control-daemon", "nvidia-driver-daemonset", "nvidia-mig-manager", "nvidia-operator-validator",
    ]

    /// The operand ServiceAccounts of the default sample, sorted by name (the MPS control daemon's is
    /// created, as upstream's, though its pods run as the device plugin's).
    static let defaultServiceAccounts = [
        "nvidia-container-toolkit", "nvidia-dcgm-exporter", "nvidia-device-plugin", "nvidia-device-plugin-mps-control-daemon",
        "nvidia-driver", "nvidia-gpu-feature-discovery", "nvidia-mig-manager", "nvidia-operator-validator",
    ]

    /// The default DaemonSets with no pod on a simulated GPU node: such a node is neither MIG-capable
    /// (no `gpu.deploy.mig-manager` label) nor labelled `nvidia.com/mps.capable=true` by GFD.
    static let withoutPodsOnSimulatedNodes: Set = ["nvidia-device-plugin-mps-control-daemon", "nvidia-mig-manager"]

    /// How many operand pods the default sample runs on each simulated GPU node.
    static var podsPerGPUNode: Int { defaultDaemonSets.filter { !withoutPodsOnSimulatedNodes.contains($0) }.count }
}
