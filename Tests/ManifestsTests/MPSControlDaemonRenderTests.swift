import KubeModels
import Testing

@testable import Manifests

/// The MPS control daemon (takeover-and-operands §3): deployed whenever the device plugin is, on
/// MPS-capable device-plugin nodes only, configured from `spec.devicePlugin`.
@Suite struct MPSControlDaemonRenderTests {
    private static let main = "mps-control-daemon-ctr"

    private func daemon(_ mutate: (inout ClusterPolicySpec) -> Void = { _ in }, facts: ClusterFacts = ClusterFacts()) throws -> DaemonSet {
        try render(mutate, facts: facts).daemonSet(named: DS.mpsControlDaemon)
    }

    @Test func defaultPolicyRendersEveryObjectUnderUpstreamsNames() throws {
        let objects = try render().filter { $0.component == .mpsControlDaemon }
        let name = "nvidia-device-plugin-mps-control-daemon"
        #expect(
            objects.map(\.reference) == [
                "ServiceAccount/gpu-operator/\(name)", "Role/gpu-operator/\(name)", "ClusterRole/\(name)",
                "RoleBinding/gpu-operator/\(name)", "ClusterRoleBinding/\(name)", "DaemonSet/gpu-operator/\(name)",
            ])
        let ds = try daemon()
        #expect(ds.spec?.selector.matchLabels == ["app": name])
        #expect(ds.podLabels["app"] == name)
        #expect(ds.pod.nodeSelector == ["nvidia.com/gpu.deploy.device-plugin": "true", "nvidia.com/mps.capable": "true"])
        #expect(ds.pod.serviceAccountName == "nvidia-device-plugin", "runs as the device plugin, as upstream")
        #expect(ds.pod.hostPID == true)
        #expect(ds.pod.runtimeClassName == "nvidia")
    }

    @Test func withoutPluginConfigTheConfigManagersAreRemoved() throws {
        let ds = try daemon()
        #expect(ds.containerNames == ["toolkit-validation", "mps-control-daemon-mounts", Self.main])
        let plugin = "nvcr.io/nvidia/k8s-device-plugin:v0.20.0"
        #expect(try ds.container(Self.main).image == plugin)
        #expect(try ds.container("mps-control-daemon-mounts").image == plugin)
        #expect(try ds.container("toolkit-validation").image == ImagePaths.operatorImage)
        #expect(
            try env(of: Self.main, in: ds) == [
                "NODE_NAME=<fieldRef:spec.nodeName>", "NVIDIA_VISIBLE_DEVICES=all", "NVIDIA_DRIVER_CAPABILITIES=compute,utility",
                "NVIDIA_MIG_MONITOR_DEVICES=all",
            ])
    }

    @Test func pluginConfigKeepsTheConfigManagersAsForTheDevicePlugin() throws {
        let ds = try daemon { $0.devicePlugin.config = NamedDefaultConfigSpec(name: "plugin-config", default: "mps") }
        #expect(ds.containerNames == ["toolkit-validation", "mps-control-daemon-mounts", "config-manager-init", Self.main, "config-manager"])
        let main = try ds.container(Self.main)
        #expect(main.env("CONFIG_FILE") == "/config/config.yaml")
        #expect(main.mounts(of: "plugin-config").map(\.mountPath) == ["/available-configs"])
        #expect(try ds.volume("plugin-config").configMap?.name == "plugin-config")
        #expect(ds.pod.shareProcessNamespace == nil, "hostPID already shares the process namespace")
        let sidecar = try ds.container("config-manager")
        #expect(sidecar.image == main.image)
        #expect(sidecar.env("DEFAULT_CONFIG") == "mps")
        #expect(sidecar.env("PROCESS_TO_SIGNAL") == "/usr/bin/mps-control-daemon")
    }

    @Test func devicePluginFieldsReachTheDaemonButNotItsEnvOrArgs() throws {
        let resources = ResourceRequirements(limits: ["memory": "200Mi"])
        let ds = try daemon {
            $0.devicePlugin.version = "v0.21.0"
            $0.devicePlugin.repository = "registry.example.com/nvidia"
            $0.devicePlugin.image = "k8s-device-plugin"
            $0.devicePlugin.imagePullPolicy = "Always"
            $0.devicePlugin.imagePullSecrets = ["pull-secret"]
            $0.devicePlugin.resources = resources
            $0.devicePlugin.args = ["--fail-on-init-error=false"]
            $0.devicePlugin.env = [EnvVarSpec(name: "PLUGIN_ONLY", value: "1")]
            $0.mig.strategy = "single"
        }
        for name in [Self.main, "mps-control-daemon-mounts"] {
            let container = try ds.container(name)
            #expect(container.image == "registry.example.com/nvidia/k8s-device-plugin:v0.21.0", "\(name)")
            #expect(container.imagePullPolicy == "Always", "\(name)")
            #expect(container.resources == resources, "\(name)")
        }
        let main = try ds.container(Self.main)
        #expect(main.args == nil)
        #expect(main.env("PLUGIN_ONLY") == nil)
        #expect(main.env("MIG_STRATEGY") == "single")
        #expect(main.env("CDI_ENABLED") == nil)
        #expect(ds.pod.imagePullSecrets?.map(\.name) == ["pull-secret"])
    }

    @Test func customMPSRootRewritesBothHostPaths() throws {
        let ds = try daemon { $0.devicePlugin.mps = MPSConfigSpec(root: "/var/mps") }
        #expect(try ds.volume("mps-root").hostPath?.path == "/var/mps")
        #expect(try ds.volume("mps-shm").hostPath?.path == "/var/mps/shm")
        let defaults = try daemon()
        #expect(try defaults.volume("mps-root").hostPath?.path == "/run/nvidia/mps")
        #expect(try defaults.volume("mps-shm").hostPath?.path == "/run/nvidia/mps/shm")
    }

    @Test func disabledDevicePluginDropsTheDaemon() throws {
        let objects = try render { $0.devicePlugin.enabled = false }
        #expect(objects.filter { $0.component == .mpsControlDaemon }.isEmpty)
        #expect(!objects.daemonSetNames.contains(DS.mpsControlDaemon))
    }

    @Test func hostNetworkAndNRIFollowTheDevicePlugin() throws {
        let ds = try daemon {
            $0.devicePlugin.hostNetwork = true
            $0.cdi.nriPluginEnabled = true
        }
        #expect(ds.pod.hostNetwork == true)
        #expect(ds.pod.runtimeClassName == nil)
        #expect(ds.spec?.template.metadata?.annotations?["nvidia.cdi.k8s.io/container.\(Self.main)"] == "management.nvidia.com/gpu=all")
    }
}
