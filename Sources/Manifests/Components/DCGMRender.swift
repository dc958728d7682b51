import KubeModels

/// The standalone DCGM host engine DaemonSet and its Service (reference §4.3 "DCGM").
enum DCGMRender {
    static let mainContainer = "nvidia-dcgm-ctr"

    static func render(_ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        let dcgm = context.spec.dcgm
        let image = try context.image(context.source(dcgm, path: "spec.dcgm", env: "DCGM_IMAGE"))
        return try TemplateEditing.mapDaemonSets(objects, context) { (ds: inout DaemonSet) throws(RenderError) in
            var pod = ds.spec!.template.spec
            try DaemonSetTransforms.applyValidationInitContainers(&pod, context)
            try DaemonSetTransforms.applyComponentFields(&pod, main: mainContainer, image: image, fields: dcgm.common)
            try pod.editContainer(named: mainContainer) { container in container.setEnv(dcgm.env) }
            DaemonSetTransforms.applyRuntimeClass(&pod, context)
            ds.spec!.template.spec = pod
            DaemonSetTransforms.applyNRIAnnotation(&ds.spec!.template, container: mainContainer, context)
        }
    }
}
