import KubeModels

/// The MIG manager DaemonSet and its ConfigMaps (takeover-and-operands §2.2–2.3, upstream's
/// `TransformMIGManager`): the validator's init container, the image and `spec.migManager` fields,
/// which mig-parted and GPU-clients ConfigMaps are mounted (and whether the built-in ones are rendered),
/// the CDI environment and the runtime class.
enum MIGManagerRender {
    /// The manager's container.
    static let mainContainer = "nvidia-mig-manager"
    /// The ConfigMap with the built-in MIG layouts.
    static let defaultConfigMap = "default-mig-parted-config"
    /// The ConfigMap listing the host GPU clients stopped while repartitioning.
    static let defaultGPUClientsConfigMap = "default-gpu-clients"

    /// Renders the component's template objects.
    /// - Throws: ``RenderError`` for a partial image specification or a malformed template.
    static func render(_ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        let manager = context.spec.migManager
        let image = try context.image(context.source(manager, path: "spec.migManager", env: "MIG_MANAGER_IMAGE"))
        let choice = ConfigChoice(manager)
        let kept = objects.filter { choice.keeps($0) }
        return try TemplateEditing.mapDaemonSets(kept, context) { (ds: inout DaemonSet) throws(RenderError) in
            var pod = ds.spec!.template.spec
            try DaemonSetTransforms.applyValidationInitContainers(&pod, context)
            try DaemonSetTransforms.applyComponentFields(&pod, main: mainContainer, image: image, fields: manager.common)
            choice.mount(&pod)
            try pod.editContainer(named: mainContainer) { container in
                container.setEnv(choice.configFileVariable, choice.configFilePath)
                if context.isCDIEnabled {
                    container.setEnv("CDI_ENABLED", "true")
                    if context.spec.toolkit.isEnabled(default: true) {
                        container.setEnv("NVIDIA_CDI_HOOK_PATH", "\(context.toolkitInstallDir)/toolkit/nvidia-cdi-hook")
                    }
                }
                container.setEnv(manager.env)
            }
            DaemonSetTransforms.applyRuntimeClass(&pod, context)
            ds.spec!.template.spec = pod
            DaemonSetTransforms.applyNRIAnnotation(&ds.spec!.template, container: mainContainer, context)
        }
    }

    /// Which ConfigMaps the manager reads, from `migManager.config.name` and
    /// `migManager.gpuClientsConfig.name` (empty or absent means the built-in one).
    struct ConfigChoice: Sendable, Hashable {
        /// A custom mig-parted ConfigMap (key `config.yaml`), or `nil` for the built-in layouts.
        var configName: String?
        /// The GPU-clients ConfigMap (key `clients.yaml`).
        var clientsName: String

        /// Reads the choice from the policy section.
        init(_ manager: MIGManagerSpec) {
            let name = manager.config?.name ?? ""
            configName = name.isEmpty ? nil : name
            let clients = manager.gpuClientsConfig?.name ?? ""
            clientsName = clients.isEmpty ? MIGManagerRender.defaultGPUClientsConfigMap : clients
        }

        /// `CONFIG_FILE` for a named ConfigMap (used as is); `DEFAULT_CONFIG_FILE` for the built-in one,
        /// which the manager falls back to only when it cannot generate a config from the hardware.
        var configFileVariable: String { configName == nil ? "DEFAULT_CONFIG_FILE" : "CONFIG_FILE" }

        /// Where the chosen mig-parted file appears in the container.
        var configFilePath: String { configName == nil ? "/mig-parted-config/config-default.yaml" : "/mig-parted-config/config.yaml" }

        /// Whether a template object is rendered: a built-in ConfigMap only while it is the one in use
        /// (upstream skips it only when another name is set, so naming the built-in one keeps it).
        func keeps(_ object: JSONValue) -> Bool {
            guard object["kind"]?.stringValue == "ConfigMap" else { return true }
            switch object[path: ["metadata", "name"]]?.stringValue {
            case MIGManagerRender.defaultConfigMap: return (configName ?? MIGManagerRender.defaultConfigMap) == MIGManagerRender.defaultConfigMap
            case MIGManagerRender.defaultGPUClientsConfigMap: return clientsName == MIGManagerRender.defaultGPUClientsConfigMap
            default: return true
            }
        }

        /// Points the `mig-parted-config` and `gpu-clients` volumes at the chosen ConfigMaps; a named
        /// mig-parted ConfigMap is mounted whole, the built-in one maps `config.yaml` to
        /// `config-default.yaml`.
        func mount(_ pod: inout PodSpec) {
            let items = configName == nil ? [KeyToPath(key: "config.yaml", path: "config-default.yaml")] : nil
            pod.setVolume(.configMap("mig-parted-config", configMapName: configName ?? MIGManagerRender.defaultConfigMap, items: items))
            pod.setVolume(.configMap("gpu-clients", configMapName: clientsName))
        }
    }
}
