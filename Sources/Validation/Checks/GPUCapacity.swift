/// Which GPU resource a node advertises (pure): `nvidia.com/gpu` (and shared variants such as
/// `nvidia.com/gpu.shared`) or, with MIG, `nvidia.com/mig-<profile>`.
package enum GPUCapacity {
    /// The prefix of the full-GPU resources.
    package static let gpuPrefix = "nvidia.com/gpu"
    /// The prefix of MIG device resources (the `mixed` strategy).
    package static let migPrefix = "nvidia.com/mig-"

    /// A resource's whole count (`"8"` → 8; anything not a plain integer counts as 0).
    package static func count(_ quantity: String) -> Int {
        Int(quantity) ?? 0
    }

    /// The GPU resources with a count ≥ 1, sorted by name.
    package static func advertised(_ resources: [String: String]) -> [(name: String, count: Int)] {
        resources.filter { $0.key.hasPrefix(gpuPrefix) || $0.key.hasPrefix(migPrefix) }
            .map { (name: $0.key, count: count($0.value)) }
            .filter { $0.count >= 1 }
            .sorted { $0.name < $1.name }
    }

    /// The resource a workload pod should request under a MIG strategy: with `mixed`, the first MIG
    /// resource; otherwise `nvidia.com/gpu`; falling back to whichever is advertised.
    /// - Returns: `nil` when the node advertises no GPU resource.
    package static func workloadResource(_ resources: [String: String], migStrategy: String) -> String? {
        let available = advertised(resources).map(\.name)
        let mig = available.first { $0.hasPrefix(migPrefix) }
        let full = available.contains(gpuPrefix) ? gpuPrefix : available.first { $0.hasPrefix(gpuPrefix) }
        return migStrategy == "mixed" ? (mig ?? full) : (full ?? mig)
    }

    /// How many units of `resource` are not requested by the node's live pods.
    /// - Parameters:
    ///   - allocatable: the node's allocatable resources.
    ///   - pods: the pods bound to the node.
    package static func free(_ resource: String, allocatable: [String: String], pods: [[String: String]]) -> Int {
        let used = pods.reduce(0) { $0 + count($1[resource] ?? "0") }
        return count(allocatable[resource] ?? "0") - used
    }
}
