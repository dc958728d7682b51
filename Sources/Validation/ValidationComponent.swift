/// What one validator run checks (upstream's `COMPONENT`), plus the CUDA workload that runs inside the
/// validation pod.
package enum ValidationComponent: String, Sendable, Hashable, CaseIterable {
    /// The driver answers (host-installed or containerized) → `driver-ready`.
    case driver
    /// The container runtime injects the driver (`nvidia-smi` works here) → `toolkit-ready`.
    case toolkit
    /// A CUDA workload pod pinned to this node succeeds → `cuda-ready`.
    case cuda
    /// The node advertises GPUs (the device plugin works) → `plugin-ready`.
    case plugin
    /// The vector add itself, run inside the CUDA validation pod (no status file).
    case cudaWorkload = "cuda-workload"

    /// The status file this check writes, `nil` for the workload.
    package var statusFile: String? {
        switch self {
        case .driver: "driver-ready"
        case .toolkit: "toolkit-ready"
        case .cuda: "cuda-ready"
        case .plugin: "plugin-ready"
        case .cudaWorkload: nil
        }
    }
}
