import KubeModels
import Logging

/// KubeSim without sockets: the same API semantics as ``KubeSimServer`` (store, server-side apply,
/// watches, owner GC, the simulated DaemonSet controller), answered in process. Unit tests of code
/// that talks to Kubernetes put a transport in front of ``handle(_:)`` and test against a faithful
/// in-memory API server, with no port, TLS or wall-clock waits.
///
/// The simulated controllers do not run by themselves: call ``runControllers()`` to let the
/// DaemonSet controller and the garbage collector catch up (so a test decides when pods appear).
///
/// - Important: `Sendable`; every method may be called from any task.
package final class InProcessAPIServer: Sendable {
    /// The bearer token requests must carry.
    package let token: String
    /// The simulated cluster.
    let cluster: SimulatedCluster
    private let handler: APIHandler
    private let stats: StatsRecorder
    /// Fault injection and other `/kubesim/` operations.
    let admin: AdminAPI

    /// Creates a server with the nodes `options` asks for.
    /// - Parameters:
    ///   - options: the cluster's nodes and facts; listening options are ignored.
    ///   - logger: where the server logs.
    package init(_ options: KubeSimOptions, logger: Logger = Logger(label: "kubesim.inprocess")) async {
        token = "in-process-token"
        cluster = SimulatedCluster(configuration: .init(options: options), wallClock: { Timestamp.now() }, logger: logger)
        await cluster.seedNodes(gpu: options.gpuNodes, cpu: options.cpuNodes)
        let faults = FaultInjector()
        stats = StatsRecorder(recordingWrites: options.recordWrites)
        let tokens = TokenStore(Set([token]))
        admin = AdminAPI(
            cluster: cluster, faults: faults, stats: stats, tokens: tokens, churn: ChurnDriver(options.churn),
            defaultHistoryWindow: options.historyWindow)
        var handler = APIHandler(
            cluster: cluster, faults: faults, stats: stats, tokens: tokens, admin: admin, bookmarkInterval: options.bookmarkInterval,
            serverAddress: "kubesim.in-process", logger: logger)
        handler.authorizesWithRBAC = options.rbac
        self.handler = handler
    }

    /// Answers one request as the HTTP server would.
    package func handle(_ request: IncomingRequest) async -> OutgoingResponse { await handler.handle(request) }

    /// Runs the simulated controllers once (DaemonSet pods, their readiness, garbage collection).
    package func runControllers() async { _ = await cluster.runControllers(now: .now) }

    /// Runs the simulated controllers once at a chosen instant, so a test can move simulated time past
    /// pod readiness, job-like completion (`kubesim.dev/complete-after-seconds`) and crash-loop restarts.
    /// - Returns: the next deadline, if any.
    @discardableResult
    package func runControllers(now: ContinuousClock.Instant) async -> ContinuousClock.Instant? { await cluster.runControllers(now: now) }

    /// Request counts since the start or the last ``resetStats()``.
    package func statistics() -> KubeSimStats { stats.snapshot() }

    /// Zeroes the request counts.
    package func resetStats() { stats.reset() }

    /// Holds a node's pods Pending (`unready: true`) or releases them (`unready: false`), as
    /// ``KubeSimServer/holdPods(onNode:unready:)`` does.
    package func holdPods(onNode node: String, unready: Bool) async { await cluster.holdPods(onNode: node, held: unready) }

    /// Injects faults into later requests (as `POST /kubesim/faults` does); `FaultProfile()` clears them.
    package func setFaults(_ profile: FaultProfile) async { await admin.setFaults(profile) }

    /// Starts (`crashLooping: true`) or stops a crash loop of a node's pods of a DaemonSet, as
    /// ``KubeSimServer/setCrashLoop(node:namespace:daemonSet:crashLooping:)`` does.
    /// - Returns: the names of the pods whose state changed.
    @discardableResult
    package func setCrashLoop(node: String, namespace: String, daemonSet: String, crashLooping: Bool) async -> [String] {
        await cluster.setCrashLoop(node: node, namespace: namespace, daemonSet: daemonSet, crashLooping: crashLooping)
    }

    /// Sets (non-nil) or removes (nil) extended resources of a node, as `PATCH /kubesim/nodes/<name>/resources` does.
    /// - Returns: whether the node exists.
    @discardableResult
    package func setNodeResources(node: String, resources: [String: String?]) async -> Bool {
        await cluster.setNodeResources(name: node, resources: resources) != nil
    }

    /// Makes pods with these labels succeed `afterSeconds` after they start, as `POST /kubesim/completions` does.
    package func completePods(labels: [String: String], afterSeconds: Int64 = 0) async {
        await cluster.setCompletionRule(CompletionRule(labels: labels, afterSeconds: afterSeconds))
    }
}
