/// The Kubernetes distribution of a node, as far as it moves the container runtime's files: k3s,
/// RKE2, microk8s and k0s run their own containerd with their own config and socket paths.
package enum KubernetesDistribution: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    /// Upstream packaging (kubeadm, managed clouds): the runtime's standard paths.
    case kubernetes
    case k3s
    case rke2
    case microk8s
    case k0s

    /// Orders by declaration.
    package static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What decides how the container toolkit configures a GPU node's runtime: the distribution, the
/// runtime, and for containerd its major version (2.x reads config version 3).
package struct RuntimeFlavor: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    package var distribution: KubernetesDistribution
    package var runtime: ContainerRuntime
    /// containerd's version as the node reports it (`2.0.4`, `1.7.20-k3s1`); `nil` for other runtimes
    /// or when unknown.
    package var containerdVersion: String?

    /// Creates a flavour.
    package init(distribution: KubernetesDistribution = .kubernetes, runtime: ContainerRuntime = .containerd, containerdVersion: String? = nil) {
        self.distribution = distribution
        self.runtime = runtime
        self.containerdVersion = runtime == .containerd ? containerdVersion : nil
    }

    /// containerd's major version; 1 when the version is unknown (the layout every distribution used
    /// before containerd 2).
    package var containerdMajor: Int? {
        guard runtime == .containerd else { return nil }
        return containerdVersion.flatMap { Int($0.prefix { $0.isNumber }) } ?? 1
    }

    /// The node label value naming the flavour, e.g. `k3s-containerd2`, `kubernetes-crio`.
    package var name: String {
        let runtimePart = containerdMajor.map { "containerd\($0)" } ?? runtime.rawValue
        return "\(distribution.rawValue)-\(runtimePart)"
    }

    /// `k3s, containerd 2.0.4` for status messages.
    package var description: String {
        let runtimePart = containerdVersion.map { "\(runtime.rawValue) \($0)" } ?? runtime.rawValue
        return "\(distribution.rawValue), \(runtimePart)"
    }

    /// Orders by label name.
    package static func < (lhs: Self, rhs: Self) -> Bool { (lhs.name, lhs.description) < (rhs.name, rhs.description) }
}
