import KubeModels

/// The container-toolkit DaemonSet (reference §4.3 "Container toolkit").
enum ToolkitRender {
    static let mainContainer = "nvidia-container-toolkit-ctr"

    static let baseName = "nvidia-container-toolkit-daemonset"

    /// One DaemonSet when every GPU node's runtime is configured alike; otherwise one per group of
    /// flavours configured alike, each selecting its nodes by ``RuntimeFlavor/nodeLabel``.
    static func render(_ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        let groups = ToolkitFlavorGroups.groups(context.facts.flavors)
        var out: [JSONValue] = []
        for object in objects {
            guard object["kind"]?.stringValue == "DaemonSet" else {
                out.append(object)
                continue
            }
            for group in groups {
                out.append(
                    try TemplateEditing.renderDaemonSet(object, context) { (ds: inout DaemonSet) throws(RenderError) in
                        try transform(&ds, flavor: group[0], context)
                        if groups.count > 1 { ToolkitFlavorGroups.select(&ds, group: group, baseName: baseName) }
                    })
            }
        }
        return out
    }

    private static func transform(_ ds: inout DaemonSet, flavor: RuntimeFlavor, _ context: RenderContext) throws(RenderError) {
        let toolkit = context.spec.toolkit
        let image = try context.image(context.source(toolkit, path: "spec.toolkit", env: "CONTAINER_TOOLKIT_IMAGE"))
        var pod = ds.spec!.template.spec
        try DaemonSetTransforms.applyValidationInitContainers(&pod, context)
        try DaemonSetTransforms.applyComponentFields(&pod, main: mainContainer, image: image, fields: toolkit.common)
        let installDir = context.toolkitInstallDir
        try pod.editContainer(named: mainContainer) { container in
            if context.isCDIEnabled {
                container.setEnv("CDI_ENABLED", "true")
                container.setEnv("NVIDIA_RUNTIME_SET_AS_DEFAULT", "false")
                container.setEnv("NVIDIA_CONTAINER_RUNTIME_MODE", "cdi")
                container.setEnv("CRIO_CONFIG_MODE", "config")
                if context.isNRIEnabled { container.setEnv("ENABLE_NRI_PLUGIN", "true") }
            } else if flavor.runtime == .crio {
                container.setEnv("CRIO_CONFIG_MODE", "hook")
            }
            if installDir != "/usr/local/nvidia" {
                container.setEnv("ROOT", installDir)
                if let index = container.volumeMounts?.firstIndex(where: { $0.name == "toolkit-install-dir" }) {
                    container.volumeMounts![index].mountPath = installDir
                } else {
                    container.setVolumeMount(VolumeMount(name: "toolkit-install-dir", mountPath: installDir))
                }
            }
            container.setEnv(toolkit.env)
            let named = Set((toolkit.env ?? []).map(\.name))
            for (name, value) in ToolkitDistributionPaths.environment(for: flavor) where !named.contains(name) {
                container.setEnv(name, value)
            }
        }
        if installDir != "/usr/local/nvidia" {
            if pod.hasVolume(named: "toolkit-install-dir") {
                pod.editVolume(named: "toolkit-install-dir") { $0.hostPath?.path = installDir }
            } else {
                pod.setVolume(.hostPath("toolkit-install-dir", path: installDir, type: "DirectoryOrCreate"))
            }
        }
        if flavor.runtime == .crio {
            pod.editVolume(named: "crio-hooks") { $0.hostPath?.path = "/usr/share/containers/oci/hooks.d" }
        }
        try ToolkitRuntimeConfig.apply(&pod, container: mainContainer, runtime: flavor.runtime, context)
        ds.spec!.template.spec = pod
    }
}
