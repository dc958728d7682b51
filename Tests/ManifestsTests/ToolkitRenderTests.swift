import KubeModels
import Testing

@testable import Manifests

/// The container-toolkit DaemonSet and its container-runtime wiring (reference §4.3, behaviour 3).
@Suite struct ToolkitRenderTests {
    private static let main = "nvidia-container-toolkit-ctr"

    /// The template's env, in template order.
    private static let baseEnv = [
        "ROOT=/usr/local/nvidia",
        "NVIDIA_CONTAINER_RUNTIME_MODES_CDI_DEFAULT_KIND=management.nvidia.com/gpu",
        "NVIDIA_VISIBLE_DEVICES=void",
        "TOOLKIT_PID_FILE=/run/nvidia/toolkit/toolkit.pid",
        "NRI_NAMESPACE=<fieldRef:metadata.namespace>",
    ]

    private static let cdiEnv = [
        "CDI_ENABLED=true",
        "NVIDIA_RUNTIME_SET_AS_DEFAULT=false",
        "NVIDIA_CONTAINER_RUNTIME_MODE=cdi",
        "CRIO_CONFIG_MODE=config",
    ]

    private func toolkit(
        _ mutate: (inout ClusterPolicySpec) -> Void = { _ in }, runtime: ContainerRuntime = .containerd
    ) throws -> DaemonSet {
        try render(mutate, facts: facts { $0.runtime = runtime }).daemonSet(named: DS.toolkit)
    }

    @Test func containerdWithCDIGivesTheUpstreamEnvSequenceWithUserEnvInPlace() throws {
        let ds = try toolkit { $0.toolkit.env = [EnvVarSpec(name: "EXTRA_OPTION", value: "1")] }
        #expect(
            try env(of: Self.main, in: ds) == Self.baseEnv + Self.cdiEnv + ["EXTRA_OPTION=1"] + [
                "RUNTIME=containerd",
                "CONTAINERD_RUNTIME_CLASS=nvidia",
                "RUNTIME_CONFIG=/runtime/config-dir/config.toml",
                "CONTAINERD_CONFIG=/runtime/config-dir/config.toml",
                "RUNTIME_DROP_IN_CONFIG=/runtime/config-dir.d/99-nvidia.toml",
                "RUNTIME_DROP_IN_CONFIG_HOST_PATH=/etc/containerd/conf.d/99-nvidia.toml",
                "RUNTIME_SOCKET=/runtime/sock-dir/containerd.sock",
                "CONTAINERD_SOCKET=/runtime/sock-dir/containerd.sock",
            ])
    }

    @Test func containerdMountsConfigDropInAndSocketDirectories() throws {
        let ds = try toolkit()
        let config = try ds.volume("containerd-config").hostPath
        let dropIn = try ds.volume("containerd-drop-in-config").hostPath
        let socket = try ds.volume("containerd-socket").hostPath
        #expect(config?.path == "/etc/containerd")
        #expect(config?.type == "DirectoryOrCreate")
        #expect(dropIn?.path == "/etc/containerd/conf.d")
        #expect(dropIn?.type == "DirectoryOrCreate")
        #expect(socket?.path == "/run/containerd")
        #expect(socket?.type == nil, "upstream mounts the socket directory without a type check")
        let main = try ds.container(Self.main)
        #expect(main.mounts(of: "containerd-config").map(\.mountPath) == ["/runtime/config-dir/"])
        #expect(main.mounts(of: "containerd-drop-in-config").map(\.mountPath) == ["/runtime/config-dir.d/"])
        #expect(main.mounts(of: "containerd-socket").map(\.mountPath) == ["/runtime/sock-dir/"])
        #expect(!ds.volumeNames.contains("nri-socket"))
    }

    @Test func customRuntimeClassIsTheContainerdRuntimeClass() throws {
        let ds = try toolkit { $0.operator.runtimeClass = "nvidia-gpu" }
        #expect(try ds.container(Self.main).env("CONTAINERD_RUNTIME_CLASS") == "nvidia-gpu")
    }

    @Test func k3sPathsMoveTheVolumesAndAreRewrittenToContainerPaths() throws {
        let ds = try toolkit {
            $0.toolkit.env = [
                EnvVarSpec(name: "CONTAINERD_CONFIG", value: "/var/lib/rancher/k3s/agent/etc/containerd/config.toml"),
                EnvVarSpec(name: "CONTAINERD_SOCKET", value: "/run/k3s/containerd/containerd.sock"),
            ]
        }
        let lines = try env(of: Self.main, in: ds)
        #expect(
            lines == Self.baseEnv + Self.cdiEnv + [
                "CONTAINERD_CONFIG=/runtime/config-dir/config.toml",
                "CONTAINERD_SOCKET=/runtime/sock-dir/containerd.sock",
                "RUNTIME=containerd",
                "CONTAINERD_RUNTIME_CLASS=nvidia",
                "RUNTIME_CONFIG=/runtime/config-dir/config.toml",
                "RUNTIME_DROP_IN_CONFIG=/runtime/config-dir.d/99-nvidia.toml",
                "RUNTIME_DROP_IN_CONFIG_HOST_PATH=/etc/containerd/conf.d/99-nvidia.toml",
                "RUNTIME_SOCKET=/runtime/sock-dir/containerd.sock",
            ])
        #expect(try ds.volume("containerd-config").hostPath?.path == "/var/lib/rancher/k3s/agent/etc/containerd")
        #expect(try ds.volume("containerd-socket").hostPath?.path == "/run/k3s/containerd")
        #expect(ds.volumeNames.filter { $0 == "containerd-config" }.count == 1)
    }

    @Test func runtimeConfigSourceFilesAreReadThroughTheHostRoot() throws {
        let ds = try toolkit {
            $0.toolkit.env = [EnvVarSpec(name: "RUNTIME_CONFIG_SOURCE", value: "file=/etc/containerd/base.toml,command")]
        }
        #expect(try ds.container(Self.main).env("RUNTIME_CONFIG_SOURCE") == "file=/host/etc/containerd/base.toml,command")
    }

    @Test func dockerHasAConfigFileAndSocketButNoDropIn() throws {
        let ds = try toolkit(runtime: .docker)
        #expect(
            try Array(env(of: Self.main, in: ds).suffix(5)) == [
                "RUNTIME=docker",
                "RUNTIME_CONFIG=/runtime/config-dir/daemon.json",
                "DOCKER_CONFIG=/runtime/config-dir/daemon.json",
                "RUNTIME_SOCKET=/runtime/sock-dir/docker.sock",
                "DOCKER_SOCKET=/runtime/sock-dir/docker.sock",
            ])
        #expect(try ds.volume("docker-config").hostPath?.path == "/etc/docker")
        #expect(try ds.volume("docker-socket").hostPath?.path == "/var/run")
        #expect(!ds.volumeNames.contains("docker-drop-in-config"))
        #expect(try ds.container(Self.main).env("CONTAINERD_RUNTIME_CLASS") == nil)
    }

    @Test func crioHasADropInButNoSocketAndUsesTheStandardHooksDirectory() throws {
        let ds = try toolkit(runtime: .crio)
        let main = try ds.container(Self.main)
        #expect(main.env("RUNTIME") == "crio")
        #expect(main.env("CRIO_CONFIG") == "/runtime/config-dir/config.toml")
        #expect(main.env("RUNTIME_DROP_IN_CONFIG") == "/runtime/config-dir.d/99-nvidia.conf")
        #expect(main.env("RUNTIME_DROP_IN_CONFIG_HOST_PATH") == "/etc/crio/crio.conf.d/99-nvidia.conf")
        #expect(main.env("CRIO_CONFIG_MODE") == "config")
        #expect(main.env("RUNTIME_SOCKET") == nil)
        #expect(!ds.volumeNames.contains("crio-socket"))
        #expect(try ds.volume("crio-config").hostPath?.path == "/etc/crio")
        #expect(try ds.volume("crio-drop-in-config").hostPath?.path == "/etc/crio/crio.conf.d")
        #expect(try ds.volume("crio-hooks").hostPath?.path == "/usr/share/containers/oci/hooks.d")
    }

    @Test func crioWithoutCDIUsesTheOCIHook() throws {
        let main = try toolkit({ $0.cdi.enabled = false }, runtime: .crio).container(Self.main)
        #expect(main.env("CRIO_CONFIG_MODE") == "hook")
        #expect(main.env("CDI_ENABLED") == nil)
        #expect(main.env("NVIDIA_CONTAINER_RUNTIME_MODE") == nil)
    }

    @Test func containerdWithoutCDISetsNoCDIEnv() throws {
        let main = try toolkit { $0.cdi.enabled = false }.container(Self.main)
        for name in ["CDI_ENABLED", "NVIDIA_RUNTIME_SET_AS_DEFAULT", "NVIDIA_CONTAINER_RUNTIME_MODE", "CRIO_CONFIG_MODE"] {
            #expect(main.env(name) == nil, "\(name)")
        }
    }

    @Test func nriModeMountsOnlyTheNRISocket() throws {
        let ds = try toolkit { $0.cdi.nriPluginEnabled = true }
        let main = try ds.container(Self.main)
        #expect(main.env("ENABLE_NRI_PLUGIN") == "true")
        #expect(main.env("RUNTIME") == "containerd")
        #expect(main.env("NRI_SOCKET") == "/runtime/nri-sock-dir/nri.sock")
        let socket = try ds.volume("nri-socket").hostPath
        #expect(socket?.path == "/var/run/nri")
        #expect(socket?.type == "DirectoryOrCreate")
        #expect(main.mounts(of: "nri-socket").map(\.mountPath) == ["/runtime/nri-sock-dir/"])
        for volume in ["containerd-config", "containerd-drop-in-config", "containerd-socket"] {
            #expect(!ds.volumeNames.contains(volume), "\(volume)")
        }
        for name in ["RUNTIME_CONFIG", "CONTAINERD_CONFIG", "RUNTIME_SOCKET", "CONTAINERD_SOCKET", "CONTAINERD_RUNTIME_CLASS"] {
            #expect(main.env(name) == nil, "\(name)")
        }
    }

    @Test func nriSocketCanBeMovedByUserEnv() throws {
        let ds = try toolkit {
            $0.cdi.nriPluginEnabled = true
            $0.toolkit.env = [EnvVarSpec(name: "NRI_SOCKET", value: "/run/k3s/nri/nri.sock")]
        }
        #expect(try ds.container(Self.main).env("NRI_SOCKET") == "/runtime/nri-sock-dir/nri.sock")
        #expect(try ds.volume("nri-socket").hostPath?.path == "/run/k3s/nri")
    }

    @Test func customInstallDirMovesRootVolumeAndMount() throws {
        let ds = try toolkit { $0.toolkit.installDir = "/opt/nvidia" }
        let main = try ds.container(Self.main)
        #expect(main.env("ROOT") == "/opt/nvidia")
        #expect(main.envNames.filter { $0 == "ROOT" }.count == 1)
        #expect(main.mounts(of: "toolkit-install-dir").map(\.mountPath) == ["/opt/nvidia"])
        #expect(try ds.volume("toolkit-install-dir").hostPath?.path == "/opt/nvidia")
    }

    /// A custom install directory is usually missing on a fresh node; the template's `DirectoryOrCreate`
    /// must survive (upstream only changes the path).
    @Test func customInstallDirKeepsDirectoryOrCreate() throws {
        let ds = try toolkit { $0.toolkit.installDir = "/opt/nvidia" }
        #expect(try ds.volume("toolkit-install-dir").hostPath?.type == "DirectoryOrCreate")
    }

    @Test func toolkitHasNoRuntimeClass() throws {
        #expect(try toolkit().pod.runtimeClassName == nil)
    }

    @Test func driverValidationInitContainerRunsTheValidator() throws {
        let ds = try toolkit()
        let validation = try ds.container("driver-validation")
        #expect(validation.image == ImagePaths.builtInDefaults["VALIDATOR_IMAGE"])
        #expect(validation.securityContext?.runAsUser == 0)
        #expect(validation.env("COMPONENT") == "driver")
    }
}
