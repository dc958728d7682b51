import KubeModels

/// Transforms every operand DaemonSet goes through (reference §4.1 and §4.2), as pure functions.
package enum DaemonSetTransforms {
    /// Update strategy, priority class, tolerations and pod security context from `spec.daemonsets`.
    /// - Throws: ``RenderError`` when `rollingUpdate.maxUnavailable` is neither an integer nor a percentage.
    package static func applyCommonConfig(_ ds: inout DaemonSet, _ context: RenderContext) throws(RenderError) {
        let settings = context.spec.daemonsets
        let name = ds.metadata.name ?? ""
        if settings.updateStrategy == "OnDelete" {
            ds.spec!.updateStrategy = DaemonSetUpdateStrategy(type: "OnDelete")
        } else if let raw = settings.rollingUpdate?.maxUnavailable, !name.hasPrefix("nvidia-driver-daemonset") {
            let value = try maxUnavailable(raw)
            ds.spec!.updateStrategy = DaemonSetUpdateStrategy(type: "RollingUpdate", rollingUpdate: RollingUpdateDaemonSet(maxUnavailable: value))
        }
        if let priority = settings.priorityClassName, !priority.isEmpty {
            ds.spec!.template.spec.priorityClassName = priority
        }
        if let tolerations = settings.tolerations, !tolerations.isEmpty {
            ds.spec!.template.spec.tolerations = tolerations
        }
        if let context = settings.podSecurityContext, context != .null {
            ds.spec!.template.spec.securityContext = context
        }
    }

    /// Parses `maxUnavailable`: `"20%"` stays a string, `"1"` becomes an integer.
    /// - Throws: ``RenderError`` naming `spec.daemonsets.rollingUpdate.maxUnavailable` otherwise.
    package static func maxUnavailable(_ raw: String) throws(RenderError) -> IntOrString {
        let path = FieldPath(dotted: "spec.daemonsets.rollingUpdate.maxUnavailable")
        if raw.hasSuffix("%") {
            let digits = raw.dropLast()
            guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) else {
                throw RenderError(path, "expected an integer or a percentage, got \"\(raw)\"")
            }
            return .string(raw)
        }
        guard let number = Int32(raw), number >= 0 else {
            throw RenderError(path, "expected an integer or a percentage, got \"\(raw)\"")
        }
        return .int(Int64(number))
    }

    /// Points `host-root` (and `host-dev-char`) at `hostPaths.rootFS` and tells containers via `HOST_ROOT`.
    package static func applyHostRoot(_ ds: inout DaemonSet, _ context: RenderContext) {
        guard let root = context.spec.hostPaths.rootFS, !root.isEmpty, root != "/" else { return }
        var pod = ds.spec!.template.spec
        if pod.hasVolume(named: "host-root") {
            pod.editVolume(named: "host-root") { $0.hostPath?.path = root }
            pod.editInitContainers { $0.setEnv("HOST_ROOT", root) }
            pod.editContainers { $0.setEnv("HOST_ROOT", root) }
        }
        let trimmed = root.hasSuffix("/") ? String(root.dropLast()) : root
        pod.editVolume(named: "host-dev-char") { $0.hostPath?.path = trimmed + "/dev/char" }
        ds.spec!.template.spec = pod
    }

    /// Points `driver-install-dir` at `hostPaths.driverInstallDir` and tells `driver-validation` where it is.
    package static func applyDriverInstallDir(_ ds: inout DaemonSet, _ context: RenderContext) throws(RenderError) {
        guard let dir = context.spec.hostPaths.driverInstallDir, !dir.isEmpty, dir != "/run/nvidia/driver" else { return }
        var pod = ds.spec!.template.spec
        guard pod.hasVolume(named: "driver-install-dir") else { return }
        pod.editVolume(named: "driver-install-dir") { $0.hostPath?.path = dir }
        try pod.editContainer(named: "driver-validation") { container in
            container.setEnv("DRIVER_INSTALL_DIR", dir)
            container.setEnv("DRIVER_INSTALL_DIR_CTR_PATH", dir)
            if let index = container.volumeMounts?.firstIndex(where: { $0.name == "driver-install-dir" }) {
                container.volumeMounts![index].mountPath = dir
            }
        }
        ds.spec!.template.spec = pod
    }

    /// Merges `daemonsets.labels` (except `app` and `app.kubernetes.io/part-of`, which selectors use) and
    /// `daemonsets.annotations` into the pod template.
    package static func applyPodMetadata(_ ds: inout DaemonSet, _ context: RenderContext) {
        let settings = context.spec.daemonsets
        var metadata = ds.spec!.template.metadata ?? ObjectMeta()
        for (key, value) in settings.labels ?? [:] where key != "app" && key != "app.kubernetes.io/part-of" {
            metadata.labels = (metadata.labels ?? [:]).merging([key: value]) { _, new in new }
        }
        if let annotations = settings.annotations, !annotations.isEmpty {
            metadata.annotations = (metadata.annotations ?? [:]).merging(annotations) { _, new in new }
        }
        ds.spec!.template.metadata = metadata
    }

    /// Sets a component's image, pull policy, pull secrets, resources (every main container), args and
    /// env (main container) from its policy section.
    package static func applyComponentFields(
        _ pod: inout PodSpec, main: String, image: String, fields: CommonComponentFields
    ) throws(RenderError) {
        try pod.editContainer(named: main) { container in
            container.image = image
            if let policy = fields.imagePullPolicy { container.imagePullPolicy = ImagePaths.pullPolicy(policy) }
        }
        pod.addPullSecrets(fields.imagePullSecrets)
        if let resources = fields.resources { pod.editContainers { $0.resources = resources } }
        try pod.editContainer(named: main) { container in
            if let args = fields.args, !args.isEmpty { container.args = args }
        }
        if fields.hostNetwork == true { pod.useHostNetwork() }
    }

    /// Gives every `*-validation` init container the validator's image, pull policy, resources, root
    /// user and per-check environment (reference §4.2).
    package static func applyValidationInitContainers(_ pod: inout PodSpec, _ context: RenderContext) throws(RenderError) {
        let validator = context.spec.validator
        let image = try context.validatorImage()
        pod.editInitContainers { container in
            guard container.name.contains("validation") else { return }
            container.image = image
            if let policy = validator.imagePullPolicy { container.imagePullPolicy = ImagePaths.pullPolicy(policy) }
            if let resources = validator.resources { container.resources = resources }
            var security = container.securityContext ?? SecurityContext()
            security.runAsUser = 0
            container.securityContext = security
            if container.name.hasPrefix("driver") { container.setEnv(validator.driver?.env) }
            if container.name.hasPrefix("toolkit") { container.setEnv(validator.toolkit?.env) }
        }
        if (pod.initContainers ?? []).contains(where: { $0.name.contains("validation") }) {
            pod.addPullSecrets(validator.imagePullSecrets)
        }
    }

    /// Sets `runtimeClassName` unless the runtime is cri-o without CDI, or the NRI plugin injects GPUs.
    package static func applyRuntimeClass(_ pod: inout PodSpec, _ context: RenderContext) {
        if context.isNRIEnabled || (!context.isCDIEnabled && context.facts.runtime == .crio) { return }
        pod.runtimeClassName = context.runtimeClassName
    }

    /// With the NRI plugin, annotates the pod so the toolkit injects all GPUs into `container`.
    package static func applyNRIAnnotation(_ template: inout PodTemplateSpec, container: String, _ context: RenderContext) {
        guard context.isNRIEnabled else { return }
        var metadata = template.metadata ?? ObjectMeta()
        metadata.annotations = (metadata.annotations ?? [:]).merging(
            ["nvidia.cdi.k8s.io/container.\(container)": "management.nvidia.com/gpu=all"]) { _, new in new }
        template.metadata = metadata
    }

    /// Sets the MIG environment of GFD and the device plugin from `spec.mig.strategy`.
    package static func applyMIGStrategy(_ container: inout Container, _ context: RenderContext) {
        guard let strategy = context.spec.mig.strategy, !strategy.isEmpty else {
            container.setEnv("NVIDIA_MIG_MONITOR_DEVICES", "all")
            return
        }
        container.setEnv("MIG_STRATEGY", strategy)
        if strategy != "none" { container.setEnv("NVIDIA_MIG_MONITOR_DEVICES", "all") }
    }
}
