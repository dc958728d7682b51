import KubeModels

/// The DCGM exporter: DaemonSet, Service, optional ServiceMonitor and the pod-reading RBAC it needs
/// only for pod labels/UIDs (reference §4.3 "DCGM exporter" and §2.3).
enum DCGMExporterRender {
    static let mainContainer = "nvidia-dcgm-exporter"
    static let readPodsName = "nvidia-dcgm-exporter-read-pods"

    static func render(_ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        let exporter = context.spec.dcgmExporter
        let image = try context.image(context.source(exporter, path: "spec.dcgmExporter", env: "DCGM_EXPORTER_IMAGE"))
        var out: [JSONValue] = []
        for var object in objects {
            let kind = object["kind"]?.stringValue ?? ""
            let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
            if (kind == "ClusterRole" || kind == "ClusterRoleBinding") && name == readPodsName && !needsPodMetadata(exporter) {
                continue
            }
            switch kind {
            case "Service":
                if let type = exporter.service?.type, !type.isEmpty { object["spec"]?["type"] = .string(type) }
                if let policy = exporter.service?.internalTrafficPolicy, !policy.isEmpty {
                    object["spec"]?["internalTrafficPolicy"] = .string(policy)
                }
            case "ServiceMonitor":
                guard context.facts.serviceMonitorCRD, exporter.serviceMonitor?.enabled == true else { continue }
                try ServiceMonitorEditing.apply(exporter.serviceMonitor, to: &object)
            case "DaemonSet":
                object = try TemplateEditing.renderDaemonSet(object, context) { (ds: inout DaemonSet) throws(RenderError) in
                    try transform(&ds, image: image, context)
                }
            default:
                break
            }
            out.append(object)
        }
        return out
    }

    /// Whether the exporter reads pods (labels or UIDs on metrics), which needs the read-pods RBAC.
    static func needsPodMetadata(_ exporter: DCGMExporterSpec) -> Bool {
        if exporter.enablePodLabels == true || exporter.enablePodUID == true { return true }
        return (exporter.env ?? []).contains { variable in
            ["DCGM_EXPORTER_KUBERNETES_ENABLE_POD_LABELS", "DCGM_EXPORTER_KUBERNETES_ENABLE_POD_UID"].contains(variable.name)
                && variable.value?.lowercased() == "true"
        }
    }

    private static func transform(_ ds: inout DaemonSet, image: String, _ context: RenderContext) throws(RenderError) {
        let exporter = context.spec.dcgmExporter
        var template = ds.spec!.template
        var pod = template.spec
        try DaemonSetTransforms.applyValidationInitContainers(&pod, context)
        try DaemonSetTransforms.applyComponentFields(&pod, main: mainContainer, image: image, fields: exporter.common)
        if let annotations = exporter.annotations, !annotations.isEmpty {
            var metadata = template.metadata ?? ObjectMeta()
            metadata.annotations = (metadata.annotations ?? [:]).merging(annotations) { _, new in new }
            template.metadata = metadata
        }
        var useHostNetwork = false
        try pod.editContainer(named: mainContainer) { container in
            if context.spec.dcgm.isEnabled(default: true) {
                container.setEnv("DCGM_REMOTE_HOSTENGINE_INFO", "nvidia-dcgm:5555")
            } else if container.envValue("DCGM_REMOTE_HOSTENGINE_INFO")?.hasPrefix("localhost") == true {
                useHostNetwork = true
            }
            if exporter.hpcJobMapping?.enabled == true {
                let directory = exporter.hpcJobMapping?.directory.flatMap { $0.isEmpty ? nil : $0 } ?? "/var/lib/dcgm-exporter/job-mapping"
                container.setEnv("DCGM_HPC_JOB_MAPPING_DIR", directory)
                container.setVolumeMount(VolumeMount(name: "hpc-job-mapping", mountPath: directory, readOnly: true))
            }
            if exporter.enablePodLabels == true { container.setEnv("DCGM_EXPORTER_KUBERNETES_ENABLE_POD_LABELS", "true") }
            if exporter.enablePodUID == true { container.setEnv("DCGM_EXPORTER_KUBERNETES_ENABLE_POD_UID", "true") }
            if let patterns = exporter.podLabelAllowlistRegex, !patterns.isEmpty {
                container.setEnv("DCGM_EXPORTER_KUBERNETES_POD_LABEL_ALLOWLIST_REGEX", patterns.joined(separator: ","))
            }
            if let configMap = exporter.config?.name, !configMap.isEmpty {
                container.setEnv("DCGM_EXPORTER_COLLECTORS", "/etc/dcgm-exporter/dcgm-metrics.csv")
                container.setVolumeMount(
                    VolumeMount(
                        name: "metrics-config", mountPath: "/etc/dcgm-exporter/dcgm-metrics.csv",
                        subPath: "dcgm-metrics.csv", readOnly: true))
            }
            container.setEnv(exporter.env)
        }
        if useHostNetwork { pod.useHostNetwork() }
        if exporter.hostPID == true { pod.hostPID = true }
        if exporter.hpcJobMapping?.enabled == true {
            let directory = exporter.hpcJobMapping?.directory.flatMap { $0.isEmpty ? nil : $0 } ?? "/var/lib/dcgm-exporter/job-mapping"
            pod.setVolume(.hostPath("hpc-job-mapping", path: directory, type: "DirectoryOrCreate"))
        }
        if let configMap = exporter.config?.name, !configMap.isEmpty {
            pod.setVolume(
                .configMap("metrics-config", configMapName: configMap, items: [KeyToPath(key: "dcgm-metrics.csv", path: "dcgm-metrics.csv")]))
        }
        if let kubeletRoot = context.spec.hostPaths.kubeletRootDir, !kubeletRoot.isEmpty, kubeletRoot != "/var/lib/kubelet" {
            pod.editVolume(named: "pod-gpu-resources") { $0.hostPath?.path = kubeletRoot + "/pod-resources" }
        }
        if needsPodMetadata(exporter) || exporterEnvEnablesToken(exporter) { pod.automountServiceAccountToken = true }
        DaemonSetTransforms.applyRuntimeClass(&pod, context)
        template.spec = pod
        DaemonSetTransforms.applyNRIAnnotation(&template, container: mainContainer, context)
        ds.spec!.template = template
    }

    /// The exporter reads ConfigMaps through the API when `DCGM_EXPORTER_CONFIGMAP_DATA` names one.
    private static func exporterEnvEnablesToken(_ exporter: DCGMExporterSpec) -> Bool {
        guard let value = exporter.env?.first(where: { $0.name == "DCGM_EXPORTER_CONFIGMAP_DATA" })?.value else { return false }
        return !value.isEmpty && value.lowercased() != "none"
    }
}
