import KubeModels

extension NodeFactory {
    /// How much of a real node kube-sim reproduces.
    package enum Detail: String, Sendable, CaseIterable, Codable {
        /// About 14 labels and 3 KB of JSON: what the operator reads, nothing more (tests, demo).
        case minimal
        /// A node as kubelet, NFD, GFD and a cloud provider leave it: 100–150 labels (NFD's label
        /// families, GFD's `nvidia.com/*` labels on GPU nodes, topology and instance labels), NFD's
        /// annotations, 30–50 cached images, node-problem-detector conditions, `nvidia.com/gpu` in
        /// capacity, and managedFields of four managers (kubelet twice): about 29 KB of JSON per GPU node.
        case realistic
    }

    /// A realistic Node (``Detail/realistic``): the minimal node of the same name with every
    /// addition a production GPU or CPU node carries.
    /// - Parameters:
    ///   - name: node name.
    ///   - gpu: whether it has NVIDIA GPUs (GFD labels, `nvidia.com/gpu` resources, NVIDIA images).
    ///   - ordinal: a small number unique per node; picks the GPU model, CPU model, zone and images.
    ///   - profile: runtime, OS, kernel and distribution.
    ///   - extraLabels: labels added to (or overriding) the generated ones.
    ///   - now: registration time.
    package static func realisticNode(
        name: String, gpu: Bool, ordinal: Int, profile: Profile, extraLabels: [String: String], now: Timestamp
    ) -> JSONValue {
        var node = self.node(name: name, gpu: gpu, ordinal: ordinal, profile: profile, extraLabels: [:], now: now)
        let model = RealisticNodeData.gpuModel(ordinal: ordinal)
        let cpu = RealisticNodeData.cpuModels[ordinal / 7 % RealisticNodeData.cpuModels.count]
        let zone = RealisticNodeData.zones[ordinal % RealisticNodeData.zones.count]
        let instance = RealisticNodeData.cpuInstanceTypes[ordinal % RealisticNodeData.cpuInstanceTypes.count]
        var labels = node["metadata"]?["labels"]?.stringMap ?? [:]
        let nfd = nfdLabels(gpu: gpu, model: model, cpu: cpu)
        labels.merge(nfd) { _, new in new }
        labels.merge(cloudLabels(gpu: gpu, model: model, instanceType: instance.name, zone: zone)) { _, new in new }
        let gfd = gpu ? gfdLabels(model: model, now: now) : [:]
        labels.merge(gfd) { _, new in new }
        labels.merge(extraLabels) { _, new in new }
        node.set(["metadata", "labels"], to: JSONValue(stringMap: labels))

        var annotations = node["metadata"]?["annotations"]?.stringMap ?? [:]
        let featureLabels = (nfd.keys.map { String($0.dropFirst(nfdPrefix.count)) } + gfd.keys.map { $0 }).sorted()
        annotations["nfd.node.kubernetes.io/feature-labels"] = featureLabels.joined(separator: ",")
        annotations["nfd.node.kubernetes.io/worker.version"] = "v0.16.6"
        annotations["csi.volume.kubernetes.io/nodeid"] = #"{"ebs.csi.aws.com":"i-0\#(hexSuffix(ordinal, length: 16))"}"#
        annotations["alpha.kubernetes.io/provided-node-ip"] = node["status"]?["addresses"]?.arrayValue?.first?["address"]?.stringValue ?? ""
        node.set(["metadata", "annotations"], to: JSONValue(stringMap: annotations))
        node.set(["spec", "providerID"], to: .string("aws:///\(zone)/i-0\(hexSuffix(ordinal, length: 16))"))

        let cpus = gpu ? model.cpus : instance.cpus
        let memory = gpu ? model.memoryKiB : instance.memoryKiB
        var capacity: [String: JSONValue] = [
            "cpu": .string(String(cpus)), "memory": .string("\(memory)Ki"), "pods": gpu ? "737" : "234",
            "ephemeral-storage": "959786032Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "attachable-volumes-aws-ebs": "39",
        ]
        if gpu { capacity["nvidia.com/gpu"] = .string(String(model.count)) }
        var allocatable = capacity
        allocatable["cpu"] = .string("\(cpus * 1000 - 290)m")
        allocatable["memory"] = .string("\(memory - 3_694_592)Ki")
        allocatable["ephemeral-storage"] = "883469850236"
        node.set(["status", "capacity"], to: .object(capacity))
        node.set(["status", "allocatable"], to: .object(allocatable))
        node.set(["status", "conditions"], to: .array(realisticConditions(node["status"]?["conditions"]?.arrayValue ?? [], now: now)))
        node.set(["status", "images"], to: .array(images(gpu: gpu, ordinal: ordinal)))
        node.set(
            ["metadata", "managedFields"],
            to: .array(managedFields(labels: labels, nfd: Array(nfd.keys) + Array(gfd.keys), annotations: annotations, gpu: gpu, now: now)))
        return node
    }

    /// NFD's labels: cpuid flags, CPU model and power state, kernel config and version, memory, PCI
    /// devices (NIC, BMC VGA and, on GPU nodes, NVIDIA), RDMA, storage, OS release and USB.
    static func nfdLabels(gpu: Bool, model: RealisticNodeData.GPUModel, cpu: RealisticNodeData.CPUModel) -> [String: String] {
        var labels: [String: String] = [:]
        func set(_ key: String, _ value: String) { labels[nfdPrefix + key] = value }
        for flag in cpu.flags { set("cpu-cpuid.\(flag)", "true") }
        set("cpu-cpuid.X86_64_V2", "true")
        set("cpu-cpuid.X86_64_V3", "true")
        set("cpu-hardware_multithreading", "true")
        set("cpu-model.family", cpu.family)
        set("cpu-model.id", cpu.id)
        set("cpu-model.vendor_id", cpu.vendor)
        set("cpu-pstate.status", "active")
        set("cpu-pstate.turbo", "true")
        set("cpu-pstate.scaling_governor", "performance")
        set("cpu-rdt.RDTCMT", "true")
        set("cpu-rdt.RDTL3CA", "true")
        set("cpu-rdt.RDTMBM", "true")
        set("cpu-rdt.RDTMON", "true")
        set("cpu-security.sgx.enabled", "false")
        set("cpu-security.tdx.enabled", "false")
        for config in RealisticNodeData.kernelConfigs { set("kernel-config.\(config)", "true") }
        set("kernel-selinux.enabled", "false")
        set("memory-numa", gpu ? "true" : "false")
        set("network-sriov.capable", "true")
        set("pci-0200_1d0f.present", "true")
        set("pci-1d0f.present", "true")
        set("pci-0300_1d0f.present", "true")
        set("rdma.available", gpu ? "true" : "false")
        set("rdma.capable", gpu ? "true" : "false")
        set("storage-nonrotationaldisk", "true")
        set("system-os_release.VERSION_ID.patch", "4")
        set("usb-ef_0627_0001.present", "true")
        if gpu {
            set("pci-\(model.pciClass)_10de.present", "true")
            set("pci-0207_1d0f.present", "true")
        }
        return labels
    }

    /// GPU Feature Discovery's labels for a GPU model (driver 550.127.08, CUDA 12.4, no sharing).
    static func gfdLabels(model: RealisticNodeData.GPUModel, now: Timestamp) -> [String: String] {
        [
            "nvidia.com/cuda.driver-version.full": "550.127.08", "nvidia.com/cuda.driver-version.major": "550",
            "nvidia.com/cuda.driver-version.minor": "127", "nvidia.com/cuda.driver-version.revision": "08",
            "nvidia.com/cuda.driver.major": "550", "nvidia.com/cuda.driver.minor": "127", "nvidia.com/cuda.driver.rev": "08",
            "nvidia.com/cuda.runtime-version.full": "12.4", "nvidia.com/cuda.runtime-version.major": "12",
            "nvidia.com/cuda.runtime-version.minor": "4", "nvidia.com/cuda.runtime.major": "12", "nvidia.com/cuda.runtime.minor": "4",
            "nvidia.com/gfd.timestamp": String(now.secondsSinceEpoch),
            "nvidia.com/gpu.compute.major": String(model.compute.major), "nvidia.com/gpu.compute.minor": String(model.compute.minor),
            "nvidia.com/gpu.count": String(model.count), "nvidia.com/gpu.family": model.family,
            "nvidia.com/gpu.machine": model.instanceType, "nvidia.com/gpu.memory": String(model.memoryMiB),
            "nvidia.com/gpu.mode": "compute", "nvidia.com/gpu.product": model.product, "nvidia.com/gpu.replicas": "1",
            "nvidia.com/gpu.sharing-strategy": "none", "nvidia.com/mig.capable": model.migCapable ? "true" : "false",
            "nvidia.com/mig.strategy": "single", "nvidia.com/mps.capable": "false", "nvidia.com/vgpu.present": "false",
        ]
    }

    /// The cloud provider's and node group's labels.
    static func cloudLabels(gpu: Bool, model: RealisticNodeData.GPUModel, instanceType: String, zone: String) -> [String: String] {
        let instance = gpu ? model.instanceType : instanceType
        let region = String(zone.dropLast())
        return [
            "node.kubernetes.io/instance-type": instance, "beta.kubernetes.io/instance-type": instance,
            "topology.kubernetes.io/region": region, "topology.kubernetes.io/zone": zone,
            "failure-domain.beta.kubernetes.io/region": region, "failure-domain.beta.kubernetes.io/zone": zone,
            "topology.ebs.csi.aws.com/zone": zone, "k8s.io/cloud-provider-aws": "4f1a2bd51c0e4a7d8e1a",
            "eks.amazonaws.com/capacityType": "ON_DEMAND", "eks.amazonaws.com/nodegroup": gpu ? "gpu-\(instance.split(separator: ".")[0])" : "system",
            "eks.amazonaws.com/nodegroup-image": "ami-0c5e2f1b7d9a3e8f4", "eks.amazonaws.com/sourceLaunchTemplateVersion": "3",
            "node-pool": gpu ? "gpu" : "cpu",
        ]
    }

    private static func realisticConditions(_ base: [JSONValue], now: Timestamp) -> [JSONValue] {
        let time = JSONValue.string(now.rfc3339)
        func condition(_ type: String, _ reason: String, _ message: String) -> JSONValue {
            [
                "type": .string(type), "status": "False", "reason": .string(reason), "message": .string(message),
                "lastHeartbeatTime": time, "lastTransitionTime": time,
            ]
        }
        return [
            condition("KernelDeadlock", "KernelHasNoDeadlock", "kernel has no deadlock"),
            condition("ReadonlyFilesystem", "FilesystemIsNotReadOnly", "Filesystem is not read-only"),
            condition("FrequentKubeletRestart", "NoFrequentKubeletRestart", "kubelet is functioning properly"),
            condition("FrequentContainerdRestart", "NoFrequentContainerdRestart", "containerd is functioning properly"),
        ] + base
    }

    private static func images(gpu: Bool, ordinal: Int) -> [JSONValue] {
        var chosen = RealisticNodeData.systemImages
        let extra = gpu ? 12 + ordinal % 21 : ordinal % 13
        let pool = gpu ? RealisticNodeData.gpuImages : RealisticNodeData.gpuImages.filter { !$0.0.contains("nvidia") }
        chosen += (0..<min(extra, pool.count)).map { pool[($0 + ordinal) % pool.count] }
        return chosen.map { repository, tag, size in
            let digest = "sha256:" + hexSuffix(Int(RandomNames.fnv1a32("\(repository):\(tag)".utf8)), length: 64)
            return ["names": [.string("\(repository)@\(digest)"), .string("\(repository):\(tag)")], "sizeBytes": .int(Int64(size))]
        }
    }

    /// Lower-case hex digits derived from `seed`, `length` long.
    static func hexSuffix(_ seed: Int, length: Int) -> String {
        var text = ""
        var value = UInt32(truncatingIfNeeded: seed)
        while text.count < length {
            value = RandomNames.fnv1a32(String(value).utf8)
            text += String(value, radix: 16)
        }
        return String(text.prefix(length))
    }
}
