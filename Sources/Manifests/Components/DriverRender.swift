import Foundation
import KubeModels

/// The driver DaemonSet(s) (reference §4.3 "Driver" and §4.6): one runfile DaemonSet, or with
/// `usePrecompiled` one DaemonSet per kernel version found on the GPU nodes.
enum DriverRender {
    static let mainContainer = "nvidia-driver-ctr"
    static let managerContainer = "k8s-driver-manager"
    static let baseName = "nvidia-driver-daemonset"

    /// `DRIVER_CONFIG_DIGEST` is stamped last, on the finished pod spec (``DriverInstallDigest``): what
    /// runs after the transform (pod metadata, ``Renderer``'s finalize) writes only metadata, which the
    /// digest ignores.
    static func render(_ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        var out: [JSONValue] = []
        for object in objects {
            guard object["kind"]?.stringValue == "DaemonSet" else {
                out.append(object)
                continue
            }
            if context.spec.driver.usePrecompiled == true {
                let kernels = try kernelsToOS(context)
                for (kernel, osTag) in kernels {
                    out.append(
                        try TemplateEditing.renderDaemonSet(object, context) { (ds: inout DaemonSet) throws(RenderError) in
                            let source = driverSource(context)
                            let fallback = ImagePaths.fallback(source, environment: context.facts.imageEnvironment)
                            let image = try ImagePaths.precompiled(source, kernel: kernel, osTag: osTag, fallback: fallback)
                            try transform(&ds, image: image, osTag: osTag, context)
                            makePrecompiled(&ds, kernel: kernel, osTag: osTag)
                            try DriverInstallDigest.stamp(&ds.spec!.template.spec)
                        })
                }
            } else {
                out.append(
                    try TemplateEditing.renderDaemonSet(object, context) { (ds: inout DaemonSet) throws(RenderError) in
                        let image = ImagePaths.withOSSuffix(try context.image(driverSource(context)), osTag: context.facts.os)
                        try transform(&ds, image: image, osTag: context.facts.os, context)
                        try DriverInstallDigest.stamp(&ds.spec!.template.spec)
                    })
            }
        }
        return out
    }

    static func driverSource(_ context: RenderContext) -> ImageSource {
        context.source(context.spec.driver, path: "spec.driver", env: "DRIVER_IMAGE")
    }

    /// Kernel → OS tag of the GPU nodes, sorted by kernel.
    /// - Throws: ``RenderError`` when no kernel is known or one kernel runs on two OS versions.
    static func kernelsToOS(_ context: RenderContext) throws(RenderError) -> [(String, String)] {
        var map: [String: String] = [:]
        for fact in context.facts.kernels {
            if let other = map[fact.version], other != fact.os {
                throw RenderError(
                    FieldPath(dotted: "spec.driver.usePrecompiled"),
                    "unsupported configuration: kernel \(fact.version) runs on both \(other) and \(fact.os) nodes")
            }
            map[fact.version] = fact.os
        }
        guard !map.isEmpty else {
            throw RenderError(FieldPath(dotted: "spec.driver.usePrecompiled"), "no GPU node kernel versions known; give them with --kernel")
        }
        return map.sorted { $0.key < $1.key }
    }

    /// The per-kernel DaemonSet name: `nvidia-driver-daemonset-<kernel>-<os>` with the architecture
    /// suffix removed, `_` turned into `.` and lower-cased.
    static func precompiledName(kernel: String, osTag: String) -> String {
        var sanitized = kernel
        for arch in ["x86_64_64k", "aarch64_64k", "x86_64", "aarch64"] {
            sanitized = sanitized.replacingOccurrences(of: arch, with: "")
        }
        sanitized = sanitized.replacingOccurrences(of: "_", with: ".")
        while sanitized.hasSuffix(".") { sanitized.removeLast() }
        return "\(baseName)-\(sanitized)-\(osTag)".lowercased()
    }

    private static func makePrecompiled(_ ds: inout DaemonSet, kernel: String, osTag: String) {
        let name = precompiledName(kernel: kernel, osTag: osTag)
        ds.metadata.name = name
        ds.metadata.labels?["app"] = name
        ds.metadata.labels?["nvidia.com/precompiled"] = "true"
        ds.spec!.selector.matchLabels?["app"] = name
        var podMetadata = ds.spec!.template.metadata ?? ObjectMeta()
        podMetadata.labels?["app"] = name
        podMetadata.labels?["nvidia.com/precompiled"] = "true"
        ds.spec!.template.metadata = podMetadata
        var selector = ds.spec!.template.spec.nodeSelector ?? [:]
        selector["feature.node.kubernetes.io/kernel-version.full"] = kernel
        ds.spec!.template.spec.nodeSelector = selector
    }

    private static func transform(_ ds: inout DaemonSet, image: String, osTag: String, _ context: RenderContext) throws(RenderError) {
        let driver = context.spec.driver
        var pod = ds.spec!.template.spec
        let manager = driver.manager
        let managerImage = try context.image(
            ImageSource(
                path: FieldPath(dotted: "spec.driver.manager"), repository: manager?.repository, image: manager?.image,
                version: manager?.version, environmentVariable: "DRIVER_MANAGER_IMAGE",
                builtInDefault: ImagePaths.builtInDefaults["DRIVER_MANAGER_IMAGE"]!))
        try pod.editContainer(named: managerContainer) { container in
            container.image = managerImage
            if let policy = manager?.imagePullPolicy { container.imagePullPolicy = ImagePaths.pullPolicy(policy) }
            if let resources = driver.resources { container.resources = resources }
            // As upstream, `upgradePolicy.drain` is the upgrade controller's setting only: the
            // manager keeps the template's drain env unless `driver.manager.env` overrides it.
            container.setEnv(manager?.env)
        }
        pod.addPullSecrets(manager?.imagePullSecrets)
        try DaemonSetTransforms.applyComponentFields(&pod, main: mainContainer, image: image, fields: driver.common)
        try pod.editContainer(named: mainContainer) { container in
            if let type = driver.kernelModuleType, !type.isEmpty {
                container.setEnv("KERNEL_MODULE_TYPE", type)
                if type == "open" { container.setEnv("OPEN_KERNEL_MODULES_ENABLED", "true") }
            }
            applyProbe(driver.startupProbe, to: &container.startupProbe)
            applyProbe(driver.livenessProbe, to: &container.livenessProbe)
            applyProbe(driver.readinessProbe, to: &container.readinessProbe)
        }
        try DriverConfigMounts.apply(&pod, osTag: osTag, context)
        if !pod.containers.isEmpty { pod.containers[0].setEnv(driver.env) }
        ds.spec!.template.spec = pod
    }

    /// Replaces the template probe's timing with the policy's non-zero values.
    private static func applyProbe(_ spec: ContainerProbeSpec?, to probe: inout Probe?) {
        guard let spec, var current = probe else { return }
        if let value = spec.initialDelaySeconds, value != 0 { current.initialDelaySeconds = value }
        if let value = spec.timeoutSeconds, value != 0 { current.timeoutSeconds = value }
        if let value = spec.periodSeconds, value != 0 { current.periodSeconds = value }
        if let value = spec.successThreshold, value != 0 { current.successThreshold = value }
        if let value = spec.failureThreshold, value != 0 { current.failureThreshold = value }
        probe = current
    }
}
