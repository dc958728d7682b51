import KubeModels

/// What the renderer needs to know about the cluster: read from nodes by the operator, given by
/// flags or a `--facts` file to `--dry-run`. Rendering is a pure function of a policy and these facts.
package struct ClusterFacts: Codable, Sendable, Hashable {
    /// The namespace the operands run in.
    package var namespace: String = "gpu-operator"
    /// The container runtime of the GPU nodes (containerd wins when nodes differ).
    package var runtime: ContainerRuntime = .containerd
    /// OS tag of the GPU nodes: NFD `ID` + `VERSION_ID`, e.g. `ubuntu22.04` or `rhel9`.
    package var os: String = "ubuntu22.04"
    /// Kernel versions of the GPU nodes with each one's OS tag (precompiled drivers: one DaemonSet each).
    package var kernels: [KernelFact] = [KernelFact(version: "5.15.0-105-generic", os: "ubuntu22.04")]
    /// The API server's version, e.g. `v1.32.0`.
    package var kubernetesVersion: String = "v1.32.0"
    /// Whether the `servicemonitors.monitoring.coreos.com` CRD is served.
    package var serviceMonitorCRD: Bool = false
    /// Whether the cluster is OpenShift (not supported: rendering fails).
    package var openShift: Bool = false
    /// The operator's image environment variables (`DRIVER_IMAGE`, `VALIDATOR_IMAGE`, ...).
    package var imageEnvironment: [String: String] = [:]
    /// Keys of ConfigMaps the policy references (kernel module, repository and certificate configs).
    package var configMapKeys: [String: [String]] = [:]
    /// The distinct runtime flavours of the GPU nodes, sorted; empty means one flavour: upstream
    /// Kubernetes with ``runtime`` (see ``flavors``).
    package var runtimeFlavors: [RuntimeFlavor] = []

    /// The GPU nodes' flavours: ``runtimeFlavors``, or upstream Kubernetes with ``runtime`` when none are known.
    package var flavors: [RuntimeFlavor] { runtimeFlavors.isEmpty ? [RuntimeFlavor(runtime: runtime)] : runtimeFlavors }

    /// Creates the default facts: containerd on Ubuntu 22.04, Kubernetes 1.32, no ServiceMonitor CRD.
    package init() {}

    private enum CodingKeys: String, CodingKey {
        case namespace, runtime, os, kernels, kubernetesVersion, serviceMonitorCRD, openShift, imageEnvironment, configMapKeys
        case runtimeFlavors, distribution, containerdVersion
    }

    /// Decodes facts; every field is optional and falls back to the default.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ClusterFacts()
        namespace = try c.decodeIfPresent(String.self, forKey: .namespace) ?? defaults.namespace
        runtime = try c.decodeIfPresent(ContainerRuntime.self, forKey: .runtime) ?? defaults.runtime
        os = try c.decodeIfPresent(String.self, forKey: .os) ?? defaults.os
        kernels =
            try c.decodeIfPresent([KernelFact].self, forKey: .kernels)
            ?? [KernelFact(version: defaults.kernels[0].version, os: os)]
        kubernetesVersion = try c.decodeIfPresent(String.self, forKey: .kubernetesVersion) ?? defaults.kubernetesVersion
        serviceMonitorCRD = try c.decodeIfPresent(Bool.self, forKey: .serviceMonitorCRD) ?? defaults.serviceMonitorCRD
        openShift = try c.decodeIfPresent(Bool.self, forKey: .openShift) ?? defaults.openShift
        imageEnvironment = try c.decodeIfPresent([String: String].self, forKey: .imageEnvironment) ?? [:]
        configMapKeys = try c.decodeIfPresent([String: [String]].self, forKey: .configMapKeys) ?? [:]
        runtimeFlavors = try c.decodeIfPresent([RuntimeFlavor].self, forKey: .runtimeFlavors) ?? []
        let distribution = try c.decodeIfPresent(KubernetesDistribution.self, forKey: .distribution)
        let containerdVersion = try c.decodeIfPresent(String.self, forKey: .containerdVersion)
        if runtimeFlavors.isEmpty, distribution != nil || containerdVersion != nil {
            runtimeFlavors = [RuntimeFlavor(distribution: distribution ?? .kubernetes, runtime: runtime, containerdVersion: containerdVersion)]
        }
    }

    /// Encodes the facts (the shorthand `distribution`/`containerdVersion` is written as `runtimeFlavors`).
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(namespace, forKey: .namespace)
        try c.encode(runtime, forKey: .runtime)
        try c.encode(os, forKey: .os)
        try c.encode(kernels, forKey: .kernels)
        try c.encode(kubernetesVersion, forKey: .kubernetesVersion)
        try c.encode(serviceMonitorCRD, forKey: .serviceMonitorCRD)
        try c.encode(openShift, forKey: .openShift)
        try c.encode(imageEnvironment, forKey: .imageEnvironment)
        try c.encode(configMapKeys, forKey: .configMapKeys)
        if !runtimeFlavors.isEmpty { try c.encode(runtimeFlavors, forKey: .runtimeFlavors) }
    }

    /// The OS identifier part of ``os`` (`ubuntu` of `ubuntu22.04`).
    package var osID: String { OSTag(os).id }
}

/// A kernel version present on GPU nodes and the OS tag of those nodes.
package struct KernelFact: Codable, Sendable, Hashable {
    /// Full kernel version as NFD reports it (`kernel-version.full`).
    package var version: String
    /// OS tag of the nodes running it.
    package var os: String

    /// Creates a fact.
    package init(version: String, os: String) {
        self.version = version
        self.os = os
    }
}

/// The container runtimes the toolkit can configure.
package enum ContainerRuntime: String, Codable, Sendable, Hashable, CaseIterable {
    case containerd
    case docker
    case crio
}

/// An OS tag split into identifier and version: `rhel9` → (`rhel`, `9`).
package struct OSTag: Sendable, Hashable {
    package var id: String
    package var version: String

    /// Splits a tag at its first digit.
    package init(_ tag: String) {
        let index = tag.firstIndex(where: \.isNumber) ?? tag.endIndex
        id = String(tag[..<index])
        version = String(tag[index...])
    }

    /// Builds the tag from NFD's `ID` and `VERSION_ID`, keeping only the major version for rhel,
    /// rocky and ol as upstream does.
    package static func fromNFD(id: String, versionID: String) -> String {
        let majorOnly = ["rhel", "rocky", "ol"].contains(id)
        let version = majorOnly ? String(versionID.split(separator: ".").first ?? Substring(versionID)) : versionID
        return id + version
    }
}
