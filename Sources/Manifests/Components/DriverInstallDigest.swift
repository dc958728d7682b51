import KubeModels

/// `DRIVER_CONFIG_DIGEST`: a digest of everything in a rendered driver pod that affects how the driver
/// is installed on the node, with exactly the inputs of upstream's ClusterPolicy path
/// (`extractDriverInstallConfig` into `DriverInstallState`, `internal/config/driver_config_digest.go`
/// at gpu-operator `a22dbf671`; reference `takeover-and-operands.md` §5.7).
///
/// Two consumers rely on it changing exactly when the installation would: `k8s-driver-manager` skips
/// the cleanup when the loaded driver's digest equals it, and the driver container skips a full
/// reinstall; our upgrade controller also restarts the driver pod without evicting workloads when the
/// running pod's digest equals the template's.
///
/// It is computed from the pod spec after every transform that touches it, so whatever the renderer
/// puts there is covered without listing policy fields. The inputs, under upstream's field names:
/// - the `k8s-driver-manager` init container: image (`DriverManagerImage`) and env (`ManagerEnv`);
/// - the `nvidia-driver-ctr` container: image, command, args, env (`DriverImage`, `DriverCommand`,
///   `DriverArgs`, `DriverEnv`), the Secret it takes as `envFrom` (`SecretEnvSource`, the last one, as
///   upstream) and every volume mount as name, mount path, sub-path, read-only (`AdditionalVolumeMounts`);
/// - when present, `nvidia-peermem-ctr` (image; RDMA enabled), `nvidia-fs-ctr` and `nvidia-gdrcopy-ctr`
///   (image, env, enabled) and `openshift-driver-toolkit-ctr` (image, enabled);
/// - every volume as name, ConfigMap name, Secret name, host path (`AdditionalVolumes`), and the
///   `host-root` volume's path (`HostRoot`).
///
/// Env means variables with a literal value: those from `valueFrom` (node name, host IP, namespace)
/// are skipped, and `DRIVER_CONFIG_DIGEST` itself is left out (upstream computes the digest before
/// adding it). Nothing else counts: not metadata or labels, not the node selector (a precompiled
/// DaemonSet's kernel is in its image), not probes, resources, security contexts, tolerations, priority
/// class, pull policy or pull secrets, nor the other containers' remaining fields.
///
/// Upstream hashes a go-spew dump of the non-zero fields; we hash the canonical JSON text (sorted keys)
/// of the same fields with the same zero values left out, FNV-1a 32 bits as a decimal string. The
/// value differs from upstream's, but it changes exactly when upstream's does. Lists are sorted as
/// upstream sorts them (env by name, mounts by name then path, volumes by name), with the remaining
/// fields as tie-breaks so equal pods always give equal digests.
enum DriverInstallDigest {
    /// The environment variable carrying the digest.
    static let environmentVariable = "DRIVER_CONFIG_DIGEST"

    /// Sidecars upstream's digest covers, by container name: the field-name prefix of their image and
    /// env, the name of their "enabled" flag, and whether their env counts.
    private static let sidecars: [(container: String, prefix: String, enabled: String, env: Bool)] = [
        ("nvidia-peermem-ctr", "Peermem", "GPUDirectRDMAEnabled", false),
        ("nvidia-fs-ctr", "GDS", "GDSEnabled", true),
        ("nvidia-gdrcopy-ctr", "GDRCopy", "GDRCopyEnabled", true),
        ("openshift-driver-toolkit-ctr", "DTK", "DTKEnabled", false),
    ]

    /// Sets the digest of `pod` on the driver manager and the driver container (replacing one set before).
    /// Upstream also stamps the OpenShift Driver Toolkit container, which we never render.
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

    /// The installation inputs of `pod` as the object the digest hashes, keyed by upstream's field
    /// names, zero values left out.
    static func inputs(of pod: PodSpec) -> JSONValue {
        var inputs: [String: JSONValue?] = [:]
        if let manager = pod.initContainers?.first(where: { $0.name == DriverRender.managerContainer }) {
            inputs["DriverManagerImage"] = string(manager.image)
            inputs["ManagerEnv"] = env(manager.env)
        }
        for container in pod.containers {
            if container.name == DriverRender.mainContainer {
                inputs["DriverImage"] = string(container.image)
                inputs["DriverCommand"] = strings(container.command)
                inputs["DriverArgs"] = strings(container.args)
                inputs["DriverEnv"] = env(container.env)
                inputs["SecretEnvSource"] = string((container.envFrom ?? []).compactMap(\.secretRef?.name).last)
                inputs["AdditionalVolumeMounts"] = mounts(container.volumeMounts)
            } else if let sidecar = sidecars.first(where: { $0.container == container.name }) {
                inputs["\(sidecar.prefix)Image"] = string(container.image)
                inputs[sidecar.enabled] = .bool(true)
                if sidecar.env { inputs["\(sidecar.prefix)Env"] = env(container.env) }
            }
        }
        inputs["AdditionalVolumes"] = volumes(pod.volumes)
        inputs["HostRoot"] = string(pod.volumes?.first { $0.name == "host-root" }?.hostPath?.path)
        return object(inputs)
    }

    /// Literal-valued variables sorted by name (then value), without the digest's own; `nil` when none.
    private static func env(_ variables: [EnvVar]?) -> JSONValue? {
        let literal = (variables ?? []).filter { $0.valueFrom == nil && $0.name != environmentVariable }
        let sorted = literal.sorted { ($0.name, $0.value ?? "") < ($1.name, $1.value ?? "") }
        return array(sorted.map { variable in object(["Name": string(variable.name), "Value": string(variable.value)]) })
    }

    /// Mounts sorted by name and mount path (then sub-path and read-only); `nil` when none.
    private static func mounts(_ mounts: [VolumeMount]?) -> JSONValue? {
        let sorted = (mounts ?? []).sorted {
            ($0.name, $0.mountPath, $0.subPath ?? "", $0.readOnly == true ? 1 : 0)
                < ($1.name, $1.mountPath, $1.subPath ?? "", $1.readOnly == true ? 1 : 0)
        }
        return array(
            sorted.map { mount in
                object([
                    "Name": string(mount.name), "MountPath": string(mount.mountPath), "SubPath": string(mount.subPath),
                    "ReadOnly": mount.readOnly == true ? .bool(true) : nil,
                ])
            })
    }

    /// Volumes sorted by name (then source), each with its ConfigMap, Secret or host path; other
    /// sources count by name only. `nil` when none.
    private static func volumes(_ volumes: [Volume]?) -> JSONValue? {
        let entries = (volumes ?? []).map { volume in
            (
                volume.name, volume.configMap?.name ?? "", volume.secret?.secretName ?? "", volume.hostPath?.path ?? ""
            )
        }
        return array(
            entries.sorted { $0 < $1 }.map { name, configMap, secret, hostPath in
                object([
                    "Name": string(name), "ConfigMapName": string(configMap), "SecretName": string(secret),
                    "HostPath": string(hostPath),
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
