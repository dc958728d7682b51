import KubeModels

/// Builds simulated Node objects the way kubelet registers them and Node Feature Discovery labels
/// them: GPU nodes carry the NVIDIA PCI label; every node carries OS and kernel NFD labels,
/// `status.nodeInfo` with the runtime, kernel and OS image, Ready conditions and capacity.
package enum NodeFactory {
    /// The NFD label that marks an NVIDIA PCI device (vendor 0x10de).
    package static let gpuLabel = "feature.node.kubernetes.io/pci-10de.present"
    /// The prefix of every NFD label.
    package static let nfdPrefix = "feature.node.kubernetes.io/"

    /// Node facts shared by every simulated node.
    package struct Profile: Sendable, Hashable {
        /// `containerd`, `cri-o` or `docker`.
        package var runtime: String
        /// `<ID><VERSION_ID>`, e.g. `ubuntu22.04`.
        package var os: String
        /// Kernel version, e.g. `5.15.0-105-generic`.
        package var kernel: String
        /// The Kubernetes distribution (``Distribution`` raw value); unknown names act as `kubernetes`.
        package var distribution: String
        /// The containerd version reported with the runtime `containerd`.
        package var containerdVersion: String

        /// Creates a profile.
        package init(runtime: String, os: String, kernel: String, distribution: String = "kubernetes", containerdVersion: String = "1.7.20") {
            self.runtime = runtime
            self.os = os
            self.kernel = kernel
            self.distribution = distribution
            self.containerdVersion = containerdVersion
        }
    }

    /// The distributions whose node marks kube-sim publishes, as each one's kubelet and agent do:
    /// k3s and RKE2 suffix the kubelet version (`+k3s1`, `+rke2r1`), build containerd themselves
    /// (`-k3s1`), record their arguments in a `<k3s|rke2>.io/node-args` annotation and set
    /// `node.kubernetes.io/instance-type`; k0s suffixes the kubelet version (`+k0s`); microk8s labels
    /// its nodes `microk8s.io/cluster=true`.
    package enum Distribution: String, Sendable, CaseIterable {
        case kubernetes, k3s, rke2, microk8s, k0s

        /// The kubelet version this distribution reports for Kubernetes `v1.32.0`.
        var kubeletVersion: String {
            switch self {
            case .k3s: "v1.32.0+k3s1"
            case .rke2: "v1.32.0+rke2r1"
            case .k0s: "v1.32.0+k0s"
            case .kubernetes, .microk8s: "v1.32.0"
            }
        }

        /// Labels the distribution adds.
        var labels: [String: String] {
            switch self {
            case .k3s: ["node.kubernetes.io/instance-type": "k3s"]
            case .rke2: ["node.kubernetes.io/instance-type": "rke2"]
            case .microk8s: ["microk8s.io/cluster": "true"]
            case .kubernetes, .k0s: [:]
            }
        }

        /// Annotations the distribution adds.
        var annotations: [String: String] {
            switch self {
            case .k3s: ["k3s.io/node-args": #"["agent"]"#]
            case .rke2: ["rke2.io/node-args": #"["agent"]"#]
            case .kubernetes, .microk8s, .k0s: [:]
            }
        }

        /// containerd's version string as the distribution builds it.
        func containerd(_ version: String) -> String {
            switch self {
            case .k3s, .rke2: "\(version)-k3s1"
            case .kubernetes, .microk8s, .k0s: version
            }
        }
    }

    /// The name of the `index`-th (1-based) simulated node: `gpu-node-0001`, `cpu-node-0042`.
    package static func name(gpu: Bool, index: Int) -> String {
        let digits = String(index)
        return (gpu ? "gpu-node-" : "cpu-node-") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Splits `<ID><VERSION_ID>` into the os-release ID and VERSION_ID (`ubuntu22.04` → `ubuntu`, `22.04`).
    package static func osRelease(_ os: String) -> (id: String, versionID: String) {
        let id = String(os.prefix { $0.isLetter })
        return (id, String(os.dropFirst(id.count)))
    }

    /// The OS image kubelet reports, e.g. `Ubuntu 22.04.4 LTS`.
    package static func osImage(_ os: String) -> String {
        let (id, version) = osRelease(os)
        switch id {
        case "ubuntu": return "Ubuntu \(version == "22.04" ? "22.04.4" : version) LTS"
        case "rhel": return "Red Hat Enterprise Linux \(version)"
        case "rhcos": return "Red Hat Enterprise Linux CoreOS \(version)"
        case "rocky": return "Rocky Linux \(version)"
        case "centos": return "CentOS Linux \(version)"
        case "sles": return "SUSE Linux Enterprise Server \(version)"
        case "debian": return "Debian GNU/Linux \(version)"
        case "ol": return "Oracle Linux Server \(version)"
        default: return "\(id) \(version)"
        }
    }

    /// The `containerRuntimeVersion` kubelet reports for a runtime name.
    package static func runtimeVersion(_ runtime: String, containerd: String = "1.7.20") -> String {
        switch runtime {
        case "cri-o", "crio": return "cri-o://1.30.4"
        case "docker": return "docker://24.0.7"
        default: return "containerd://\(containerd)"
        }
    }

    /// The labels a simulated node starts with.
    package static func labels(name: String, gpu: Bool, profile: Profile) -> [String: String] {
        let (id, version) = osRelease(profile.os)
        let versionParts = version.split(separator: ".").map(String.init)
        let kernelParts = profile.kernel.split(whereSeparator: { $0 == "." || $0 == "-" }).map(String.init)
        var labels = [
            "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
            "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
            "feature.node.kubernetes.io/system-os_release.ID": id,
            "feature.node.kubernetes.io/system-os_release.VERSION_ID": version,
            "feature.node.kubernetes.io/kernel-version.full": profile.kernel,
        ]
        if let major = versionParts.first { labels["feature.node.kubernetes.io/system-os_release.VERSION_ID.major"] = major }
        if versionParts.count > 1 { labels["feature.node.kubernetes.io/system-os_release.VERSION_ID.minor"] = versionParts[1] }
        for (index, suffix) in ["major", "minor", "revision"].enumerated() where index < kernelParts.count {
            labels["feature.node.kubernetes.io/kernel-version.\(suffix)"] = kernelParts[index]
        }
        if gpu { labels[gpuLabel] = "true" }
        return labels
    }

    /// A complete Node object (metadata without uid/resourceVersion, which the store stamps).
    /// - Parameters:
    ///   - name: node name.
    ///   - gpu: whether it has an NVIDIA GPU.
    ///   - ordinal: a small number unique per node, for addresses and pod CIDRs.
    ///   - profile: runtime, OS and kernel.
    ///   - extraLabels: labels added to (or overriding) the defaults.
    ///   - now: registration time.
    package static func node(name: String, gpu: Bool, ordinal: Int, profile: Profile, extraLabels: [String: String], now: Timestamp) -> JSONValue {
        let distribution = Distribution(rawValue: profile.distribution) ?? .kubernetes
        let labels = self.labels(name: name, gpu: gpu, profile: profile).merging(distribution.labels) { _, new in new }
            .merging(extraLabels) { _, new in new }
        let annotations = ["node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"]
            .merging(distribution.annotations) { _, new in new }
        let address = "10.\(ordinal / 65_536 % 256).\(ordinal / 256 % 256).\(ordinal % 256)"
        let cidr = "10.244.\(ordinal % 256).0/24"
        let time = JSONValue.string(now.rfc3339)
        let capacity: JSONValue = [
            "cpu": gpu ? "64" : "16", "memory": gpu ? "527966420Ki" : "65843204Ki", "pods": "110",
            "ephemeral-storage": "959786032Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0",
        ]
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSONValue {
            [
                "type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
                "lastHeartbeatTime": time, "lastTransitionTime": time,
            ]
        }
        return [
            "apiVersion": "v1", "kind": "Node",
            "metadata": [
                "name": .string(name), "labels": JSONValue(stringMap: labels),
                "annotations": JSONValue(stringMap: annotations),
            ],
            "spec": ["podCIDR": .string(cidr), "podCIDRs": [.string(cidr)]],
            "status": [
                "addresses": [["type": "InternalIP", "address": .string(address)], ["type": "Hostname", "address": .string(name)]],
                "capacity": capacity, "allocatable": capacity,
                "conditions": [
                    condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                ],
                "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                "nodeInfo": [
                    "architecture": "amd64", "bootID": .string(uuidLike(ordinal, salt: 1)), "machineID": .string(hexID(ordinal)),
                    "systemUUID": .string(uuidLike(ordinal, salt: 2)),
                    "containerRuntimeVersion": .string(
                        runtimeVersion(profile.runtime, containerd: distribution.containerd(profile.containerdVersion))),
                    "kernelVersion": .string(profile.kernel), "kubeProxyVersion": .string(distribution.kubeletVersion),
                    "kubeletVersion": .string(distribution.kubeletVersion), "operatingSystem": "linux",
                    "osImage": .string(osImage(profile.os)),
                ],
            ],
        ]
    }

    private static func hexID(_ ordinal: Int) -> String {
        let hex = String(RandomNames.fnv1a32(String(ordinal).utf8), radix: 16)
        return String(repeating: "0", count: 32 - hex.count) + hex
    }

    private static func uuidLike(_ ordinal: Int, salt: Int) -> String {
        let hex = hexID(ordinal * 7 + salt)
        return "\(hex.prefix(8))-\(hex.dropFirst(8).prefix(4))-\(hex.dropFirst(12).prefix(4))-\(hex.dropFirst(16).prefix(4))-\(hex.suffix(12))"
    }
}
