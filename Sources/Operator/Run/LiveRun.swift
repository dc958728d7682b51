import ArgumentParser
import CoreMetrics
import Foundation
import KubeClient
import Logging
import Manifests
import Prometheus
import Reconcilers

/// The operator's main job: connect, install the CRD, then (as leader) run the control loop until
/// SIGTERM, serving health probes and metrics throughout.
struct LiveRun {
    var kubeconfig: String?
    var context: String?
    var namespace: String
    var installCRD: Bool
    var leaderElect: Bool
    var metricsAddress: String
    var probeAddress: String
    var nodeWorkers: Int
    /// How long an unreachable API server is retried at start before the process exits 1.
    var startupTimeout: Duration
    var logger: Logger
    var registry: PrometheusCollectorRegistry

    /// Runs until a signal arrives or the lease is lost.
    /// - Throws: `ExitCode.failure` when the client cannot be configured or leadership is lost.
    func run() async throws {
        let client: KubeClient
        do {
            client = try KubeClient.infer(kubeconfigPath: kubeconfig, context: context, logger: logger)
        } catch {
            logger.critical("\(StartupFailure.fatalExplanation(error) ?? "cannot configure the Kubernetes client: \(error)")")
            throw ExitCode.failure
        }
        let version = try await retrying("read the Kubernetes version", giveUpAfter: startupTimeout) { try await ServerVersion.read(client) }
        logger.info("connected", metadata: ["kubernetes": .string(version), "namespace": .string(namespace)])
        let imageEnvironment = ProcessInfo.processInfo.environment.filter { ImagePaths.builtInDefaults.keys.contains($0.key) && !$0.value.isEmpty }
        var options = ControllerOptions(namespace: namespace, imageEnvironment: imageEnvironment)
        options.nodeWorkers = nodeWorkers
        // The process's clocks, injected here at the edge; the control loop reads time only through them.
        let time = TimeSource.continuous
        let wallClock: @Sendable () -> Date = { Date() }
        let controllerContext = ControllerContext(
            client: client, options: options, kubernetesVersion: version, logger: logger, metrics: OperatorMetrics(), time: time,
            wallClock: wallClock)
        let controller = OperatorController(context: controllerContext)
        let registry = self.registry
        let leaderElect = self.leaderElect
        // Not ready while the API server does not answer (`serverSilence`): the probe says what the logs say.
        let answers = HealthServer.Answers(
            isReady: { (client.serverSilence ?? .zero) < APIWatchdog.threshold && (leaderElect || controller.isReady) },
            metrics: { registry.emitToBuffer() })
        let logger = self.logger

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await SignalWaiter.wait() }
            group.addTask { await APIWatchdog(client: client, time: time, logger: logger).run() }
            group.addTask { await HeapTrimmer(time: time).run() }
            group.addTask {
                try await HealthServer(answers: answers).run(host: Self.host(probeAddress), port: Self.port(probeAddress, default: 8081)) { port in
                    logger.info("health probes listening", metadata: ["address": .string("\(Self.host(probeAddress)):\(port)")])
                }
            }
            if metricsAddress != probeAddress {
                group.addTask {
                    try await HealthServer(answers: answers).run(host: Self.host(metricsAddress), port: Self.port(metricsAddress, default: 8080))
                }
            }
            group.addTask {
                let work: @Sendable () async throws -> Void = {
                    if installCRD {
                        try await retrying("install the ClusterPolicy CRD") { try await CRDInstaller(client: client, logger: logger).ensure() }
                    }
                    await controller.run()
                }
                if leaderElect {
                    let identity = (ProcessInfo.processInfo.hostName) + "_" + UUID().uuidString.prefix(8).lowercased()
                    try await LeaderElector(
                        client: client, namespace: namespace, identity: identity, logger: logger, time: time, wallClock: wallClock
                    ).run(work)
                } else {
                    try await work()
                }
            }
            defer { group.cancelAll() }
            do {
                try await group.next()
                logger.info("shutting down")
            } catch let error as LeaderElector.LeadershipLost {
                logger.critical("\(error)")
                throw ExitCode.failure
            }
        }
    }

    /// Retries `operation` with exponential backoff (1 s doubling to 30 s) until it succeeds, the task
    /// is cancelled or, with `giveUpAfter`, that much time has passed, logging each failure. A failure
    /// that means the configuration cannot work (``StartupFailure``) ends the process at once.
    /// - Throws: `ExitCode.failure` after logging one line saying what is wrong and what to check.
    @discardableResult
    private func retrying<T>(_ what: String, giveUpAfter limit: Duration? = nil, _ operation: () async throws -> T) async throws -> T {
        let clock = ContinuousClock()
        let deadline = limit.map { clock.now + $0 }
        var delay = Duration.seconds(1)
        while true {
            do {
                return try await operation()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                if let fatal = StartupFailure.fatalExplanation(error) {
                    logger.critical("could not \(what): \(fatal)")
                    throw ExitCode.failure
                }
                if let deadline, let limit, clock.now >= deadline {
                    logger.critical(
                        "could not \(what) within \(limit): \(error); check that the API server is up and its address in the kubeconfig")
                    throw ExitCode.failure
                }
                let wait = deadline.map { min(delay, max($0 - clock.now, .zero)) } ?? delay
                logger.warning("could not \(what); retrying", metadata: ["error": .string("\(error)"), "retry_in": .string("\(wait)")])
                try await Task.sleep(for: wait)
                delay = min(delay * 2, .seconds(30))
            }
        }
    }

    static func host(_ address: String) -> String {
        let host = String(address.prefix { $0 != ":" })
        return host.isEmpty ? "0.0.0.0" : host
    }

    static func port(_ address: String, default defaultPort: Int) -> Int {
        address.split(separator: ":").last.flatMap { Int($0) } ?? defaultPort
    }
}
