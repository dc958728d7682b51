import KubeModels

/// VFIO manager (`spec.vfioManager`; sandbox workloads, not deployed by this operator).
package typealias VFIOManagerSpec = ComponentSpec<DriverManagedFields>
/// Sandbox device plugin (`spec.sandboxDevicePlugin`; not deployed).
package typealias SandboxDevicePluginSpec = ComponentSpec<NoExtraFields>
/// Kata sandbox device plugin (`spec.kataSandboxDevicePlugin`; not deployed).
package typealias KataSandboxDevicePluginSpec = ComponentSpec<NoExtraFields>
/// vGPU manager (`spec.vgpuManager`; not deployed).
package typealias VGPUManagerSpec = ComponentSpec<VGPUManagerFields>
/// vGPU device manager (`spec.vgpuDeviceManager`; not deployed).
package typealias VGPUDeviceManagerSpec = ComponentSpec<VGPUDeviceManagerFields>
/// Confidential-computing manager (`spec.ccManager`; not deployed).
package typealias CCManagerSpec = ComponentSpec<CCManagerFields>
/// Kata manager (`spec.kataManager`; deprecated upstream, never deployed).
package typealias KataManagerSpec = ComponentSpec<KataManagerFields>

/// Fields of sandbox operands that carry their own driver-manager init container.
package struct DriverManagedFields: ComponentExtraFields {
    package var driverManager: DriverManagerSpec?
    /// Creates empty fields.
    package init() {}
}

/// vGPU-manager fields beyond the common set.
package struct VGPUManagerFields: ComponentExtraFields {
    package var driverManager: DriverManagerSpec?
    package var kernelModuleConfig: NamedConfigSpec?
    /// Creates empty fields.
    package init() {}
}

/// vGPU-device-manager fields beyond the common set.
package struct VGPUDeviceManagerFields: ComponentExtraFields {
    package var config: NamedDefaultConfigSpec?
    /// Creates empty fields.
    package init() {}
}

/// CC-manager fields beyond the common set.
package struct CCManagerFields: ComponentExtraFields {
    /// `on`, `off` or `devtools`.
    package var defaultMode: String?
    /// Creates empty fields.
    package init() {}
}

/// Kata-manager fields beyond the common set.
package struct KataManagerFields: ComponentExtraFields {
    package var config: KataManagerConfig?
    /// Creates empty fields.
    package init() {}
}

/// Kata artifacts and the runtime classes to create for them.
package struct KataManagerConfig: Codable, Sendable, Hashable {
    package var artifactsDir: String?
    package var runtimeClasses: [KataRuntimeClass]?
}

/// One Kata runtime class and where its artifacts come from.
package struct KataRuntimeClass: Codable, Sendable, Hashable {
    package var name: String
    package var nodeSelector: [String: String]?
    package var artifacts: KataArtifacts?
}

/// An OCI artifact holding Kata's kernel and image.
package struct KataArtifacts: Codable, Sendable, Hashable {
    package var url: String?
    package var pullSecret: String?
}

/// A driver sidecar image (GPUDirect Storage `nvidia-fs`, GDRCopy `gdrdrv`; not deployed).
package struct DriverSidecarSpec: Codable, Sendable, Hashable {
    package var enabled: Bool?
    package var repository: String?
    package var image: String?
    package var version: String?
    package var imagePullPolicy: String?
    package var imagePullSecrets: [String]?
    package var args: [String]?
    package var env: [EnvVarSpec]?
}

/// Sandbox (VM) workload settings.
package struct SandboxWorkloadsSpec: Codable, Sendable, Hashable {
    package var enabled: Bool?
    /// `container`, `vm-passthrough` or `vm-vgpu`.
    package var defaultWorkload: String?
    /// `kubevirt` or `kata`.
    package var mode: String?
}
