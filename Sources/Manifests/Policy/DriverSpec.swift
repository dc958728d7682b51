import KubeModels

/// The containerized NVIDIA driver (`spec.driver`).
package typealias DriverSpec = ComponentSpec<DriverFields>

/// Driver fields beyond the common set.
package struct DriverFields: ComponentExtraFields {
    /// Hand driver management to NVIDIADriver resources (not supported by this operator).
    package var useNvidiaDriverCRD: Bool?
    /// Deploy precompiled per-kernel driver images, one DaemonSet per kernel.
    package var usePrecompiled: Bool?
    /// `auto`, `open` or `proprietary`.
    package var kernelModuleType: String?
    /// Deprecated; ignored.
    package var useOpenKernelModules: Bool?
    package var startupProbe: ContainerProbeSpec?
    package var livenessProbe: ContainerProbeSpec?
    package var readinessProbe: ContainerProbeSpec?
    package var rdma: GPUDirectRDMASpec?
    package var upgradePolicy: DriverUpgradePolicySpec?
    package var manager: DriverManagerSpec?
    package var repoConfig: DriverRepoConfigSpec?
    package var certConfig: NamedConfigSpec?
    package var licensingConfig: DriverLicensingConfigSpec?
    package var virtualTopology: VirtualTopologyConfigSpec?
    package var kernelModuleConfig: NamedConfigSpec?
    /// Name of a Secret whose keys become the driver container's environment.
    package var secretEnv: String?

    /// Creates empty fields.
    package init() {}
}

/// Overrides of a probe's timing; only non-zero fields replace the template's values.
package struct ContainerProbeSpec: Codable, Sendable, Hashable {
    package var initialDelaySeconds: Int?
    package var timeoutSeconds: Int?
    package var periodSeconds: Int?
    package var successThreshold: Int?
    package var failureThreshold: Int?
}

/// GPUDirect RDMA settings of the driver.
package struct GPUDirectRDMASpec: Codable, Sendable, Hashable {
    package var enabled: Bool?
    package var useHostMofed: Bool?
}

/// The `k8s-driver-manager` init container's image and environment.
package struct DriverManagerSpec: Codable, Sendable, Hashable {
    package var repository: String?
    package var image: String?
    package var version: String?
    package var imagePullPolicy: String?
    package var imagePullSecrets: [String]?
    package var env: [EnvVarSpec]?
}

/// A ConfigMap of package-repository files for the driver build.
package struct DriverRepoConfigSpec: Codable, Sendable, Hashable {
    package var configMapName: String?
}

/// vGPU licensing configuration of the driver.
package struct DriverLicensingConfigSpec: Codable, Sendable, Hashable {
    /// Deprecated in favour of `secretName`.
    package var configMapName: String?
    package var secretName: String?
    package var nlsEnabled: Bool?
}

/// A ConfigMap holding the vGPU topology daemon's configuration.
package struct VirtualTopologyConfigSpec: Codable, Sendable, Hashable {
    package var config: String?
}

/// How driver upgrades are rolled out across nodes (the driver reconciler's upgrade controller).
package struct DriverUpgradePolicySpec: Codable, Sendable, Hashable {
    package var autoUpgrade: Bool?
    package var maxParallelUpgrades: Int?
    package var maxUnavailable: IntOrString?
    package var waitForCompletion: WaitForCompletionSpec?
    package var podDeletion: PodDeletionSpec?
    package var drain: DrainSpec?
}

/// Wait for selected jobs before upgrading a node.
package struct WaitForCompletionSpec: Codable, Sendable, Hashable {
    package var podSelector: String?
    package var timeoutSeconds: Int?
}

/// How GPU pods are deleted before a driver upgrade.
package struct PodDeletionSpec: Codable, Sendable, Hashable {
    package var force: Bool?
    package var timeoutSeconds: Int?
    package var deleteEmptyDir: Bool?
}

/// How nodes are drained before a driver upgrade.
package struct DrainSpec: Codable, Sendable, Hashable {
    package var enable: Bool?
    package var force: Bool?
    package var podSelector: String?
    package var timeoutSeconds: Int?
    package var deleteEmptyDir: Bool?
}
