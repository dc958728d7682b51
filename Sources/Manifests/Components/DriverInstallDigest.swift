import KubeModels

/// `DRIVER_CONFIG_DIGEST`: a digest of everything in a rendered driver pod that affects how the driver
/// is installed on the node, following upstream's ClusterPolicy path (which extracts it from the fully
/// transformed DaemonSet).
///
/// Two consumers rely on it changing exactly when the installation would: `k8s-driver-manager` skips
/// the reinstall when the loaded driver's digest equals it, and the driver upgrade controller restarts
/// the driver pod without evicting workloads when the running pod's digest equals the template's.
///
/// It is computed from the pod spec after every transform that touches it, so whatever the renderer
/// puts there is covered without listing policy fields. The inputs:
/// - the `k8s-driver-manager` init container: image and env;
/// - the `nvidia-driver-ctr` container: image, command, args, env, the Secrets it takes as `envFrom`
///   and its volume mounts (name, mount path, sub-path, read-only);
/// - the peermem, GDS, GDRCopy and Driver Toolkit sidecars when present: image (and env for GDS and
///   GDRCopy), and the fact that they are there;
/// - every volume: name, ConfigMap name, Secret name, host path; so the licensing, virtual topology,
///   kernel module, repository and certificate configuration names, and the driver install directory;
/// - the host root (the `host-root` volume's path);
/// - the precompiled kernel: the `feature.node.kubernetes.io/kernel-version.full` node selector.
///
/// Env means variables with a literal value: those from `valueFrom` (node name, host IP, namespace)
/// are not configuration, and `DRIVER_CONFIG_DIGEST` itself is left out. Everything else is ignored:
/// metadata, tolerations, other node selectors, priority class, resources, probes, pull policy and
/// pull secrets, security contexts and the other containers' remaining fields.
///
/// The inputs are sorted (env by name, mounts by name and path, volumes by name) and zero values are
/// left out, so reordering or adding an empty field does not change the digest. The digest is FNV-1a
/// (32 bits, as upstream's object hash) over their canonical JSON text (sorted keys), as a decimal string.
enum DriverInstallDigest {
    /// The environment variable carrying the digest.
    static let environmentVariable = "DRIVER_CONFIG_DIGEST"

    /// The node selector that pins a precompiled DaemonSet to one kernel.
    static let kernelSelector = "feature.node.kubernetes.io/kernel-version.full"

    /// Sidecars upstream's digest covers, by container name: the key their fields go under and whether
    /// their env counts.
    private static let sidecars: [(container: String, key: String, env: Bool)] = [
        ("nvidia-peermem-ctr", "peermem", false),
        ("nvidia-fs-ctr", "gds", true),
        ("nvidia-gdrcopy-ctr", "gdrcopy", true),
        ("openshift-driver-toolkit-ctr", "driverToolkit", false),
    ]

    /// Sets the digest of `pod` on the driver manager and the driver container (replacing one set before).
    /// - Throws: ``RenderError`` when the pod lacks either container.
    static func stamp(_ pod: inout PodSpec) throws(RenderError) {
        let digest = of(pod)
        for name in [DriverRender.managerContainer, DriverRender.mainContainer] {
            try pod.editContainer(named: name) { $0.setEnv(environmentVariable, digest) }
        }
    }

    /// The digest of `pod`'s installation inputs.
    static func of(_ pod: PodSpec) -> String {
        String(ObjectHash.fnv1a32(inputs(of: pod).serialized()))
    }

    /// The installation inputs of `pod` as the object the digest hashes, zero values left out.
    static func inputs(of pod: PodSpec) -> JSONValue {
        var inputs: [String: JSONValue] = [:]
        if let manager = pod.initContainers?.first(where: { $0.name == DriverRender.managerContainer }) {
            inputs["driverManagerImage"] = string(manager.image)
            inputs["driverManagerEnv"] = env(manager.env)
        }
        for container in pod.containers {
            if container.name == DriverRender.mainContainer {
                inputs["driverImage"] = string(container.image)
                inputs["driverCommand"] = strings(container.command)
                inputs["driverArgs"] = strings(container.args)
                inputs["driverEnv"] = env(container.env)
                inputs["driverEnvFromSecrets"] = strings((container.envFrom ?? []).compactMap(\.secretRef?.name).sorted())
                inputs["driverVolumeMounts"] = mounts(container.volumeMounts)
            } else if let sidecar = sidecars.first(where: { $0.container == container.name }) {
                var fields: [String: JSONValue] = ["enabled": .bool(true)]
                fields["image"] = string(container.image)
                if sidecar.env { fields["env"] = env(container.env) }
                inputs[sidecar.key] = .object(fields)
            }
        }
        inputs["volumes"] = volumes(pod.volumes)
        inputs["hostRoot"] = string(pod.volumes?.first { $0.name == "host-root" }?.hostPath?.path)
        if let kernel = string(pod.nodeSelector?[kernelSelector]) {
            inputs["usePrecompiled"] = .bool(true)
            inputs["kernelVersion"] = kernel
        }
        return .object(inputs)
    }

    /// Literal-valued variables sorted by name (then value), without the digest's own; `nil` when none.
    private static func env(_ variables: [EnvVar]?) -> JSONValue? {
        let literal = (variables ?? []).filter { $0.valueFrom == nil && $0.name != environmentVariable }
        let sorted = literal.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
        return array(sorted.map { variable in object(["name": string(variable.name), "value": string(variable.value)]) })
    }

    /// Mounts sorted by name, mount path and sub-path; `nil` when none.
    private static func mounts(_ mounts: [VolumeMount]?) -> JSONValue? {
        let sorted = (mounts ?? []).sorted { ($0.name, $0.mountPath, $0.subPath ?? "") < ($1.name, $1.mountPath, $1.subPath ?? "") }
        return array(
            sorted.map { mount in
                object([
                    "name": string(mount.name), "mountPath": string(mount.mountPath), "subPath": string(mount.subPath),
                    "readOnly": mount.readOnly == true ? .bool(true) : nil,
                ])
            })
    }

    /// Volumes sorted by name, each with its ConfigMap, Secret or host path; `nil` when none.
    private static func volumes(_ volumes: [Volume]?) -> JSONValue? {
        let sorted = (volumes ?? []).sorted { $0.name < $1.name }
        return array(
            sorted.map { volume in
                object([
                    "name": string(volume.name), "configMapName": string(volume.configMap?.name),
                    "secretName": string(volume.secret?.secretName), "hostPath": string(volume.hostPath?.path),
                ])
            })
    }

    private static func string(_ value: String?) -> JSONValue? {
        guard let value, !value.isEmpty else { return nil }
        return .string(value)
    }

    private static func strings(_ values: [String]?) -> JSONValue? {
        array((values ?? []).map { .string($0) })
    }

    private static func array(_ elements: [JSONValue]) -> JSONValue? {
        elements.isEmpty ? nil : .array(elements)
    }

    /// The object of the non-`nil` members.
    private static func object(_ members: [String: JSONValue?]) -> JSONValue {
        .object(members.compactMapValues { $0 })
    }
}
