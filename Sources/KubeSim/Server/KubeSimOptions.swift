/// How a ``KubeSimServer`` starts: listening, the simulated cluster's nodes and node facts, pod
/// readiness timing and the watch history window.
package struct KubeSimOptions: Sendable {
    /// TCP port on 127.0.0.1; 0 picks a free one (read it back from ``KubeSimServer/url``).
    package var port = 0
    /// Serve HTTPS with a generated CA and client-certificate auth; `false` serves plain HTTP
    /// (bearer tokens still required).
    package var useTLS = true
    /// Number of simulated GPU nodes (`gpu-node-0001`, ...).
    package var gpuNodes = 0
    /// Number of simulated CPU-only nodes (`cpu-node-0001`, ...).
    package var cpuNodes = 0
    /// How much of a real node the simulated nodes carry (``NodeFactory/Detail``).
    package var nodeDetail = NodeFactory.Detail.minimal
    /// Background churn started with the server (``ChurnSettings``; rate 0 is none).
    package var churn = ChurnSettings()
    /// Keep every successful write request for `GET /kubesim/writes` (``WriteLog``).
    package var recordWrites = false
    /// Container runtime reported by nodes: `containerd`, `cri-o` or `docker`.
    package var runtime = "containerd"
    /// Kubernetes distribution the nodes report: `kubernetes`, `k3s`, `rke2`, `microk8s` or `k0s`
    /// (``NodeFactory/Distribution``).
    package var distribution = "kubernetes"
    /// containerd version the nodes report (with the runtime `containerd`).
    package var containerdVersion = "1.7.20"
    /// Node OS as `<ID><VERSION_ID>`, e.g. `ubuntu22.04` or `rhel9.4`.
    package var os = "ubuntu22.04"
    /// Node kernel version.
    package var kernel = "5.15.0-105-generic"
    /// How long a simulated pod stays Pending before it is Running and Ready; with zero, DaemonSet
    /// pods are created already Running and Ready (one write per pod instead of two).
    package var podReadyDelay: Duration = .milliseconds(500)
    /// Events kept per resource for resuming watches; older resourceVersions get 410 Gone.
    package var historyWindow = 10_000
    /// Extra bearer tokens accepted besides the generated one.
    package var tokens: [String] = []
    /// Authorize service accounts (tokens from the TokenRequest API) against the stored Roles,
    /// ClusterRoles and bindings, with escalation prevention; the admin credentials stay unrestricted.
    package var rbac = false
    /// How often a watch that asked for bookmarks receives one.
    package var bookmarkInterval: Duration = .seconds(5)
    /// Seed for generated names and uids; `nil` uses system randomness.
    package var randomSeed: UInt64?

    /// Creates the default options: HTTPS on a free port, no nodes.
    package init() {}
}
