/// Names the end-to-end tests check.
enum Operands {
    /// The DaemonSets of the default sample (the standalone DCGM engine is disabled there), sorted by name.
    static let defaultDaemonSets = [
        "gpu-feature-discovery", "nvidia-container-toolkit-daemonset", "nvidia-dcgm-exporter", "nvidia-device-plugin-daemonset",
        "nvidia-device-plugin-mps-control-daemon", "nvidia-driver-daemonset", "nvidia-mig-manager", "nvidia-operator-validator",
    ]

    /// The default DaemonSets with no pod on a simulated GPU node: such a node is neither MIG-capable
    /// (no `gpu.deploy.mig-manager` label) nor labelled `nvidia.com/mps.capable=true` by GFD.
    static let withoutPodsOnSimulatedNodes: Set = ["nvidia-device-plugin-mps-control-daemon", "nvidia-mig-manager"]

    /// How many operand pods the default sample runs on each simulated GPU node.
    static var podsPerGPUNode: Int { defaultDaemonSets.filter { !withoutPodsOnSimulatedNodes.contains($0) }.count }
}
