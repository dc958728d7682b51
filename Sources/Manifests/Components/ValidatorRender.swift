import KubeModels

/// The operator-validator DaemonSet (reference §4.3 "Operator validator" and §5).
enum ValidatorRender {
    static let mainContainer = "nvidia-operator-validator"

    static func render(_ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        let validator = context.spec.validator
        let image = try context.validatorImage()
        let pullPolicy = ImagePaths.pullPolicy(validator.imagePullPolicy)
        return try TemplateEditing.mapDaemonSets(objects, context) { (ds: inout DaemonSet) throws(RenderError) in
            var pod = ds.spec!.template.spec
            try DaemonSetTransforms.applyComponentFields(&pod, main: mainContainer, image: image, fields: validator.common)
            try pod.editContainer(named: mainContainer) { container in
                container.setEnv(validator.env)
                var security = container.securityContext ?? SecurityContext()
                security.runAsUser = 0
                container.securityContext = security
            }
            DaemonSetTransforms.applyRuntimeClass(&pod, context)
            if !context.spec.devicePlugin.isEnabled(default: true) { pod.removeContainer(named: "plugin-validation") }
            try DaemonSetTransforms.applyValidationInitContainers(&pod, context)
            let secrets = (validator.imagePullSecrets ?? []).joined(separator: ",")
            let runtimeClass = pod.runtimeClassName
            for check in ["cuda-validation", "plugin-validation"] {
                try pod.editContainer(named: check) { container in
                    container.setEnv("VALIDATOR_IMAGE", image)
                    container.setEnv("VALIDATOR_IMAGE_PULL_POLICY", pullPolicy)
                    if !secrets.isEmpty { container.setEnv("VALIDATOR_IMAGE_PULL_SECRETS", secrets) }
                    if let runtimeClass { container.setEnv("VALIDATOR_RUNTIME_CLASS", runtimeClass) }
                    if check == "cuda-validation" {
                        container.setEnv(validator.cuda?.env)
                    } else {
                        if let strategy = context.spec.mig.strategy, !strategy.isEmpty { container.setEnv("MIG_STRATEGY", strategy) }
                        container.setEnv(validator.plugin?.env)
                    }
                }
            }
            ds.spec!.template.spec = pod
            DaemonSetTransforms.applyNRIAnnotation(&ds.spec!.template, container: "toolkit-validation", context)
        }
    }
}
