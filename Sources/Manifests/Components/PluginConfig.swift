import KubeModels

/// The device-plugin configuration ConfigMap shared by the device plugin and GFD (reference §4.2
/// "Plugin config"): without `devicePlugin.config.name` the config-manager containers are removed;
/// with it, they pick the node's configuration out of the ConfigMap into `/config/config.yaml`.
enum PluginConfig {
    static func apply(
        _ pod: inout PodSpec, main: String, image: String, initResources: ResourceRequirements?, _ context: RenderContext
    ) throws(RenderError) {
        let plugin = context.spec.devicePlugin
        guard let configMap = plugin.config?.name, !configMap.isEmpty else {
            pod.removeContainer(named: "config-manager-init")
            pod.removeContainer(named: "config-manager")
            return
        }
        let mounts = [
            VolumeMount(name: "config", mountPath: "/config"),
            VolumeMount(name: configMap, mountPath: "/available-configs"),
        ]
        try pod.editContainer(named: main) { container in
            container.setEnv("CONFIG_FILE", "/config/config.yaml")
            for mount in mounts { container.setVolumeMount(mount) }
        }
        if pod.hostPID != true { pod.shareProcessNamespace = true }
        pod.setVolume(.configMap(configMap, configMapName: configMap))
        pod.setVolume(.emptyDir("config"))
        let pullPolicy = plugin.imagePullPolicy.map(ImagePaths.pullPolicy)
        for name in ["config-manager-init", "config-manager"] {
            try pod.editContainer(named: name) { container in
                container.image = image
                if let pullPolicy { container.imagePullPolicy = pullPolicy }
                container.setEnv("DEFAULT_CONFIG", plugin.config?.default ?? "")
                container.setEnv("FALLBACK_STRATEGIES", "empty")
                for mount in mounts { container.setVolumeMount(mount) }
                if name == "config-manager-init", let initResources { container.resources = initResources }
            }
        }
    }
}
