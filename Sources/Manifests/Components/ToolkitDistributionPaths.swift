/// The container toolkit environment each distribution's containerd needs, applied when the policy's
/// `toolkit.env` does not set the variable. Sources: k3s and RKE2 (`/var/lib/rancher/<k3s|rke2>/agent/etc/
/// containerd/config.toml.tmpl`, `config-v3.toml.tmpl` from containerd 2, socket `/run/k3s/containerd/
/// containerd.sock`), microk8s (`/var/snap/microk8s/current/args/containerd-template.toml`, socket
/// `/var/snap/microk8s/common/run/containerd.sock`), k0s (drop-ins in `/etc/k0s/containerd.d/`, socket
/// `/run/k0s/containerd.sock`, its own containerd binary), as each distribution documents them and
/// NVIDIA's install guides set them by hand.
enum ToolkitDistributionPaths {
    /// Variable → value for a flavour; empty for upstream Kubernetes and for runtimes other than containerd.
    static func environment(for flavor: RuntimeFlavor) -> [(String, String)] {
        guard flavor.runtime == .containerd else { return [] }
        let template = (flavor.containerdMajor ?? 1) >= 2 ? "config-v3.toml.tmpl" : "config.toml.tmpl"
        switch flavor.distribution {
        case .kubernetes:
            return []
        case .k3s, .rke2:
            let directory = "/var/lib/rancher/\(flavor.distribution.rawValue)/agent/etc/containerd"
            return [
                ("CONTAINERD_CONFIG", "\(directory)/\(template)"),
                ("CONTAINERD_SOCKET", "/run/k3s/containerd/containerd.sock"),
                // The embedded containerd has no `containerd config dump`: read the config it generated.
                ("RUNTIME_CONFIG_SOURCE", "file=\(directory)/config.toml"),
            ]
        case .microk8s:
            return [
                ("CONTAINERD_CONFIG", "/var/snap/microk8s/current/args/containerd-template.toml"),
                ("CONTAINERD_SOCKET", "/var/snap/microk8s/common/run/containerd.sock"),
                ("RUNTIME_CONFIG_SOURCE", "file=/var/snap/microk8s/current/args/containerd-template.toml"),
            ]
        case .k0s:
            return [
                ("CONTAINERD_CONFIG", "/etc/k0s/containerd.d/nvidia.toml"),
                ("CONTAINERD_SOCKET", "/run/k0s/containerd.sock"),
                ("RUNTIME_EXECUTABLE_PATH", "/var/lib/k0s/bin/containerd"),
            ]
        }
    }
}
