import Manifests

/// Derives the renderer's ``ClusterFacts`` from the node store (reference §4.4 and §4.6), purely.
package enum ClusterFactsBuilder {
    /// The facts, plus problems worth reporting in status.
    package struct Result: Sendable, Hashable {
        package var facts: ClusterFacts
        /// Names of GPU nodes, sorted.
        package var gpuNodes: [String]
        /// Whether any node carries an NFD label (NFD is running).
        package var hasNFDLabels: Bool
        /// Human-readable problems, e.g. a GPU node without OS labels.
        package var problems: [String]
        /// The GPU nodes of each runtime flavour, ordered by flavour; empty without GPU nodes.
        package var flavorNodes: [FlavorNodes] = []
    }

    /// The GPU nodes running one runtime flavour.
    package struct FlavorNodes: Sendable, Hashable {
        package var flavor: RuntimeFlavor
        /// Node names, sorted.
        package var nodes: [String]
    }

    /// Builds facts from node snapshots.
    /// - Parameters:
    ///   - nodes: every node's snapshot.
    ///   - base: facts not derived from nodes (namespace, Kubernetes version, image environment, ...).
    package static func build(nodes: [NodeSnapshot], base: ClusterFacts) -> Result {
        var facts = base
        let gpuNodes = nodes.filter { NodeLabelKeys.hasGPUPCILabel($0.labels) || NodeLabelKeys.isGPUNode($0.labels) }
            .sorted { $0.name < $1.name }
        let hasNFD = nodes.contains(where: \.hasNFDLabels)
        var problems: [String] = []

        facts.runtime = runtime(of: gpuNodes)
        var osTag: String?
        var kernels: [KernelFact] = []
        var seenKernels: Set<KernelFact> = []
        var kernelOS: [String: String] = [:]
        for node in gpuNodes {
            guard let id = node.labels[NodeLabelKeys.osID], let version = node.labels[NodeLabelKeys.osVersionID] else {
                problems.append("GPU node \(node.name) has no NFD OS labels (\(NodeLabelKeys.osID), \(NodeLabelKeys.osVersionID))")
                continue
            }
            let tag = OSTag.fromNFD(id: id, versionID: version)
            if osTag == nil { osTag = tag }
            if let kernel = node.labels[NodeLabelKeys.kernelVersion] {
                if let other = kernelOS[kernel], other != tag {
                    problems.append("kernel \(kernel) runs on both \(other) and \(tag) GPU nodes (precompiled drivers cannot tell them apart)")
                }
                kernelOS[kernel] = kernelOS[kernel] ?? tag
                let fact = KernelFact(version: kernel, os: tag)
                if seenKernels.insert(fact).inserted { kernels.append(fact) }
            }
        }
        if let osTag { facts.os = osTag }
        facts.kernels = kernels.sorted { ($0.version, $0.os) < ($1.version, $1.os) }
        let byFlavor = Dictionary(grouping: gpuNodes, by: \.runtimeFlavor)
        let flavorNodes = byFlavor.keys.sorted().map { FlavorNodes(flavor: $0, nodes: byFlavor[$0]!.map(\.name)) }
        facts.runtimeFlavors = flavorNodes.map(\.flavor)
        return Result(facts: facts, gpuNodes: gpuNodes.map(\.name), hasNFDLabels: hasNFD, problems: problems, flavorNodes: flavorNodes)
    }

    /// The runtime of the GPU nodes: containerd if any node uses it, else the last one recognised,
    /// else containerd.
    package static func runtime(of nodes: [NodeSnapshot]) -> ContainerRuntime {
        var found: ContainerRuntime?
        for node in nodes {
            guard let version = node.containerRuntimeVersion else { continue }
            if version.hasPrefix("containerd") { return .containerd }
            if version.hasPrefix("docker") { found = .docker }
            if version.hasPrefix("cri-o") { found = .crio }
        }
        return found ?? .containerd
    }
}
