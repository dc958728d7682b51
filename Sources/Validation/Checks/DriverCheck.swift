import KubeClient
import Logging

/// The driver check (`COMPONENT=driver`): a host-installed driver answers `nvidia-smi` under the
/// host root, or the containerized driver's pod is ready (`.driver-ctr-ready`) and its own
/// `nvidia-smi` answers; then extra driver modules, `/dev/char` symlinks, and `driver-ready`.
package struct DriverCheck: Sendable {
    /// The shared collaborators.
    package var context: ValidationContext

    /// Creates the check.
    package init(context: ValidationContext) { self.context = context }

    private var config: ValidationConfig { context.config }
    private var files: any ValidationFileSystem { context.files }

    /// Runs the check.
    /// - Returns: the driver's location, as written to `driver-ready`.
    /// - Throws: ``ValidationError`` naming what was missing.
    @discardableResult
    package func run() async throws(ValidationError) -> DriverInfo {
        let statusPath = joinPath(config.outputDirectory, "driver-ready")
        try files.remove(statusPath)
        var disableSymlinks = config.disableDevCharSymlinks
        let info: DriverInfo
        let hostAttempt = await validateHostDriver()
        switch hostAttempt {
        case .wsl:
            context.logger.info("WSL2 system detected; assuming the driver is pre-installed")
            disableSymlinks = true
            info = .host(hostRoot: config.hostRoot)
        case .passed:
            context.logger.info("pre-installed driver on the host answers", metadata: ["host.root": .string(config.hostRoot)])
            info = .host(hostRoot: config.hostRoot)
        case .failed(let reason):
            context.logger.info(
                "no working pre-installed driver on the host; validating the containerized one", metadata: ["reason": .string(reason)])
            info = try await validateContainerDriver(hostFailure: reason)
        }
        if !disableSymlinks { try DevCharLinks(context: context).create(for: info) }
        try files.writeAtomically(statusPath, contents: info.statusFileContents)
        context.logger.info("driver validated", metadata: ["status.file": .string(statusPath), "host.driver": .stringConvertible(info.isHostDriver)])
        return info
    }

    private enum HostResult {
        case wsl, passed
        case failed(String)
    }

    private var smiArguments: [String] { config.skipGPUInit ? ["--version"] : [] }

    private func validateHostDriver() async -> HostResult {
        let mount = config.hostRootMount
        if files.isNonEmptyExecutable(joinPath(mount, DriverPaths.wslNvidiaSMI)) { return .wsl }
        guard let smi = DriverPaths.firstExecutable(DriverPaths.hostNvidiaSMI, under: mount, in: files) else {
            return .failed(
                ValidationError.binaryNotFound(name: "nvidia-smi", searched: DriverPaths.hostNvidiaSMI.map { joinPath(mount, $0) }).description)
        }
        let command =
            context.chrootIntoHost
            ? ValidationCommand(executable: "/usr/sbin/chroot", arguments: [mount, smi] + smiArguments, timeout: config.commandTimeout)
            : ValidationCommand(executable: joinPath(mount, smi), arguments: smiArguments, timeout: config.commandTimeout)
        if let failure = await context.runner.run(command).failure {
            return .failed(ValidationError.commandFailed(command: command.description, reason: failure).description)
        }
        return .passed
    }

    private func validateContainerDriver(hostFailure: String) async throws(ValidationError) -> DriverInfo {
        // Only a driver DaemonSet of the operator in its namespace means a driver container to wait for.
        let managed = config.namespace.isEmpty ? false : try await context.cluster?.driverManagedByOperator(namespace: config.namespace) ?? false
        let readyFile = joinPath(config.outputDirectory, ".driver-ctr-ready")
        let waiter = Waiter(time: context.time, interval: config.sleepInterval)
        let attempts: Int? = config.withWait ? nil : 1
        if managed {
            try await waiter.until("the driver container to be ready (\(readyFile))", attempts: attempts) {
                () throws(ValidationError) -> Attempt<Void> in
                files.exists(readyFile) ? .done(()) : .retry("\(readyFile) does not exist")
            }
        }
        let root = config.driverInstallDirectoryMount
        try await waiter.until("the driver to answer", attempts: attempts) { () throws(ValidationError) -> Attempt<Void> in
            guard let smi = DriverPaths.firstExecutable(DriverPaths.driverRootNvidiaSMI, under: root, in: files) else {
                let missing = ValidationError.binaryNotFound(
                    name: "nvidia-smi", searched: DriverPaths.driverRootNvidiaSMI.map { joinPath(root, $0) })
                return .retry("no host driver (\(hostFailure)); \(missing)")
            }
            let library = DriverPaths.libraryDirectories.map { joinPath(joinPath(root, $0), DriverPaths.managementLibrary) }.first(
                where: files.exists)
            guard let library else {
                return .retry("\(DriverPaths.managementLibrary) not found under \(root) (\(DriverPaths.libraryDirectories.joined(separator: ", ")))")
            }
            let command = ValidationCommand(
                executable: joinPath(root, smi), arguments: smiArguments, environment: ["LD_PRELOAD": library], timeout: config.commandTimeout)
            if let failure = await context.runner.run(command).failure { return .retry("\(command) failed: \(failure)") }
            return .done(())
        }
        if managed { try await DriverModules(context: context).validate(readyFile: readyFile) }
        return .container(
            installDirectory: config.driverInstallDirectory, hostRoot: config.hostRoot,
            devicesInDriverRoot: files.exists(joinPath(root, "/dev/nvidiactl")))
    }
}
