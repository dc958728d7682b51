import KubeModels

/// The device-plugin DaemonSet (reference §4.3 "Device plugin").
enum DevicePluginRender {
    static let mainContainer = "nvidia-device-plugin"

    static func render(_ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        let plugin = context.spec.devicePlugin
        let image = try context.image(context.source(plugin, path: "spec.devicePlugin", env: "DEVICE_PLUGIN_IMAGE"))
        return try TemplateEditing.mapDaemonSets(objects, context) { (ds: inout DaemonSet) throws(RenderError) in
            var pod = ds.spec!.template.spec
            try DaemonSetTransforms.applyValidationInitContainers(&pod, context)
            try DaemonSetTransforms.applyComponentFields(&pod, main: mainContainer, image: image, fields: plugin.common)
            try PluginConfig.apply(&pod, main: mainContainer, image: image, initResources: plugin.resources, context)
            DaemonSetTransforms.applyRuntimeClass(&pod, context)
            let mpsRoot = plugin.mps?.root ?? MPSControlDaemonRender.defaultRoot
            try pod.editContainer(named: mainContainer) { container in
                DaemonSetTransforms.applyMIGStrategy(&container, context)
                if context.isCDIEnabled {
                    container.setEnv("CDI_ENABLED", "true")
                    container.setEnv("DEVICE_LIST_STRATEGY", "cdi-annotations,cdi-cri")
                    container.setEnv("CDI_ANNOTATION_PREFIX", "cdi.k8s.io/")
                    if context.spec.toolkit.isEnabled(default: true) {
                        container.setEnv("NVIDIA_CDI_HOOK_PATH", "\(context.toolkitInstallDir)/toolkit/nvidia-cdi-hook")
                    }
                }
                if mpsRoot != "/run/nvidia/mps", !mpsRoot.isEmpty { container.setEnv("MPS_ROOT", mpsRoot) }
                container.setEnv(plugin.env)
            }
            if mpsRoot != "/run/nvidia/mps", !mpsRoot.isEmpty {
                pod.editVolume(named: "mps-root") { $0.hostPath?.path = mpsRoot }
                pod.editVolume(named: "mps-shm") { $0.hostPath?.path = mpsRoot + "/shm" }
            }
            ds.spec!.template.spec = pod
            DaemonSetTransforms.applyNRIAnnotation(&ds.spec!.template, container: mainContainer, context)
        }
    }
}
