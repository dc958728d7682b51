import KubeModels
import Testing

@testable import Manifests

/// The MIG manager (takeover-and-operands §2): its objects under upstream's names, the mig-parted and
/// GPU-clients ConfigMap switches, the built-in layouts, and the `spec.migManager` fields.
@Suite struct MIGManagerRenderTests {
    private static let main = "nvidia-mig-manager"

    private func manager(_ mutate: (inout ClusterPolicySpec) -> Void = { _ in }, facts: ClusterFacts = ClusterFacts()) throws -> DaemonSet {
        try render(mutate, facts: facts).daemonSet(named: DS.migManager)
    }

    @Test func defaultPolicyRendersEveryObjectUnderUpstreamsNames() throws {
        let objects = try render().filter { $0.component == .migManager }
        #expect(
            objects.map(\.reference) == [
                "ServiceAccount/gpu-operator/nvidia-mig-manager", "Role/gpu-operator/nvidia-mig-manager", "ClusterRole/nvidia-mig-manager",
                "RoleBinding/gpu-operator/nvidia-mig-manager", "ClusterRoleBinding/nvidia-mig-manager",
                "ConfigMap/gpu-operator/default-mig-parted-config", "ConfigMap/gpu-operator/default-gpu-clients",
                "ConfigMap/gpu-operator/nvidia-mig-manager-entrypoint", "DaemonSet/gpu-operator/nvidia-mig-manager",
            ])
        let ds = try manager()
        #expect(ds.spec?.selector.matchLabels == ["app": "nvidia-mig-manager"])
        #expect(ds.podLabels["app.kubernetes.io/part-of"] == "nvidia-gpu")
        #expect(ds.pod.nodeSelector == ["nvidia.com/gpu.deploy.mig-manager": "true"])
        #expect(ds.pod.serviceAccountName == "nvidia-mig-manager")
        #expect(ds.pod.hostPID == true && ds.pod.hostIPC == true)
        #expect(ds.pod.runtimeClassName == "nvidia")
        #expect(ds.initContainerNames == ["toolkit-validation"])
        #expect(try ds.container("toolkit-validation").image == ImagePaths.operatorImage)
        #expect(try ds.container(Self.main).image == "nvcr.io/nvidia/cloud-native/k8s-mig-manager:v0.15.0")
    }

    @Test func rolesGrantWhatTheManagerUses() throws {
        let objects = try render()
        let role = try #require(objects.object(kind: "Role", named: "nvidia-mig-manager")).body.decode(as: Role.self)
        #expect(
            ruleLines(role.rules) == [
                "pods: get,list,watch,delete", "configmaps: create,get,list,update,patch", "securitycontextconstraints: use",
            ])
        let clusterRole = try #require(objects.object(kind: "ClusterRole", named: "nvidia-mig-manager")).body.decode(as: ClusterRole.self)
        #expect(ruleLines(clusterRole.rules) == ["nodes: get,list,watch,update,patch", "pods: list"])
    }

    /// Each rule as `resources: verbs`.
    private func ruleLines(_ rules: [PolicyRule]?) -> [String] {
        (rules ?? []).map { "\(($0.resources ?? []).joined(separator: ",")): \($0.verbs.joined(separator: ","))" }
    }

    @Test func defaultEnvIsUpstreamsInOrder() throws {
        #expect(
            try env(of: Self.main, in: manager()) == [
                "NODE_NAME=<fieldRef:spec.nodeName>", "POD_NAME=<fieldRef:metadata.name>", "POD_NAMESPACE=<fieldRef:metadata.namespace>",
                "GPU_CLIENTS_FILE=/gpu-clients/clients.yaml", "DEFAULT_GPU_CLIENTS_NAMESPACE=<fieldRef:metadata.namespace>",
                "DEFAULT_CONFIG_FILE=/mig-parted-config/config-default.yaml", "CDI_ENABLED=true",
                "NVIDIA_CDI_HOOK_PATH=/usr/local/nvidia/toolkit/nvidia-cdi-hook",
            ])
    }

    @Test func builtInLayoutsAreMountedAsTheDefaultConfigFile() throws {
        let ds = try manager()
        let config = try #require(try ds.volume("mig-parted-config").configMap)
        #expect(config.name == "default-mig-parted-config")
        #expect(config.items == [KeyToPath(key: "config.yaml", path: "config-default.yaml")])
        #expect(try ds.volume("gpu-clients").configMap?.name == "default-gpu-clients")
    }

    @Test func customConfigIsUsedAsTheConfigFileAndTheBuiltInOneIsNotRendered() throws {
        let objects = try render { $0.migManager.config = NamedDefaultConfigSpec(name: "my-layouts", default: "all-disabled") }
        let ds = try objects.daemonSet(named: DS.migManager)
        let config = try #require(try ds.volume("mig-parted-config").configMap)
        #expect(config.name == "my-layouts")
        #expect(config.items == nil)
        let main = try ds.container(Self.main)
        #expect(main.env("CONFIG_FILE") == "/mig-parted-config/config.yaml")
        #expect(main.env("DEFAULT_CONFIG_FILE") == nil)
        #expect(objects.object(kind: "ConfigMap", named: "default-mig-parted-config") == nil)
        #expect(objects.object(kind: "ConfigMap", named: "default-gpu-clients") != nil)
    }

    @Test func namingTheBuiltInConfigMapKeepsItAndMountsItWhole() throws {
        let objects = try render { $0.migManager.config = NamedDefaultConfigSpec(name: "default-mig-parted-config", default: nil) }
        #expect(objects.object(kind: "ConfigMap", named: "default-mig-parted-config") != nil)
        let ds = try objects.daemonSet(named: DS.migManager)
        #expect(try ds.volume("mig-parted-config").configMap?.items == nil)
        #expect(try ds.container(Self.main).env("CONFIG_FILE") == "/mig-parted-config/config.yaml")
    }

    @Test func customGPUClientsReplaceTheBuiltInOnes() throws {
        let objects = try render { $0.migManager.gpuClientsConfig = NamedConfigSpec(name: "my-clients") }
        #expect(try objects.daemonSet(named: DS.migManager).volume("gpu-clients").configMap?.name == "my-clients")
        #expect(objects.object(kind: "ConfigMap", named: "default-gpu-clients") == nil)
        #expect(objects.object(kind: "ConfigMap", named: "default-mig-parted-config") != nil)
    }

    @Test func disabledMIGManagerRendersNothing() throws {
        let objects = try render { $0.migManager.enabled = false }
        #expect(objects.filter { $0.component == .migManager }.isEmpty)
        #expect(!objects.daemonSetNames.contains(DS.migManager))
    }

    @Test func policyFieldsReachTheManager() throws {
        let resources = ResourceRequirements(limits: ["memory": "300Mi"])
        let ds = try manager {
            $0.migManager.repository = "registry.example.com/nvidia"
            $0.migManager.image = "k8s-mig-manager"
            $0.migManager.version = "v0.16.0"
            $0.migManager.imagePullPolicy = "Always"
            $0.migManager.imagePullSecrets = ["pull-secret"]
            $0.migManager.resources = resources
            $0.migManager.args = ["--debug"]
            $0.migManager.env = [EnvVarSpec(name: "WITH_REBOOT", value: "true"), EnvVarSpec(name: "CDI_ENABLED", value: "false")]
            $0.migManager.hostNetwork = true
        }
        let main = try ds.container(Self.main)
        #expect(main.image == "registry.example.com/nvidia/k8s-mig-manager:v0.16.0")
        #expect(main.imagePullPolicy == "Always")
        #expect(main.resources == resources)
        #expect(main.args == ["--debug"])
        #expect(main.envNames.suffix(1) == ["WITH_REBOOT"])
        #expect(main.env("CDI_ENABLED") == "false", "policy env overrides in place")
        #expect(ds.pod.imagePullSecrets?.map(\.name) == ["pull-secret"])
        #expect(ds.pod.hostNetwork == true && ds.pod.dnsPolicy == "ClusterFirstWithHostNet")
    }

    @Test func imageFallsBackToTheOperatorEnvironment() throws {
        let ds = try manager(facts: facts { $0.imageEnvironment = ["MIG_MANAGER_IMAGE": "mirror.example.com/mig-manager:v1"] })
        #expect(try ds.container(Self.main).image == "mirror.example.com/mig-manager:v1")
    }

    @Test func withoutCDINoCDIEnvAndHostPathsFollowThePolicy() throws {
        let ds = try manager {
            $0.cdi.enabled = false
            $0.hostPaths.rootFS = "/host-root"
            $0.hostPaths.driverInstallDir = "/opt/nvidia/driver"
        }
        let main = try ds.container(Self.main)
        #expect(main.env("CDI_ENABLED") == nil && main.env("NVIDIA_CDI_HOOK_PATH") == nil)
        #expect(main.env("HOST_ROOT") == "/host-root")
        #expect(try ds.volume("host-root").hostPath?.path == "/host-root")
        #expect(try ds.volume("driver-install-dir").hostPath?.path == "/opt/nvidia/driver")
    }

    @Test func builtInLayoutsParseAndNameUpstreamsConfigs() throws {
        let configMap = try #require(try render().object(kind: "ConfigMap", named: "default-mig-parted-config"))
        let text = try #require(configMap.body[path: ["data", "config.yaml"]]?.stringValue)
        let document = try #require(try YAMLReader.documents(in: text, file: "config.yaml").first?.value)
        #expect(document["version"] == "v1")
        let configs = try #require(document["mig-configs"]?.objectValue)
        for name in ["all-disabled", "all-enabled", "all-balanced", "all-1g.10gb", "all-7g.80gb", "all-1g.24gb.gfx", "all-7g.144gb"] {
            #expect(configs[name] != nil, "\(name)")
        }
        #expect(configs.count == 68)
        #expect(configs["all-disabled"]?.arrayValue?.first?["mig-enabled"] == false)
        #expect(configs["all-1g.10gb"]?.arrayValue?.count == 2, "one entry per device filter (80GB and 40GB parts)")
        #expect(configs["all-balanced"]?.arrayValue?.count == 10)
    }

    @Test func builtInGPUClientsListTheHostUnits() throws {
        let configMap = try #require(try render().object(kind: "ConfigMap", named: "default-gpu-clients"))
        let text = try #require(configMap.body[path: ["data", "clients.yaml"]]?.stringValue)
        let document = try #require(try YAMLReader.documents(in: text, file: "clients.yaml").first?.value)
        let services = document["systemd-services"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(services.count == 9)
        #expect(services.contains("nvsm.service") && services.contains("dcgm-exporter.service"))
    }
}
