import KubeModels

/// One deployable part of the GPU stack, in the order the operator applies them (upstream's state
/// order). The raw value is the template folder's name.
package enum Component: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case preRequisites = "pre-requisites"
    case operatorMetrics = "operator-metrics"
    case driver
    case containerToolkit = "container-toolkit"
    case operatorValidation = "operator-validation"
    case devicePlugin = "device-plugin"
    case mpsControlDaemon = "mps-control-daemon"
    case dcgm
    case dcgmExporter = "dcgm-exporter"
    case gpuFeatureDiscovery = "gpu-feature-discovery"
    case migManager = "mig-manager"

    /// The value of the `app.kubernetes.io/component` label on this component's objects. The driver's
    /// is `nvidia-driver`, which the validator looks for to tell a containerized driver from a host one.
    package var labelValue: String { self == .driver ? "nvidia-driver" : rawValue }

    /// The status condition type reporting this component's readiness.
    package var conditionType: String {
        switch self {
        case .preRequisites: "PrerequisitesReady"
        case .operatorMetrics: "OperatorMetricsReady"
        case .driver: "DriverReady"
        case .containerToolkit: "ToolkitReady"
        case .operatorValidation: "ValidatorReady"
        case .devicePlugin: "DevicePluginReady"
        case .mpsControlDaemon: "MPSControlDaemonReady"
        case .dcgm: "DCGMReady"
        case .dcgmExporter: "DCGMExporterReady"
        case .gpuFeatureDiscovery: "GPUFeatureDiscoveryReady"
        case .migManager: "MIGManagerReady"
        }
    }

    /// Whether `spec` deploys this component (upstream defaults where `enabled` is absent).
    package func isEnabled(in spec: ClusterPolicySpec) -> Bool {
        switch self {
        case .preRequisites: spec.cdi.nriPluginEnabled != true
        case .operatorMetrics, .operatorValidation: true
        case .driver: spec.driver.isEnabled(default: true) && spec.driver.useNvidiaDriverCRD != true
        case .containerToolkit: spec.toolkit.isEnabled(default: true)
        // Upstream's state-mps-control-daemon is enabled exactly when the device plugin is.
        case .devicePlugin, .mpsControlDaemon: spec.devicePlugin.isEnabled(default: true)
        case .dcgm: spec.dcgm.isEnabled(default: true)
        case .dcgmExporter: spec.dcgmExporter.isEnabled(default: true)
        case .gpuFeatureDiscovery: spec.gfd.isEnabled(default: true)
        case .migManager: spec.migManager.isEnabled(default: true)
        }
    }

    /// Orders components by their apply order.
    package static func < (lhs: Component, rhs: Component) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Labels and annotations the operator puts on every object it owns.
package enum OwnershipLabels {
    /// `app.kubernetes.io/managed-by`.
    package static let managedByKey = "app.kubernetes.io/managed-by"
    /// The managed-by value identifying our objects.
    package static let managedByValue = "gpu-operator"
    /// `app.kubernetes.io/component`.
    package static let componentKey = "app.kubernetes.io/component"
    /// The annotation holding the hash of the desired object.
    package static let hashAnnotation = "nvidia.com/last-applied-hash"
    /// The field manager used for server-side apply.
    package static let fieldManager = "gpu-operator"
}
