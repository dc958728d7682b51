import Foundation

/// A validator run's settings, read from upstream's environment variables (pure).
package struct ValidationConfig: Sendable, Hashable {
    /// What to check.
    package var component: ValidationComponent
    /// Retry until the check passes (`WITH_WAIT`), else fail at the first failure.
    package var withWait: Bool
    /// Seconds between attempts (`SLEEP_INTERVAL_SECONDS`, default 5).
    package var sleepInterval: Duration
    /// Run a workload pod in the plugin check (`WITH_WORKLOAD`, default true).
    package var withWorkload: Bool
    /// Where status files live (`OUTPUT_DIR`, default `/run/nvidia/validations`).
    package var outputDirectory: String
    /// This node (`NODE_NAME`).
    package var nodeName: String
    /// The operator's namespace (`OPERATOR_NAMESPACE`).
    package var namespace: String
    /// The host's root on the host (`HOST_ROOT`, default `/`), written into `driver-ready`.
    package var hostRoot: String
    /// Where the host root is mounted in this container (`/host`).
    package var hostRootMount: String
    /// The containerized driver's root on the host (`DRIVER_INSTALL_DIR`, default `/run/nvidia/driver`).
    package var driverInstallDirectory: String
    /// The same directory in this container (`DRIVER_INSTALL_DIR_CTR_PATH`, default `/run/nvidia/driver`).
    package var driverInstallDirectoryMount: String
    /// `single`, `mixed` or `none` (`MIG_STRATEGY`, default `single`).
    package var migStrategy: String
    /// Skip the `/dev/char` symlinks (`DISABLE_DEV_CHAR_SYMLINK_CREATION`).
    package var disableDevCharSymlinks: Bool
    /// Run `nvidia-smi --version`, which needs no GPU owned by the driver (`DRIVER_VALIDATION_SKIP_GPU_INIT`).
    package var skipGPUInit: Bool
    /// Where `/dev/char` of the host is mounted (`/host-dev-char`).
    package var hostDevChar: String
    /// The longest one command (`nvidia-smi`) may run (`COMMAND_TIMEOUT_SECONDS`, default 60).
    package var commandTimeout: Duration
    /// Attempts of a bounded wait (pods, capacity), each `sleepInterval` apart.
    package var podWaitAttempts: Int
    /// Attempts of the plugin check's capacity wait.
    package var capacityWaitAttempts: Int
    /// The image, pull policy, pull secrets and runtime class of workload pods (`VALIDATOR_IMAGE*`).
    package var workloadImage: String
    /// `VALIDATOR_IMAGE_PULL_POLICY`.
    package var workloadPullPolicy: String?
    /// `VALIDATOR_IMAGE_PULL_SECRETS`, comma-separated.
    package var workloadPullSecrets: [String]
    /// `VALIDATOR_RUNTIME_CLASS`.
    package var workloadRuntimeClass: String?

    /// Reads the configuration from an environment.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - component: the component when given on the command line (else `COMPONENT`).
    /// - Throws: ``ValidationError/configuration(_:)`` for a missing or unknown component, a bad
    ///   number, or a cluster check without `NODE_NAME`/`OPERATOR_NAMESPACE`.
    package init(environment: [String: String], component: ValidationComponent? = nil) throws(ValidationError) {
        let named = environment["COMPONENT"] ?? ""
        guard let resolved = component ?? ValidationComponent(rawValue: named) else {
            throw .configuration(
                named.isEmpty
                    ? "COMPONENT is not set (one of \(ValidationComponent.allCases.map(\.rawValue).joined(separator: ", ")))"
                    : "unknown COMPONENT \"\(named)\"")
        }
        self.component = resolved
        withWait = try Self.flag(environment, "WITH_WAIT", default: false)
        sleepInterval = .seconds(try Self.number(environment, "SLEEP_INTERVAL_SECONDS", default: 5))
        withWorkload = try Self.flag(environment, "WITH_WORKLOAD", default: true)
        outputDirectory = Self.text(environment, "OUTPUT_DIR") ?? "/run/nvidia/validations"
        nodeName = Self.text(environment, "NODE_NAME") ?? ""
        namespace = Self.text(environment, "OPERATOR_NAMESPACE") ?? ""
        hostRoot = Self.text(environment, "HOST_ROOT") ?? "/"
        hostRootMount = Self.text(environment, "HOST_ROOT_CTR_PATH") ?? "/host"
        driverInstallDirectory = Self.text(environment, "DRIVER_INSTALL_DIR") ?? "/run/nvidia/driver"
        driverInstallDirectoryMount = Self.text(environment, "DRIVER_INSTALL_DIR_CTR_PATH") ?? "/run/nvidia/driver"
        migStrategy = Self.text(environment, "MIG_STRATEGY") ?? "single"
        disableDevCharSymlinks = try Self.flag(environment, "DISABLE_DEV_CHAR_SYMLINK_CREATION", default: false)
        skipGPUInit = try Self.flag(environment, "DRIVER_VALIDATION_SKIP_GPU_INIT", default: false)
        hostDevChar = Self.text(environment, "HOST_DEV_CHAR_PATH") ?? "/host-dev-char"
        commandTimeout = .seconds(try Self.number(environment, "COMMAND_TIMEOUT_SECONDS", default: 60))
        podWaitAttempts = try Self.number(environment, "POD_WAIT_ATTEMPTS", default: 60)
        capacityWaitAttempts = try Self.number(environment, "CAPACITY_WAIT_ATTEMPTS", default: 30)
        workloadImage = Self.text(environment, "VALIDATOR_IMAGE") ?? ""
        workloadPullPolicy = Self.text(environment, "VALIDATOR_IMAGE_PULL_POLICY")
        workloadPullSecrets = (Self.text(environment, "VALIDATOR_IMAGE_PULL_SECRETS") ?? "").split(separator: ",").map(String.init)
        workloadRuntimeClass = Self.text(environment, "VALIDATOR_RUNTIME_CLASS")
        if resolved == .cuda || resolved == .plugin {
            guard !nodeName.isEmpty else { throw .configuration("NODE_NAME must be set for the \(resolved.rawValue) check") }
            guard !namespace.isEmpty else { throw .configuration("OPERATOR_NAMESPACE must be set for the \(resolved.rawValue) check") }
        }
    }

    private static func text(_ environment: [String: String], _ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    private static func flag(_ environment: [String: String], _ name: String, default value: Bool) throws(ValidationError) -> Bool {
        guard let text = text(environment, name) else { return value }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw .configuration("\(name) must be true or false, not \"\(text)\"")
        }
    }

    private static func number(_ environment: [String: String], _ name: String, default value: Int) throws(ValidationError) -> Int {
        guard let text = text(environment, name) else { return value }
        guard let number = Int(text), number >= 0 else { throw .configuration("\(name) must be a whole number ≥ 0, not \"\(text)\"") }
        return number
    }
}
