import KubeModels

/// The NVIDIA Container Toolkit installer (`spec.toolkit`).
package typealias ToolkitSpec = ComponentSpec<ToolkitFields>
/// The Kubernetes device plugin (`spec.devicePlugin`).
package typealias DevicePluginSpec = ComponentSpec<DevicePluginFields>
/// The DCGM exporter (`spec.dcgmExporter`).
package typealias DCGMExporterSpec = ComponentSpec<DCGMExporterFields>
/// The standalone DCGM host engine (`spec.dcgm`).
package typealias DCGMSpec = ComponentSpec<DCGMFields>
/// GPU Feature Discovery (`spec.gfd`).
package typealias GPUFeatureDiscoverySpec = ComponentSpec<NoExtraFields>
/// The node status exporter (`spec.nodeStatusExporter`; not deployed by this operator).
package typealias NodeStatusExporterSpec = ComponentSpec<NoExtraFields>
/// The MIG manager (`spec.migManager`), which repartitions MIG-capable GPUs on request.
package typealias MIGManagerSpec = ComponentSpec<MIGManagerFields>
/// The operator validator (`spec.validator`).
package typealias ValidatorSpec = ComponentSpec<ValidatorFields>

/// Toolkit fields beyond the common set.
package struct ToolkitFields: ComponentExtraFields {
    /// Host directory the toolkit is installed into.
    package var installDir: String?
    /// Creates empty fields.
    package init() {}
}

/// Device-plugin fields beyond the common set.
package struct DevicePluginFields: ComponentExtraFields {
    /// A ConfigMap of plugin configurations (time-slicing, MPS, ...) and the default key.
    package var config: NamedDefaultConfigSpec?
    package var mps: MPSConfigSpec?
    /// Creates empty fields.
    package init() {}
}

/// Where MPS keeps its pipes and shared memory.
package struct MPSConfigSpec: Codable, Sendable, Hashable {
    package var root: String?
}

/// DCGM-exporter fields beyond the common set.
package struct DCGMExporterFields: ComponentExtraFields {
    /// Extra annotations on the exporter's pods.
    package var annotations: [String: String]?
    /// A ConfigMap with key `dcgm-metrics.csv` listing the metrics to collect.
    package var config: NamedConfigSpec?
    package var serviceMonitor: ServiceMonitorConfig?
    package var service: DCGMExporterServiceSpec?
    package var hostPID: Bool?
    package var hpcJobMapping: HPCJobMappingSpec?
    package var enablePodLabels: Bool?
    package var enablePodUID: Bool?
    package var podLabelAllowlistRegex: [String]?
    /// Creates empty fields.
    package init() {}
}

/// The exporter Service's type and traffic policy.
package struct DCGMExporterServiceSpec: Codable, Sendable, Hashable {
    package var type: String?
    package var internalTrafficPolicy: String?
}

/// HPC job-to-GPU mapping for the exporter.
package struct HPCJobMappingSpec: Codable, Sendable, Hashable {
    package var enabled: Bool?
    package var directory: String?
}

/// DCGM fields beyond the common set.
package struct DCGMFields: ComponentExtraFields {
    /// Deprecated; unused.
    package var hostPort: Int?
    /// Creates empty fields.
    package init() {}
}

/// MIG-manager fields beyond the common set.
package struct MIGManagerFields: ComponentExtraFields {
    /// A ConfigMap (key `config.yaml`) of MIG layouts replacing the built-in ones, and the layout the node
    /// labeller gives MIG-capable nodes that name none (`all-disabled`).
    package var config: NamedDefaultConfigSpec?
    /// A ConfigMap (key `clients.yaml`) of host systemd units to stop while repartitioning.
    package var gpuClientsConfig: NamedConfigSpec?
    /// Creates empty fields.
    package init() {}
}

/// Validator fields beyond the common set: extra environment per validation check.
package struct ValidatorFields: ComponentExtraFields {
    package var plugin: EnvListSpec?
    package var toolkit: EnvListSpec?
    package var driver: EnvListSpec?
    package var cuda: EnvListSpec?
    package var vfioPCI: EnvListSpec?
    package var vgpuManager: EnvListSpec?
    package var vgpuDevices: EnvListSpec?
    /// Creates empty fields.
    package init() {}
}

/// A Prometheus-operator ServiceMonitor's settings.
package struct ServiceMonitorConfig: Codable, Sendable, Hashable {
    package var enabled: Bool?
    package var interval: String?
    package var scrapeTimeout: String?
    package var honorLabels: Bool?
    package var additionalLabels: [String: String]?
    package var relabelings: [RelabelConfig]?
}

/// One Prometheus relabelling rule.
package struct RelabelConfig: Codable, Sendable, Hashable {
    package var sourceLabels: [String]?
    package var separator: String?
    package var targetLabel: String?
    package var regex: String?
    package var modulus: Int64?
    package var replacement: String?
    package var action: String?
}
