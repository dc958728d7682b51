import KubeModels

/// The MPS control daemon DaemonSet (takeover-and-operands §3, upstream's
/// `TransformMPSControlDaemon`). It is configured from `spec.devicePlugin`: the device plugin's image,
/// pull policy, pull secrets, resources, host networking and plugin configuration; not its `env` or
/// `args`, and no CDI environment.
enum MPSControlDaemonRender {
    /// The daemon's container.
    static let mainContainer = "mps-control-daemon-ctr"
    /// The init container that mounts the shared-memory tmpfs under the MPS root.
    static let mountsContainer = "mps-control-daemon-mounts"
    /// The host directory MPS uses unless `devicePlugin.mps.root` names another.
    static let defaultRoot = "/run/nvidia/mps"

    /// Renders the component's template objects.
    /// - Throws: ``RenderError`` for a partial image specification or a malformed template.
    static func render(_ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        let plugin = context.spec.devicePlugin
        let image = try context.image(context.source(plugin, path: "spec.devicePlugin", env: "DEVICE_PLUGIN_IMAGE"))
        return try TemplateEditing.mapDaemonSets(objects, context) { (ds: inout DaemonSet) throws(RenderError) in
            var pod = ds.spec!.template.spec
            try DaemonSetTransforms.applyValidationInitContainers(&pod, context)
            let pullPolicy = plugin.imagePullPolicy.map(ImagePaths.pullPolicy)
            for name in [mountsContainer, mainContainer] {
                try pod.editContainer(named: name) { container in
                    container.image = image
                    if let pullPolicy { container.imagePullPolicy = pullPolicy }
                    if let resources = plugin.resources { container.resources = resources }
                }
            }
            pod.addPullSecrets(plugin.imagePullSecrets)
            if let resources = plugin.resources { pod.editContainers { $0.resources = resources } }
            try PluginConfig.apply(&pod, main: mainContainer, image: image, initResources: plugin.resources, context)
            DaemonSetTransforms.applyRuntimeClass(&pod, context)
            try pod.editContainer(named: mainContainer) { container in DaemonSetTransforms.applyMIGStrategy(&container, context) }
            if plugin.hostNetwork == true { pod.useHostNetwork() }
            applyRoot(&pod, plugin.mps?.root)
            ds.spec!.template.spec = pod
            DaemonSetTransforms.applyNRIAnnotation(&ds.spec!.template, container: mainContainer, context)
        }
    }

    /// Points the `mps-root` and `mps-shm` host paths at a custom `devicePlugin.mps.root`.
    static func applyRoot(_ pod: inout PodSpec, _ root: String?) {
        guard let root, !root.isEmpty, root != defaultRoot else { return }
        pod.editVolume(named: "mps-root") { $0.hostPath?.path = root }
        pod.editVolume(named: "mps-shm") { $0.hostPath?.path = root + "/shm" }
    }
}
