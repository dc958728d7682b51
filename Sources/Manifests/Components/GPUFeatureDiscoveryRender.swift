import KubeModels

/// The GPU Feature Discovery DaemonSet (reference §4.3 "GFD").
enum GPUFeatureDiscoveryRender {
    static let mainContainer = "gpu-feature-discovery"

    static func render(_ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        let gfd = context.spec.gfd
        let image = try context.image(context.source(gfd, path: "spec.gfd", env: "GFD_IMAGE"))
        let pluginImage = try context.image(context.source(context.spec.devicePlugin, path: "spec.devicePlugin", env: "DEVICE_PLUGIN_IMAGE"))
        return try TemplateEditing.mapDaemonSets(objects, context) { (ds: inout DaemonSet) throws(RenderError) in
            var pod = ds.spec!.template.spec
            try DaemonSetTransforms.applyValidationInitContainers(&pod, context)
            try DaemonSetTransforms.applyComponentFields(&pod, main: mainContainer, image: image, fields: gfd.common)
            try pod.editContainer(named: mainContainer) { container in container.setEnv(gfd.env) }
            try PluginConfig.apply(&pod, main: mainContainer, image: pluginImage, initResources: gfd.resources, context)
            DaemonSetTransforms.applyRuntimeClass(&pod, context)
            try pod.editContainer(named: mainContainer) { container in DaemonSetTransforms.applyMIGStrategy(&container, context) }
            ds.spec!.template.spec = pod
            DaemonSetTransforms.applyNRIAnnotation(&ds.spec!.template, container: mainContainer, context)
        }
    }
}
