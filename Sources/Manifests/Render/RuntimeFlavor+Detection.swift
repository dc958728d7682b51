/// Detection of a node's flavour from what kubelet and the distribution publish on the Node, purely.
extension RuntimeFlavor {
    /// The node label carrying a GPU node's flavour (``name``), written by the operator; the toolkit
    /// DaemonSets of a cluster with several flavours select their nodes by it.
    package static let nodeLabel = "nvidia.com/gpu.runtime-flavor"

    /// Detects a node's flavour.
    /// - Parameters:
    ///   - kubeletVersion: `status.nodeInfo.kubeletVersion`: `v1.31.4+k3s1`, `v1.31.4+rke2r1`, `v1.31.4+k0s`.
    ///   - containerRuntimeVersion: `status.nodeInfo.containerRuntimeVersion`: `containerd://2.0.4-k3s2`, `cri-o://1.30.4`.
    ///   - labels: the node's labels (microk8s sets `microk8s.io/cluster`; k3s and RKE2 set
    ///     `node.kubernetes.io/instance-type` to their name unless a cloud provider overrides it).
    ///   - annotations: the node's annotations (k3s and RKE2 record `k3s.io/node-args` / `rke2.io/node-args`).
    package static func detect(
        kubeletVersion: String?, containerRuntimeVersion: String?, labels: [String: String], annotations: [String: String]
    ) -> RuntimeFlavor {
        RuntimeFlavor(
            distribution: distribution(kubeletVersion: kubeletVersion, labels: labels, annotations: annotations),
            runtime: runtime(containerRuntimeVersion), containerdVersion: containerdVersion(containerRuntimeVersion))
    }

    /// The distribution: RKE2 before k3s (RKE2 embeds k3s and carries some of its marks).
    package static func distribution(kubeletVersion: String?, labels: [String: String], annotations: [String: String]) -> KubernetesDistribution {
        let suffix = kubeletVersion.flatMap { version in version.firstIndex(of: "+").map { String(version[version.index(after: $0)...]) } } ?? ""
        let instanceType = labels["node.kubernetes.io/instance-type"]
        if suffix.hasPrefix("rke2") || annotations["rke2.io/node-args"] != nil || instanceType == "rke2" { return .rke2 }
        if suffix.hasPrefix("k3s") || annotations["k3s.io/node-args"] != nil || instanceType == "k3s" { return .k3s }
        if suffix.hasPrefix("k0s") || labels.keys.contains(where: { $0.hasPrefix("node.k0sproject.io/") }) { return .k0s }
        if labels["microk8s.io/cluster"] == "true" { return .microk8s }
        return .kubernetes
    }

    /// The runtime named by `containerRuntimeVersion`; containerd when it names none we know.
    package static func runtime(_ containerRuntimeVersion: String?) -> ContainerRuntime {
        guard let value = containerRuntimeVersion else { return .containerd }
        if value.hasPrefix("cri-o") { return .crio }
        if value.hasPrefix("docker") { return .docker }
        return .containerd
    }

    /// containerd's version from `containerd://2.0.4-k3s2` (`2.0.4-k3s2`), `nil` for other runtimes.
    package static func containerdVersion(_ containerRuntimeVersion: String?) -> String? {
        guard let value = containerRuntimeVersion, value.hasPrefix("containerd://") else { return nil }
        let version = String(value.dropFirst("containerd://".count))
        return version.isEmpty ? nil : version
    }
}
