import KubeModels

/// Schemas of the ClusterPolicy sections this operator accepts and keeps but does not deploy, plus the
/// small cluster-wide switches.
enum OtherSpecSchemas {
    typealias C = CommonSchemas

    static let gfd = C.component("GPU Feature Discovery, which labels nodes with GPU properties.", enabledDefault: true, default: [:])
    static let nodeStatusExporter = C.component(
        "Per-node validation status metrics (not deployed by this operator).", enabledDefault: false, default: [:])

    static let mig = JSONSchemaProps.object(
        "How MIG devices are exposed.",
        [
            "strategy": .string("none, single (all GPUs alike) or mixed (per-profile resources).", enum: ["none", "single", "mixed"])
        ])

    static let migManager = C.component(
        "The MIG partition manager, which repartitions MIG-capable GPUs on request.", enabledDefault: true,
        extra: [
            "config": .object(
                "MIG partition layouts.",
                [
                    "name": .string("ConfigMap with key config.yaml; the built-in layouts when empty."),
                    "default": .string("Layout applied to nodes that name none.", enum: ["all-disabled", ""], default: "all-disabled"),
                ]),
            "gpuClientsConfig": .object("GPU clients to stop while repartitioning.", ["name": .string("ConfigMap with key clients.yaml.")]),
        ])

    static let psp = JSONSchemaProps.object("Deprecated PodSecurityPolicy switch; ignored.", ["enabled": .bool("Ignored.")])
    static let psa = JSONSchemaProps.object(
        "Pod Security Admission.",
        [
            "enabled": .bool("Label the operator namespace to allow privileged pods.")
        ])

    static func sidecar(_ what: String) -> JSONSchemaProps {
        JSONSchemaProps.object(
            "\(what) driver sidecar (not supported by this operator).",
            C.imageProperties.merging([
                "enabled": .bool("Deploy the sidecar."),
                "args": .stringArray("Sidecar arguments."),
                "env": C.env,
            ]) { _, new in new })
    }

    static let sandboxWorkloads = JSONSchemaProps.object(
        "Virtual-machine GPU workloads (not supported by this operator).",
        [
            "enabled": .bool("Enable sandbox workloads."),
            "defaultWorkload": .string("Workload of nodes that name none.", enum: ["container", "vm-passthrough", "vm-vgpu"], default: "container"),
            "mode": .string("Virtualization stack.", enum: ["kubevirt", "kata"], default: "kubevirt"),
        ])

    static let vfioManager = C.component(
        "Binds GPUs to vfio-pci for passthrough (not deployed).", enabledDefault: false,
        extra: [
            "driverManager": C.driverManager
        ])
    static let sandboxDevicePlugin = C.component("KubeVirt GPU device plugin (not deployed).", enabledDefault: false)
    static let kataSandboxDevicePlugin = C.component("Kata GPU device plugin (not deployed).", enabledDefault: false)
    static let vgpuManager = C.component(
        "vGPU host manager (not deployed).", enabledDefault: false,
        extra: [
            "driverManager": C.driverManager,
            "kernelModuleConfig": C.namedConfig,
        ])
    static let vgpuDeviceManager = C.component(
        "vGPU device manager (not deployed).", enabledDefault: false,
        extra: [
            "config": .object(
                "vGPU device layouts.",
                [
                    "name": .string("ConfigMap of layouts."),
                    "default": .string("Layout applied to nodes that name none.", default: "default"),
                ])
        ])
    static let ccManager = C.component(
        "Confidential-computing mode manager (not deployed).", enabledDefault: false,
        extra: [
            "defaultMode": .string("Mode applied to nodes that name none.", enum: ["on", "off", "devtools"])
        ])
    static let kataManager = C.component(
        "Deprecated Kata manager; never deployed.", enabledDefault: false,
        extra: [
            "config": .object(
                "Kata artifacts.",
                [
                    "artifactsDir": .string("Host directory for Kata artifacts."),
                    "runtimeClasses": .array(
                        "Runtime classes to create.",
                        of: .object(
                            "One runtime class.",
                            [
                                "name": .string("Runtime class name."),
                                "nodeSelector": .stringMap("Nodes the class applies to."),
                                "artifacts": .object(
                                    "Where the artifacts come from.",
                                    [
                                        "url": .string("OCI reference of the artifacts."),
                                        "pullSecret": .string("Secret used to pull them."),
                                    ]),
                            ], required: ["name"])),
                ])
        ])

    static let cdi = JSONSchemaProps.object(
        "Container Device Interface.",
        [
            "enabled": .bool("Inject GPUs with CDI.", default: true),
            "default": .bool("Deprecated; no effect.", default: false),
            "nriPluginEnabled": .bool("Inject GPUs with the toolkit's NRI plugin instead of runtime classes.", default: false),
        ])

    static let hostPaths = JSONSchemaProps.object(
        "Host paths the operands use.",
        [
            "rootFS": .string("The host's root filesystem as seen by operands; empty or / means unchanged."),
            "driverInstallDir": .string("Where the containerized driver is installed on the host (default /run/nvidia/driver)."),
            "kubeletRootDir": .string("The kubelet's root directory.", default: "/var/lib/kubelet"),
        ])
}
