import ArgumentParser
import Foundation
import KubeSim
import Logging

/// The `kube-sim` executable.
@main
struct KubeSimCommand: AsyncParsableCommand {
    /// The command line shape.
    static let configuration = CommandConfiguration(
        commandName: "kube-sim",
        abstract: "A loopback Kubernetes API server with simulated nodes, for tests, demos and benchmarks.",
        subcommands: [Serve.self],
        defaultSubcommand: Serve.self)
}

/// `kube-sim serve`: runs a server until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    /// The subcommand description.
    static let configuration = CommandConfiguration(abstract: "Serve the Kubernetes API on 127.0.0.1 and print 'ready <url>' once listening.")

    /// Listening port.
    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 0

    /// Where to write a kubeconfig.
    @Option(name: .customLong("kubeconfig-out"), help: "Write a kubeconfig for the server to this path.")
    var kubeconfigOut: String?

    /// Whether the kubeconfig uses the token.
    @Flag(name: .customLong("kubeconfig-use-token"), help: "Make the written kubeconfig use the bearer token instead of the client certificate.")
    var kubeconfigUseToken = false

    /// Plain HTTP instead of HTTPS.
    @Flag(help: "Serve plain HTTP instead of HTTPS (bearer tokens are still required).")
    var http = false

    /// Simulated GPU nodes.
    @Option(name: .customLong("gpu-nodes"), help: "Number of simulated GPU nodes.")
    var gpuNodes = 0

    /// Simulated CPU nodes.
    @Option(name: .customLong("cpu-nodes"), help: "Number of simulated CPU-only nodes.")
    var cpuNodes = 0

    /// How much of a real node the simulated nodes carry.
    @Option(
        name: .customLong("node-profile"),
        help: "minimal (about 14 labels, 3 KB per node) or realistic (NFD, GFD, cloud labels, 30-50 images, managedFields: 15-30 KB per GPU node).")
    var nodeProfile = "minimal"

    /// Background churn rate.
    @Option(
        name: .customLong("churn-rate"),
        help: "Background node changes per second: kubelet status updates, NFD label rewrites, CPU nodes joining and leaving (0: none).")
    var churnRate = 0.0

    /// NFD share of the churn.
    @Option(name: .customLong("churn-nfd-fraction"), help: "Share of churn changes that are NFD/GFD label rewrites.")
    var churnNFDFraction = 0.2

    /// Join/leave share of the churn.
    @Option(name: .customLong("churn-join-leave-fraction"), help: "Share of churn changes that are CPU nodes joining or leaving.")
    var churnJoinLeaveFraction = 0.02

    /// Write recording.
    @Flag(name: .customLong("record-writes"), help: "Keep every successful write request for GET /kubesim/writes (benchmarks).")
    var recordWrites = false

    /// Node container runtime.
    @Option(help: "Container runtime of the nodes: containerd, cri-o or docker.")
    var runtime = "containerd"

    /// RBAC for service accounts.
    @Flag(help: "Authorize service-account tokens (kubectl create token) against the stored RBAC objects; the admin credentials stay unrestricted.")
    var rbac = false

    /// Node distribution.
    @Option(help: "Kubernetes distribution the nodes report: kubernetes, k3s, rke2, microk8s or k0s (kubelet version, labels, annotations).")
    var distribution = "kubernetes"

    /// Node containerd version.
    @Option(name: .customLong("containerd-version"), help: "containerd version the nodes report, e.g. 2.0.4.")
    var containerdVersion = "1.7.20"

    /// Node OS.
    @Option(help: "Node OS as <ID><VERSION_ID>, e.g. ubuntu22.04 or rhel9.4.")
    var os = "ubuntu22.04"

    /// Node kernel.
    @Option(help: "Node kernel version.")
    var kernel = "5.15.0-105-generic"

    /// Pending to Ready delay of pods.
    @Option(
        name: .customLong("pod-ready-delay"), help: "How long simulated pods stay Pending, e.g. 0.5s, 200ms; 0 creates DaemonSet pods already Ready.")
    var podReadyDelay = "0.5s"

    /// Watch history per resource.
    @Option(name: .customLong("history-window"), help: "Watch events kept per resource for resuming watches.")
    var historyWindow = 10_000

    /// Bookmark period.
    @Option(name: .customLong("bookmark-interval"), help: "How often watches that allow bookmarks get one, e.g. 5s.")
    var bookmarkInterval = "5s"

    /// Extra accepted tokens.
    @Option(help: "An extra bearer token to accept (repeatable).")
    var token: [String] = []

    /// Log level.
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    /// Rejects out-of-range or unreadable options.
    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard gpuNodes >= 0, cpuNodes >= 0 else { throw ValidationError("node counts must not be negative") }
        guard DurationParser.parse(podReadyDelay) != nil else { throw ValidationError("--pod-ready-delay: cannot read '\(podReadyDelay)'") }
        guard DurationParser.parse(bookmarkInterval) != nil else { throw ValidationError("--bookmark-interval: cannot read '\(bookmarkInterval)'") }
        guard NodeFactory.Detail(rawValue: nodeProfile) != nil else {
            throw ValidationError(
                "--node-profile: '\(nodeProfile)' is not one of \(NodeFactory.Detail.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let problem = churnSettings.problem { throw ValidationError("--churn-*: \(problem)") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: unknown level '\(logLevel)'") }
        guard NodeFactory.Distribution(rawValue: distribution) != nil else {
            let known = NodeFactory.Distribution.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--distribution: '\(distribution)' is not one of \(known)")
        }
    }

    private var churnSettings: ChurnSettings {
        ChurnSettings(rate: churnRate, nfdFraction: churnNFDFraction, joinLeaveFraction: churnJoinLeaveFraction)
    }

    /// Starts the server, writes the kubeconfig, prints `ready <url>`, and serves until a signal.
    func run() async throws {
        var logger = Logger(label: "kubesim")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        var options = KubeSimOptions()
        options.port = port
        options.useTLS = !http
        options.gpuNodes = gpuNodes
        options.cpuNodes = cpuNodes
        options.runtime = runtime
        options.distribution = distribution
        options.rbac = rbac
        options.containerdVersion = containerdVersion
        options.os = os
        options.kernel = kernel
        options.podReadyDelay = DurationParser.parse(podReadyDelay) ?? .milliseconds(500)
        options.bookmarkInterval = DurationParser.parse(bookmarkInterval) ?? .seconds(5)
        options.historyWindow = historyWindow
        options.tokens = token
        options.nodeDetail = NodeFactory.Detail(rawValue: nodeProfile) ?? .minimal
        options.churn = churnSettings
        options.recordWrites = recordWrites
        let signals = SignalWaiter(signals: [SIGTERM, SIGINT])
        let server = try await KubeSimServer.start(options, logger: logger)
        if let kubeconfigOut {
            do {
                try server.kubeconfig(useToken: kubeconfigUseToken).write(toFile: kubeconfigOut, atomically: true, encoding: .utf8)
            } catch {
                await server.stop()
                throw KubeSimError(.output, "cannot write the kubeconfig to \(kubeconfigOut)", underlying: error)
            }
        }
        FileHandle.standardOutput.write(Data("ready \(server.url)\n".utf8))
        let received = await signals.next()
        logger.info("stopping", metadata: ["signal": "\(received)"])
        await server.stop()
    }
}
