import KubeModels

/// The desired state of the GPU stack (`ClusterPolicy.spec`). Every section is present after
/// decoding (absent sections decode as empty), so render code never unwraps a section.
package struct ClusterPolicySpec: Codable, Sendable, Hashable {
    package var `operator` = OperatorSpec()
    package var daemonsets = DaemonsetsSpec()
    package var driver = DriverSpec()
    package var toolkit = ToolkitSpec()
    package var devicePlugin = DevicePluginSpec()
    package var dcgmExporter = DCGMExporterSpec()
    package var dcgm = DCGMSpec()
    package var nodeStatusExporter = NodeStatusExporterSpec()
    package var gfd = GPUFeatureDiscoverySpec()
    package var mig = MIGSpec()
    package var migManager = MIGManagerSpec()
    package var psp = EnabledSpec()
    package var psa = EnabledSpec()
    package var validator = ValidatorSpec()
    package var gds = DriverSidecarSpec()
    package var gdrcopy = DriverSidecarSpec()
    package var sandboxWorkloads = SandboxWorkloadsSpec()
    package var vfioManager = VFIOManagerSpec()
    package var sandboxDevicePlugin = SandboxDevicePluginSpec()
    package var vgpuManager = VGPUManagerSpec()
    package var vgpuDeviceManager = VGPUDeviceManagerSpec()
    package var ccManager = CCManagerSpec()
    package var kataManager = KataManagerSpec()
    package var kataSandboxDevicePlugin = KataSandboxDevicePluginSpec()
    package var cdi = CDIConfigSpec()
    package var hostPaths = HostPathsSpec()

    private enum CodingKeys: String, CodingKey {
        case `operator`, daemonsets, driver, toolkit, devicePlugin, dcgmExporter, dcgm, nodeStatusExporter, gfd
        case mig, migManager, psp, psa, validator, gds, gdrcopy, sandboxWorkloads, vfioManager
        case sandboxDevicePlugin, vgpuManager, vgpuDeviceManager, ccManager, kataManager
        case kataSandboxDevicePlugin, cdi, hostPaths
    }

    /// Creates a spec with every section empty (all defaults).
    package init() {}

    /// Decodes a spec; a missing or `null` section decodes as empty.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func section<T: Decodable>(_ key: CodingKeys, _ empty: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? empty
        }
        `operator` = try section(.operator, OperatorSpec())
        daemonsets = try section(.daemonsets, DaemonsetsSpec())
        driver = try section(.driver, DriverSpec())
        toolkit = try section(.toolkit, ToolkitSpec())
        devicePlugin = try section(.devicePlugin, DevicePluginSpec())
        dcgmExporter = try section(.dcgmExporter, DCGMExporterSpec())
        dcgm = try section(.dcgm, DCGMSpec())
        nodeStatusExporter = try section(.nodeStatusExporter, NodeStatusExporterSpec())
        gfd = try section(.gfd, GPUFeatureDiscoverySpec())
        mig = try section(.mig, MIGSpec())
        migManager = try section(.migManager, MIGManagerSpec())
        psp = try section(.psp, EnabledSpec())
        psa = try section(.psa, EnabledSpec())
        validator = try section(.validator, ValidatorSpec())
        gds = try section(.gds, DriverSidecarSpec())
        gdrcopy = try section(.gdrcopy, DriverSidecarSpec())
        sandboxWorkloads = try section(.sandboxWorkloads, SandboxWorkloadsSpec())
        vfioManager = try section(.vfioManager, VFIOManagerSpec())
        sandboxDevicePlugin = try section(.sandboxDevicePlugin, SandboxDevicePluginSpec())
        vgpuManager = try section(.vgpuManager, VGPUManagerSpec())
        vgpuDeviceManager = try section(.vgpuDeviceManager, VGPUDeviceManagerSpec())
        ccManager = try section(.ccManager, CCManagerSpec())
        kataManager = try section(.kataManager, KataManagerSpec())
        kataSandboxDevicePlugin = try section(.kataSandboxDevicePlugin, KataSandboxDevicePluginSpec())
        cdi = try section(.cdi, CDIConfigSpec())
        hostPaths = try section(.hostPaths, HostPathsSpec())
    }
}
