/// Names the end-to-end tests check.
enum Operands {
    /// The DaemonSets of the default sample (the standalone DCGM engine is disabled there).
    static let defaultDaemonSets = [
        "gpu-feature-discovery", "nvidia-container-toolkit-daemonset", "nvidia-dcgm-exporter", "nvidia-device-plugin-daemonset",
        "nvidia-driver-daemonset", "nvidia-operator-validator",
    ]
}
