import KubeModels

/// Points the toolkit at the node's container runtime: `RUNTIME`, the runtime's config file, drop-in
/// directory and socket, each mounted from the host under `/runtime/...` (reference §4.3,
/// `transformForRuntime`). User env such as `CONTAINERD_CONFIG` or `CONTAINERD_SOCKET` (k3s, RKE2,
/// microk8s) moves the host paths and is rewritten to the container paths.
enum ToolkitRuntimeConfig {
    /// Host paths a runtime uses by default.
    struct Defaults {
        var config: String
        var dropIn: String?
        var socket: String?
    }

    static func defaults(for runtime: ContainerRuntime) -> Defaults {
        switch runtime {
        case .containerd:
            Defaults(
                config: "/etc/containerd/config.toml", dropIn: "/etc/containerd/conf.d/99-nvidia.toml",
                socket: "/run/containerd/containerd.sock")
        case .docker:
            Defaults(config: "/etc/docker/daemon.json", dropIn: nil, socket: "/var/run/docker.sock")
        case .crio:
            Defaults(config: "/etc/crio/config.toml", dropIn: "/etc/crio/crio.conf.d/99-nvidia.conf", socket: nil)
        }
    }

    static func apply(_ pod: inout PodSpec, container name: String, runtime: ContainerRuntime, _ context: RenderContext) throws(RenderError) {
        let prefix = runtime.rawValue.uppercased()
        let defaults = defaults(for: runtime)
        var volumes: [Volume] = []
        try pod.editContainer(named: name) { container in
            container.setEnv("RUNTIME", runtime.rawValue)
            if context.isNRIEnabled {
                let socket = nonEmpty(container.envValue("NRI_SOCKET")) ?? "/var/run/nri/nri.sock"
                container.setEnv("NRI_SOCKET", "/runtime/nri-sock-dir/\(basename(socket))")
                container.setVolumeMount(VolumeMount(name: "nri-socket", mountPath: "/runtime/nri-sock-dir/"))
                volumes.append(.hostPath("nri-socket", path: dirname(socket), type: "DirectoryOrCreate"))
                return
            }
            if runtime == .containerd { container.setEnv("CONTAINERD_RUNTIME_CLASS", context.runtimeClassName) }

            let config = nonEmpty(container.envValue("\(prefix)_CONFIG")) ?? nonEmpty(container.envValue("RUNTIME_CONFIG")) ?? defaults.config
            let configPath = "/runtime/config-dir/\(basename(config))"
            container.setEnv("RUNTIME_CONFIG", configPath)
            container.setEnv("\(prefix)_CONFIG", configPath)
            container.setVolumeMount(VolumeMount(name: "\(runtime.rawValue)-config", mountPath: "/runtime/config-dir/"))
            volumes.append(.hostPath("\(runtime.rawValue)-config", path: dirname(config), type: "DirectoryOrCreate"))

            if let defaultDropIn = defaults.dropIn {
                let dropIn = nonEmpty(container.envValue("RUNTIME_DROP_IN_CONFIG")) ?? defaultDropIn
                container.setEnv("RUNTIME_DROP_IN_CONFIG", "/runtime/config-dir.d/\(basename(dropIn))")
                container.setEnv("RUNTIME_DROP_IN_CONFIG_HOST_PATH", dropIn)
                container.setVolumeMount(VolumeMount(name: "\(runtime.rawValue)-drop-in-config", mountPath: "/runtime/config-dir.d/"))
                volumes.append(.hostPath("\(runtime.rawValue)-drop-in-config", path: dirname(dropIn), type: "DirectoryOrCreate"))
            }

            if let source = container.envValue("RUNTIME_CONFIG_SOURCE"), !source.isEmpty {
                container.setEnv("RUNTIME_CONFIG_SOURCE", rewriteConfigSources(source))
            }

            if let defaultSocket = defaults.socket {
                let socket = nonEmpty(container.envValue("\(prefix)_SOCKET")) ?? defaultSocket
                let socketPath = "/runtime/sock-dir/\(basename(socket))"
                container.setEnv("RUNTIME_SOCKET", socketPath)
                container.setEnv("\(prefix)_SOCKET", socketPath)
                container.setVolumeMount(VolumeMount(name: "\(runtime.rawValue)-socket", mountPath: "/runtime/sock-dir/"))
                volumes.append(.hostPath("\(runtime.rawValue)-socket", path: dirname(socket)))
            }
        }
        for volume in volumes { pod.setVolume(volume) }
    }

    /// Rewrites `file=<path>` entries of `RUNTIME_CONFIG_SOURCE` to the host root mounted at `/host`.
    static func rewriteConfigSources(_ value: String) -> String {
        value.split(separator: ",", omittingEmptySubsequences: false).map { entry in
            entry.hasPrefix("file=") ? "file=/host" + entry.dropFirst("file=".count) : String(entry)
        }.joined(separator: ",")
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    static func basename(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }
}
