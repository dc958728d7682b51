import KubeClient
import Logging

/// Everything a check reads or calls besides its own logic: configuration, the file system, the
/// command runner, the cluster, time and the logger. Tests replace each piece.
package struct ValidationContext: Sendable {
    /// The run's configuration.
    package var config: ValidationConfig
    /// Files (status files, host paths).
    package var files: any ValidationFileSystem
    /// Runs `nvidia-smi` and friends.
    package var runner: any CommandRunner
    /// The Kubernetes API; `nil` where no check of this run needs it.
    package var cluster: (any ValidationCluster)?
    /// Injected time for every wait.
    package var time: TimeSource
    /// Where progress is logged.
    package var logger: Logger
    /// Run the host's `nvidia-smi` through `chroot` into the host root (as in the pod); tests run the
    /// fake binary directly instead.
    package var chrootIntoHost: Bool
    /// The kernel's loaded-module list (`/proc/modules`).
    package var modulesFile: String

    /// Creates a context.
    package init(
        config: ValidationConfig, files: any ValidationFileSystem, runner: any CommandRunner, cluster: (any ValidationCluster)?,
        time: TimeSource, logger: Logger, chrootIntoHost: Bool = true, modulesFile: String = "/proc/modules"
    ) {
        self.config = config
        self.files = files
        self.runner = runner
        self.cluster = cluster
        self.time = time
        self.logger = logger
        self.chrootIntoHost = chrootIntoHost
        self.modulesFile = modulesFile
    }

    /// The cluster, or a configuration error naming the check that needs it.
    package func requireCluster(for check: String) throws(ValidationError) -> any ValidationCluster {
        guard let cluster else { throw .configuration("the \(check) check needs the Kubernetes API (in-cluster or KUBECONFIG)") }
        return cluster
    }
}
