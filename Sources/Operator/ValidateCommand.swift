import ArgumentParser
import Foundation
import KubeClient
import Logging
import Validation

/// `operator validate`: one on-node validation check, speaking upstream's `nvidia-validator`
/// protocol (environment, status files). Also what runs when the binary is invoked as
/// `nvidia-validator`, with the component from `COMPONENT`.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Run one node validation check (driver, toolkit, cuda, plugin) and write its status file.",
        discussion: """
            Reads upstream's environment: COMPONENT, WITH_WAIT, SLEEP_INTERVAL_SECONDS, WITH_WORKLOAD, OUTPUT_DIR, \
            NODE_NAME, OPERATOR_NAMESPACE, HOST_ROOT, DRIVER_INSTALL_DIR, DRIVER_INSTALL_DIR_CTR_PATH, MIG_STRATEGY, \
            DISABLE_DEV_CHAR_SYMLINK_CREATION, DRIVER_VALIDATION_SKIP_GPU_INIT. `cuda-workload` is the vector add run \
            inside the CUDA validation pod. A failure exits non-zero and writes its reason to the termination message.
            """
    )

    /// The check; `COMPONENT` when omitted.
    @Option(name: .shortAndLong, help: "driver, toolkit, cuda, plugin or cuda-workload (default: $COMPONENT).")
    var component: String?

    /// An explicit kubeconfig (else KUBECONFIG, ~/.kube/config, then in-cluster).
    @Option(help: "Path to a kubeconfig (default: in-cluster or $KUBECONFIG).")
    var kubeconfig: String?

    /// Where the failure reason goes for the pod's status.
    @Option(help: "Where a failure's reason is written for the pod status.")
    var terminationMessagePath = "/dev/termination-log"

    /// Log level.
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "nvidia-validator")
        let failure = await validate(logger: logger)
        guard let failure else { return }
        logger.error("validation failed", metadata: ["reason": .string(failure.description)])
        Validator.publish(failure, to: terminationMessagePath)
        StandardError.line("validation failed: \(failure)")
        throw ExitCode.failure
    }

    /// Runs the check; returns its failure rather than throwing it.
    private func validate(logger base: Logger) async -> Validation.ValidationError? {
        var logger = base
        let environment = ProcessInfo.processInfo.environment
        let config: ValidationConfig
        let cluster: (any ValidationCluster)?
        do {
            config = try ValidationConfig(environment: environment, component: try parsedComponent())
            cluster = try self.cluster(for: config, logger: logger)
        } catch {
            return error
        }
        logger[metadataKey: "component"] = .string(config.component.rawValue)
        let context = ValidationContext(
            config: config, files: LocalFileSystem(), runner: ProcessCommandRunner(), cluster: cluster, time: .continuous, logger: logger)
        let searchPath = environment["PATH"] ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        do {
            try await Validator.run(context, searchPath: searchPath)
        } catch {
            return error
        }
        print("\(config.component.rawValue) validation passed")
        return nil
    }

    private func parsedComponent() throws(Validation.ValidationError) -> ValidationComponent? {
        guard let component else { return nil }
        guard let parsed = ValidationComponent(rawValue: component) else {
            throw .configuration(
                "unknown component \"\(component)\" (one of \(ValidationComponent.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return parsed
    }

    /// The API client the check needs: required for cuda and plugin, optional for driver (which asks
    /// only whether the driver is the operator's), none otherwise.
    private func cluster(for config: ValidationConfig, logger: Logger) throws(Validation.ValidationError) -> (any ValidationCluster)? {
        guard [.driver, .cuda, .plugin].contains(config.component) else { return nil }
        do {
            return KubeValidationCluster(client: try KubeClient.infer(kubeconfigPath: kubeconfig, logger: logger))
        } catch {
            if config.component == .driver {
                logger.notice(
                    "no Kubernetes API; a containerized driver is validated without asking who manages it", metadata: ["reason": .string("\(error)")])
                return nil
            }
            throw .configuration("cannot reach the Kubernetes API: \(error)")
        }
    }
}
