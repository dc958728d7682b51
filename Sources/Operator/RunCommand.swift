import ArgumentParser
import CoreMetrics
import Foundation
import Logging
import Manifests
import Prometheus

/// `operator run` (the default): runs the operator against a cluster, or with `--dry-run` prints every
/// object it would apply.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the operator, or render every object offline with --dry-run."
    )

    @Flag(help: "Render every object the operator would apply and print it; write nothing to any cluster.")
    var dryRun = false

    @Option(name: [.customShort("f"), .customLong("filename")], help: "ClusterPolicy YAML file for --dry-run, or - for standard input.")
    var file: String?

    @Flag(help: "Treat unknown policy fields as errors instead of warnings.")
    var strict = false

    @Flag(help: "With --dry-run: read the cluster facts from the live cluster (read-only; implied by --kubeconfig, --diff and --plan).")
    var live = false

    @Flag(help: "With --dry-run: print a unified diff per object the policy would create, change or delete; exit 2 on changes.")
    var diff = false

    @Flag(help: "With --dry-run: print what would happen on each node (restarts, driver upgrades, pulls); exit 2 on changes.")
    var plan = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output of --dry-run: yaml (multi-document) or json (a v1 List).")
    var output: RenderOutput.Format = .yaml

    @OptionGroup(title: "Cluster facts (for --dry-run)")
    var facts: FactsOptions

    @Option(help: "Kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, then the in-cluster service account).")
    var kubeconfig: String?

    @Option(help: "Kubeconfig context to use instead of the current one.")
    var context: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .info

    @Flag(inversion: .prefixedNo, help: "Create or upgrade the ClusterPolicy CRD at start when the served one is missing or older.")
    var installCRD = true

    @Flag(help: "Run only while holding the leader Lease (for more than one replica).")
    var leaderElect = false

    @Option(help: "Address of the metrics endpoint.")
    var metricsBindAddress = ":8080"

    @Option(help: "Address of the /healthz and /readyz probes.")
    var healthProbeBindAddress = ":8081"

    @Option(help: "Nodes labelled in parallel.")
    var nodeWorkers = 32

    @Option(help: "Seconds an unreachable API server is retried at start before exiting 1 (later outages are ridden out).")
    var startupTimeout = 60

    func validate() throws {
        if dryRun && file == nil { throw ValidationError("--dry-run needs -f FILE (or -f - for standard input)") }
        if !dryRun && file != nil { throw ValidationError("-f is only used with --dry-run") }
        if !dryRun && (live || diff || plan) { throw ValidationError("--live, --diff and --plan are only used with --dry-run") }
        if nodeWorkers < 1 { throw ValidationError("--node-workers must be at least 1") }
        if startupTimeout < 1 { throw ValidationError("--startup-timeout must be at least 1") }
    }

    func run() async throws {
        guard dryRun, let file else {
            try await runLive()
            return
        }
        let input = PolicyInputOptions(file: file, strict: strict)
        let loaded = try input.load()
        if live || diff || plan || kubeconfig != nil {
            try await liveDryRun(loaded, file: input.displayName)
            return
        }
        let result = try DryRun.render(loaded, facts: try facts.resolve(), file: input.displayName)
        StandardOutput.write(try RenderOutput.format(result, as: output))
    }

    /// The dry run against a live cluster; logs go to standard error at warning level and above.
    private func liveDryRun(_ loaded: ClusterPolicyLoader.Loaded, file: String) async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        try await LiveDryRun(
            kubeconfig: kubeconfig, context: context, facts: try facts.resolve(), showDiff: diff, showPlan: plan, output: output,
            logger: Logger(label: "gpu-operator-dry-run")
        ).run(loaded, file: file)
    }
}

extension RunCommand {
    /// Bootstraps logging and metrics, then runs the control loop.
    private func runLive() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        var logger = Logger(label: "gpu-operator")
        logger[metadataKey: "component"] = "operator"
        let namespace =
            facts.namespace ?? ProcessInfo.processInfo.environment["OPERATOR_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? "gpu-operator"
        try await LiveRun(
            kubeconfig: kubeconfig, context: context, namespace: namespace, installCRD: installCRD, leaderElect: leaderElect,
            metricsAddress: metricsBindAddress, probeAddress: healthProbeBindAddress, nodeWorkers: nodeWorkers,
            startupTimeout: .seconds(startupTimeout), logger: logger,
            registry: registry
        ).run()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension PolicyInputOptions {
    /// Creates options programmatically.
    init(file: String, strict: Bool) {
        self.init()
        self.file = file
        self.strict = strict
    }

    /// The name used in messages.
    var displayName: String { file == "-" ? "<stdin>" : file }
}

extension RenderOutput.Format: ExpressibleByArgument {}
