import KubeModels

/// The schema of `ClusterPolicy.spec`, section by section.
enum SpecSchemas {
    typealias C = CommonSchemas

    static let `operator` = JSONSchemaProps.object(
        "Operator-wide settings.",
        [
            "defaultRuntime": .string("Deprecated: the container runtime is detected from the nodes.", enum: ["docker", "crio", "containerd"]),
            "runtimeClass": .string("Name of the RuntimeClass the operator creates and operand pods use.", default: "nvidia"),
            "initContainer": .object("Deprecated and unused.", C.imageProperties),
            "use_ocp_driver_toolkit": .bool("OpenShift only: build drivers with the Driver Toolkit image."),
            "labels": .stringMap("Unused; accepted for compatibility."),
            "annotations": .stringMap("Unused; accepted for compatibility."),
            "metrics": .object("The operator's own metrics endpoint.", ["serviceMonitor": C.serviceMonitor]),
        ], default: [:])

    static let daemonsets = JSONSchemaProps.object(
        "Settings applied to every operand DaemonSet.",
        [
            "labels": .stringMap(
                "Labels added to every operand DaemonSet and pod (app and app.kubernetes.io/part-of are not added to pods).", values: C.labelValue),
            "annotations": .stringMap("Annotations added to every operand DaemonSet and pod."),
            "tolerations": .array("Replaces every operand's tolerations when not empty.", of: C.toleration),
            "priorityClassName": .string("Priority class of operand pods (default system-node-critical).", pattern: C.dnsSubdomainPattern)
                .limited(to: 253),
            "updateStrategy": .string("How operand pods are replaced on change.", enum: ["RollingUpdate", "OnDelete"], default: "RollingUpdate"),
            "rollingUpdate": .object(
                "Rolling-update bound (not applied to the driver, which always updates on delete).",
                [
                    "maxUnavailable": .string(
                        "Pods that may be unavailable during an update: an integer or a percentage such as 20%.", pattern: #"^[0-9]+%?$"#)
                ]),
            "podSecurityContext": .openObject("Replaces every operand pod's security context."),
        ], default: [:])

    static let probe = JSONSchemaProps.object(
        "Timing overrides of a probe; only non-zero fields apply.",
        [
            "initialDelaySeconds": .integer("Seconds before the first probe.", minimum: 0),
            "timeoutSeconds": .integer("Seconds before one probe times out.", minimum: 1),
            "periodSeconds": .integer("Seconds between probes.", minimum: 1),
            "successThreshold": .integer("Consecutive successes needed.", minimum: 1),
            "failureThreshold": .integer("Consecutive failures tolerated.", minimum: 1),
        ])

    static let upgradePolicy = JSONSchemaProps.object(
        "How driver upgrades roll across nodes.",
        [
            "autoUpgrade": .bool("Let the operator manage driver upgrades node by node.", default: false),
            "maxParallelUpgrades": .integer("Nodes upgraded at once; 0 means no limit.", default: 1, minimum: 0),
            "maxUnavailable": .intOrString("Nodes (or a percentage) that may be unavailable during upgrades.", default: "25%"),
            "waitForCompletion": .object(
                "Wait for selected pods to finish before upgrading a node.",
                [
                    "podSelector": .string("Label selector of the pods to wait for."),
                    "timeoutSeconds": .integer("How long to wait; 0 waits forever.", default: 0, minimum: 0),
                ]),
            "podDeletion": .object(
                "How GPU pods are deleted before an upgrade.",
                [
                    "force": .bool("Delete pods without a controller too.", default: false),
                    "timeoutSeconds": .integer("How long to wait for deletion.", default: 300, minimum: 0),
                    "deleteEmptyDir": .bool("Also delete pods using emptyDir volumes.", default: false),
                ]),
            "drain": .object(
                "How nodes are drained before an upgrade.",
                [
                    "enable": .bool("Drain the node.", default: false),
                    "force": .bool("Drain pods without a controller too.", default: false),
                    "podSelector": .string("Label selector of the pods to drain."),
                    "timeoutSeconds": .integer("How long a drain may take.", default: 300, minimum: 0),
                    "deleteEmptyDir": .bool("Also drain pods using emptyDir volumes.", default: false),
                ]),
        ])

    static let driver = C.component(
        "The containerized NVIDIA driver.", enabledDefault: true,
        extra: [
            "useNvidiaDriverCRD": .bool("Manage drivers with NVIDIADriver resources instead (not supported by this operator)."),
            "usePrecompiled": .bool("Use precompiled per-kernel driver images: one DaemonSet per kernel version."),
            "kernelModuleType": .string("Which kernel modules to load.", enum: ["auto", "open", "proprietary"], default: "auto"),
            "useOpenKernelModules": .bool("Deprecated; use kernelModuleType."),
            "startupProbe": probe, "livenessProbe": probe, "readinessProbe": probe,
            "rdma": .object(
                "GPUDirect RDMA.",
                [
                    "enabled": .bool("Load nvidia-peermem (not supported by this operator)."),
                    "useHostMofed": .bool("MOFED is installed on the host."),
                ]),
            "upgradePolicy": upgradePolicy,
            "manager": C.driverManager,
            "repoConfig": .object("Package repositories for the driver build.", ["configMapName": .string("ConfigMap of repository files.")]),
            "certConfig": .object("Extra CA certificates for the driver build.", ["name": .string("ConfigMap of certificates.")]),
            "licensingConfig": .object(
                "vGPU guest licensing.",
                [
                    "configMapName": .string("Deprecated: ConfigMap holding gridd.conf."),
                    "secretName": .string("Secret holding gridd.conf and the client token."),
                    "nlsEnabled": .bool("Use NVIDIA License System tokens."),
                ]),
            "virtualTopology": .object("vGPU topology daemon configuration.", ["config": .string("ConfigMap holding nvidia-topologyd.conf.")]),
            "kernelModuleConfig": .object("Kernel module parameters.", ["name": .string("ConfigMap whose keys are mounted under /drivers.")]),
            "secretEnv": .string("Secret whose keys become the driver container's environment."),
        ], default: [:])

    static let toolkit = C.component(
        "The NVIDIA Container Toolkit, which configures the container runtime.", enabledDefault: true,
        extra: [
            "installDir": .string("Host directory the toolkit is installed into.", default: "/usr/local/nvidia")
        ], default: [:])

    static let devicePlugin = C.component(
        "The Kubernetes device plugin advertising nvidia.com/gpu.", enabledDefault: true,
        extra: [
            "config": .object(
                "Plugin configurations (time-slicing, MPS) shared with GPU Feature Discovery.",
                [
                    "name": .string("ConfigMap holding one configuration per key."),
                    "default": .string("Key used when a node names no configuration."),
                ]),
            "mps": .object("CUDA MPS sharing.", ["root": .string("Host directory for MPS pipes and shared memory.", default: "/run/nvidia/mps")]),
        ], default: [:])

    static let dcgmExporter = C.component(
        "The DCGM exporter serving GPU metrics to Prometheus.", enabledDefault: true,
        extra: [
            "annotations": .stringMap("Annotations added to the exporter's pods (keys are checked when rendering)."),
            "config": .object("Which metrics to collect.", ["name": .string("ConfigMap with key dcgm-metrics.csv.")]),
            "serviceMonitor": C.serviceMonitor,
            "service": .object(
                "The exporter's Service.",
                [
                    "type": .string("Service type, e.g. ClusterIP or NodePort."),
                    "internalTrafficPolicy": .string("Cluster or Local.", enum: ["Cluster", "Local"]),
                ]),
            "hostPID": .bool("Share the host PID namespace (needed to attribute GPU use to processes)."),
            "hpcJobMapping": .object(
                "Map GPUs to HPC jobs.",
                [
                    "enabled": .bool("Read job mapping files."),
                    "directory": .string("Host directory of job mapping files (default /var/lib/dcgm-exporter/job-mapping)."),
                ]),
            "enablePodLabels": .bool("Add the pod's labels to its GPU metrics."),
            "enablePodUID": .bool("Add the pod's UID to its GPU metrics."),
            "podLabelAllowlistRegex": .stringArray("Only pod labels matching one of these expressions are added."),
        ], default: [:])

    static let dcgm = C.component(
        "A standalone DCGM host engine the exporter connects to.", enabledDefault: true,
        extra: [
            "hostPort": .integer("Deprecated; unused.", minimum: 0, maximum: 65535)
        ], default: [:])

    static let validator = C.component(
        "The validator that checks each layer on every GPU node; it always runs.", enabledDefault: true, hasEnabled: false,
        extra: [
            "plugin": C.envList("device plugin"), "toolkit": C.envList("toolkit"), "driver": C.envList("driver"),
            "cuda": C.envList("CUDA workload"), "vfioPCI": C.envList("vfio-pci"), "vgpuManager": C.envList("vGPU manager"),
            "vgpuDevices": C.envList("vGPU devices"),
        ])
}
