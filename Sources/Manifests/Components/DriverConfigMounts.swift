import KubeModels

/// Optional configuration the driver container mounts: vGPU licensing, the topology daemon's config,
/// kernel module parameters, package repositories, extra CA certificates and a Secret as environment
/// (reference §4.3 "Driver", step 2). ConfigMap keys come from ``ClusterFacts/configMapKeys``.
enum DriverConfigMounts {
    static func apply(_ pod: inout PodSpec, osTag: String, _ context: RenderContext) throws(RenderError) {
        let driver = context.spec.driver
        let container = DriverRender.mainContainer
        var volumes: [Volume] = []
        var mounts: [VolumeMount] = []

        if let licensing = driver.licensingConfig {
            var items = [KeyToPath(key: "gridd.conf", path: "gridd.conf")]
            if licensing.nlsEnabled ?? true {
                items.append(KeyToPath(key: "client_configuration_token.tok", path: "client_configuration_token.tok"))
            }
            if let secret = nonEmpty(licensing.secretName) {
                volumes.append(.secret("licensing-config", secretName: secret, items: items))
            } else if let configMap = nonEmpty(licensing.configMapName) {
                volumes.append(.configMap("licensing-config", configMapName: configMap, items: items))
            }
            if !volumes.isEmpty {
                mounts.append(VolumeMount(name: "licensing-config", mountPath: "/drivers/gridd.conf", subPath: "gridd.conf", readOnly: true))
                if licensing.nlsEnabled ?? true {
                    mounts.append(
                        VolumeMount(
                            name: "licensing-config", mountPath: "/drivers/ClientConfigToken/client_configuration_token.tok",
                            subPath: "client_configuration_token.tok", readOnly: true))
                }
            }
        }
        if let topology = nonEmpty(driver.virtualTopology?.config) {
            volumes.append(
                .configMap(
                    "topologyd-config", configMapName: topology,
                    items: [KeyToPath(key: "nvidia-topologyd.conf", path: "nvidia-topologyd.conf")]))
            mounts.append(
                VolumeMount(
                    name: "topologyd-config", mountPath: "/etc/nvidia/nvidia-topologyd.conf",
                    subPath: "nvidia-topologyd.conf", readOnly: true))
        }
        if let name = nonEmpty(driver.kernelModuleConfig?.name) {
            let keys = try configMapKeys(name, field: "spec.driver.kernelModuleConfig.name", context)
            volumes.append(.configMap("kernel-module-config", configMapName: name))
            mounts += keys.map { VolumeMount(name: "kernel-module-config", mountPath: "/drivers/\($0)", subPath: $0, readOnly: true) }
        }
        if driver.usePrecompiled != true {
            if let name = nonEmpty(driver.repoConfig?.configMapName) {
                let directory = try osDirectory(osTag, field: "spec.driver.repoConfig.configMapName", repo: true)
                let keys = try configMapKeys(name, field: "spec.driver.repoConfig.configMapName", context)
                volumes.append(.configMap("repo-config", configMapName: name))
                mounts += keys.map { VolumeMount(name: "repo-config", mountPath: "\(directory)/\($0)", subPath: $0, readOnly: true) }
            }
            if let name = nonEmpty(driver.certConfig?.name) {
                let directory = try osDirectory(osTag, field: "spec.driver.certConfig.name", repo: false)
                let keys = try configMapKeys(name, field: "spec.driver.certConfig.name", context)
                volumes.append(.configMap("cert-config", configMapName: name))
                mounts += keys.map { VolumeMount(name: "cert-config", mountPath: "\(directory)/\($0)", subPath: $0, readOnly: true) }
            }
        }
        try pod.editContainer(named: container) { ctr in
            for mount in mounts { ctr.setVolumeMount(mount) }
            if let secret = nonEmpty(driver.secretEnv) {
                var sources = ctr.envFrom ?? []
                if !sources.contains(where: { $0.secretRef?.name == secret }) { sources.append(EnvFromSource(secretName: secret)) }
                ctr.envFrom = sources
            }
        }
        for volume in volumes { pod.setVolume(volume) }
    }

    /// The ConfigMap's keys, sorted, from the cluster facts.
    private static func configMapKeys(_ name: String, field: String, _ context: RenderContext) throws(RenderError) -> [String] {
        guard let keys = context.facts.configMapKeys[name] else {
            throw RenderError(
                FieldPath(dotted: field),
                "each key of ConfigMap \"\(name)\" is mounted separately, so its keys must be known: the operator reads them "
                    + "from the cluster; for --dry-run give them in --facts under configMapKeys")
        }
        return keys.sorted()
    }

    /// Where the driver image's OS keeps repository files (`repo`) or extra CA certificates.
    private static func osDirectory(_ osTag: String, field: String, repo: Bool) throws(RenderError) -> String {
        switch OSTag(osTag).id {
        case "ubuntu", "debian": return repo ? "/etc/apt/sources.list.d" : "/usr/local/share/ca-certificates"
        case "rhel", "centos", "rocky", "ol", "rhcos", "fedora": return repo ? "/etc/yum.repos.d" : "/etc/pki/ca-trust/extracted/pem"
        case "sles", "sl-micro": return repo ? "/etc/zypp/repos.d" : "/etc/pki/trust/anchors"
        default:
            throw RenderError(FieldPath(dotted: field), "no known \(repo ? "repository" : "certificate") directory for OS \"\(osTag)\"")
        }
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
