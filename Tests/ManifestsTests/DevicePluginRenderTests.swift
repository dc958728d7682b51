import KubeModels
import Testing

@testable import Manifests

/// The device-plugin DaemonSet (reference §4.3 "Device plugin", §4.2 plugin config and MIG env;
/// behaviour 4) and the GPU Feature Discovery DaemonSet that shares its config and MIG rules.
@Suite struct DevicePluginRenderTests {
    private static let main = "nvidia-device-plugin"

    private func plugin(_ mutate: (inout ClusterPolicySpec) -> Void = { _ in }, facts: ClusterFacts = ClusterFacts()) throws -> DaemonSet {
        try render(mutate, facts: facts).daemonSet(named: DS.devicePlugin)
    }

    @Test func cdiSetsTheUpstreamEnvAndRuntimeClass() throws {
        let ds = try plugin()
        let main = try ds.container(Self.main)
        #expect(main.env("NVIDIA_MIG_MONITOR_DEVICES") == "all")
        #expect(main.env("CDI_ENABLED") == "true")
        #expect(main.env("DEVICE_LIST_STRATEGY") == "cdi-annotations,cdi-cri")
        #expect(main.env("CDI_ANNOTATION_PREFIX") == "cdi.k8s.io/")
        #expect(main.env("NVIDIA_CDI_HOOK_PATH") == "/usr/local/nvidia/toolkit/nvidia-cdi-hook")
        #expect(ds.pod.runtimeClassName == "nvidia")
    }

    @Test func cdiOverwritesTheTemplatesListStrategyInPlace() throws {
        let names = try plugin().container(Self.main).envNames
        #expect(names.filter { $0 == "DEVICE_LIST_STRATEGY" }.count == 1)
        #expect(
            Array(names.prefix(7)) == [
                "PASS_DEVICE_SPECS", "FAIL_ON_INIT_ERROR", "DEVICE_LIST_STRATEGY", "DEVICE_ID_STRATEGY",
                "NVIDIA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES", "MPS_ROOT",
            ])
    }

    @Test func cdiHookPathFollowsTheToolkitInstallDir() throws {
        let main = try plugin { $0.toolkit.installDir = "/opt/nvidia" }.container(Self.main)
        #expect(main.env("NVIDIA_CDI_HOOK_PATH") == "/opt/nvidia/toolkit/nvidia-cdi-hook")
    }

    @Test func noCDIHookPathWithoutTheToolkit() throws {
        let main = try plugin { $0.toolkit.enabled = false }.container(Self.main)
        #expect(main.env("CDI_ENABLED") == "true")
        #expect(main.env("NVIDIA_CDI_HOOK_PATH") == nil)
    }

    @Test func withoutCDITheTemplatesListStrategyStays() throws {
        let main = try plugin { $0.cdi.enabled = false }.container(Self.main)
        #expect(main.env("DEVICE_LIST_STRATEGY") == "envvar")
        #expect(main.env("CDI_ENABLED") == nil)
        #expect(main.env("CDI_ANNOTATION_PREFIX") == nil)
    }

    @Test func customRuntimeClassIsUsed() throws {
        #expect(try plugin { $0.operator.runtimeClass = "nvidia-gpu" }.pod.runtimeClassName == "nvidia-gpu")
    }

    @Test func noRuntimeClassOnCRIOWithoutCDIOrWithNRI() throws {
        #expect(try plugin({ $0.cdi.enabled = false }, facts: facts { $0.runtime = .crio }).pod.runtimeClassName == nil)
        let nri = try plugin { $0.cdi.nriPluginEnabled = true }
        #expect(nri.pod.runtimeClassName == nil)
        let annotations = nri.spec?.template.metadata?.annotations ?? [:]
        #expect(annotations["nvidia.cdi.k8s.io/container.nvidia-device-plugin"] == "management.nvidia.com/gpu=all")
    }

    @Test func configNameAddsConfigManagerInitAndSidecar() throws {
        let ds = try plugin { $0.devicePlugin.config = NamedDefaultConfigSpec(name: "plugin-config", default: "any") }
        #expect(ds.initContainerNames == ["toolkit-validation", "config-manager-init"])
        #expect(ds.pod.containers.map(\.name) == [Self.main, "config-manager"])
        let main = try ds.container(Self.main)
        #expect(main.env("CONFIG_FILE") == "/config/config.yaml")
        #expect(main.mounts(of: "config").map(\.mountPath) == ["/config"])
        #expect(main.mounts(of: "plugin-config").map(\.mountPath) == ["/available-configs"])
        #expect(try ds.volume("plugin-config").configMap?.name == "plugin-config")
        #expect(try ds.volume("config").emptyDir != nil)
        #expect(ds.pod.shareProcessNamespace == true)
        for name in ["config-manager-init", "config-manager"] {
            let manager = try ds.container(name)
            #expect(manager.image == main.image, "\(name) runs the device-plugin image")
            #expect(manager.env("DEFAULT_CONFIG") == "any")
            #expect(manager.env("FALLBACK_STRATEGIES") == "empty")
        }
    }

    @Test func withoutConfigNameBothConfigManagersAreRemoved() throws {
        let ds = try plugin()
        #expect(ds.containerNames == ["toolkit-validation", Self.main])
        #expect(try ds.container(Self.main).env("CONFIG_FILE") == nil)
    }

    /// `strategy` → expected `MIG_STRATEGY` and `NVIDIA_MIG_MONITOR_DEVICES`.
    @Test(
        arguments: [
            (nil, nil, "all"),
            ("", nil, "all"),
            ("none", "none", nil),
            ("single", "single", "all"),
            ("mixed", "mixed", "all"),
        ] as [(String?, String?, String?)])
    func migStrategyEnvOnPluginAndGFD(strategy: String?, migStrategy: String?, monitorDevices: String?) throws {
        let objects = try render { $0.mig.strategy = strategy }
        for (name, container) in [(DS.devicePlugin, Self.main), (DS.gfd, "gpu-feature-discovery")] {
            let main = try objects.daemonSet(named: name).container(container)
            #expect(main.env("MIG_STRATEGY") == migStrategy, "\(name)")
            #expect(main.env("NVIDIA_MIG_MONITOR_DEVICES") == monitorDevices, "\(name)")
        }
    }

    @Test func userEnvIsAppliedLast() throws {
        let ds = try plugin { $0.devicePlugin.env = [EnvVarSpec(name: "DEVICE_LIST_STRATEGY", value: "volume-mounts")] }
        let main = try ds.container(Self.main)
        #expect(main.env("DEVICE_LIST_STRATEGY") == "volume-mounts")
    }

    @Test func customMPSRootMovesBothVolumes() throws {
        let ds = try plugin { $0.devicePlugin.mps = MPSConfigSpec(root: "/var/run/mps") }
        #expect(try ds.container(Self.main).env("MPS_ROOT") == "/var/run/mps")
        #expect(try ds.volume("mps-root").hostPath?.path == "/var/run/mps")
        #expect(try ds.volume("mps-shm").hostPath?.path == "/var/run/mps/shm")
    }

    @Test func validationInitContainerGetsTheValidatorImage() throws {
        let ds = try plugin {
            $0.validator.repository = "registry.local/nvidia"
            $0.validator.image = "gpu-operator"
            $0.validator.version = "v9"
        }
        #expect(try ds.container("toolkit-validation").image == "registry.local/nvidia/gpu-operator:v9")
    }

    @Test func gfdConfigManagersUseTheDevicePluginImage() throws {
        let ds = try render {
            $0.devicePlugin.config = NamedDefaultConfigSpec(name: "plugin-config", default: nil)
            $0.devicePlugin.repository = "nvcr.io/nvidia"
            $0.devicePlugin.image = "k8s-device-plugin"
            $0.devicePlugin.version = "v0.17.0"
            $0.gfd.repository = "registry.local"
            $0.gfd.image = "gfd"
            $0.gfd.version = "v1"
        }.daemonSet(named: DS.gfd)
        #expect(try ds.container("gpu-feature-discovery").image == "registry.local/gfd:v1")
        #expect(try ds.container("config-manager").image == "nvcr.io/nvidia/k8s-device-plugin:v0.17.0")
        #expect(try ds.container("config-manager-init").image == "nvcr.io/nvidia/k8s-device-plugin:v0.17.0")
        #expect(try ds.container("gpu-feature-discovery").env("CONFIG_FILE") == "/config/config.yaml")
    }
}
