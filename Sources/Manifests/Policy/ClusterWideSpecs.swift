import KubeModels

/// Operator-wide settings (`spec.operator`).
package struct OperatorSpec: Codable, Sendable, Hashable {
    /// Deprecated: the runtime is detected from the nodes.
    package var defaultRuntime: String?
    /// Name of the RuntimeClass operand pods use and the operator creates.
    package var runtimeClass: String?
    /// Deprecated and unused.
    package var initContainer: InitContainerSpec?
    /// OpenShift only: build drivers with the Driver Toolkit.
    package var useOCPDriverToolkit: Bool?
    /// Unused by the controller; kept for compatibility.
    package var labels: [String: String]?
    /// Unused by the controller; kept for compatibility.
    package var annotations: [String: String]?
    package var metrics: OperatorMetricsSpec?

    private enum CodingKeys: String, CodingKey {
        case defaultRuntime, runtimeClass, initContainer, labels, annotations, metrics
        case useOCPDriverToolkit = "use_ocp_driver_toolkit"
    }

    /// Creates empty settings.
    package init() {}
}

/// The operator's own metrics endpoint.
package struct OperatorMetricsSpec: Codable, Sendable, Hashable {
    package var serviceMonitor: ServiceMonitorConfig?
}

/// A deprecated init-container image setting.
package struct InitContainerSpec: Codable, Sendable, Hashable {
    package var repository: String?
    package var image: String?
    package var version: String?
    package var imagePullPolicy: String?
    package var imagePullSecrets: [String]?
}

/// Settings applied to every operand DaemonSet (`spec.daemonsets`).
package struct DaemonsetsSpec: Codable, Sendable, Hashable {
    package var labels: [String: String]?
    package var annotations: [String: String]?
    /// Replaces every operand's tolerations when non-empty.
    package var tolerations: [Toleration]?
    package var priorityClassName: String?
    /// `RollingUpdate` or `OnDelete`.
    package var updateStrategy: String?
    package var rollingUpdate: RollingUpdateSpec?
    /// Replaces every operand pod's security context when set.
    package var podSecurityContext: JSONValue?

    /// Creates empty settings.
    package init() {}
}

/// The rolling-update bound for operand DaemonSets.
package struct RollingUpdateSpec: Codable, Sendable, Hashable {
    /// An integer (`"1"`) or a percentage (`"20%"`).
    package var maxUnavailable: String?
}

/// The MIG strategy GFD and the device plugin use (`spec.mig`).
package struct MIGSpec: Codable, Sendable, Hashable {
    /// `none`, `single` or `mixed`.
    package var strategy: String?
}

/// A section with only an `enabled` flag (`spec.psp`, `spec.psa`).
package struct EnabledSpec: Codable, Sendable, Hashable {
    package var enabled: Bool?
}

/// Container Device Interface settings (`spec.cdi`).
package struct CDIConfigSpec: Codable, Sendable, Hashable {
    package var enabled: Bool?
    /// Deprecated no-op.
    package var `default`: Bool?
    package var nriPluginEnabled: Bool?
}

/// Host paths the operands use (`spec.hostPaths`).
package struct HostPathsSpec: Codable, Sendable, Hashable {
    /// The host's root filesystem; empty or `/` means unchanged.
    package var rootFS: String?
    /// Where the containerized driver is installed on the host.
    package var driverInstallDir: String?
    package var kubeletRootDir: String?
}
