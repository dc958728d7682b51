import Foundation
import KubeClient
import KubeModels
import KubeSim
import Logging
import Manifests
import TestSupport
import Testing

@testable import Reconcilers

/// The control loop wired to an in-process KubeSim through the real client, on a manual clock: the
/// component reconcilers run against a faithful API server with no socket and no wall-clock wait.
///
/// The caches are fed the way the watches' initial lists feed them (``syncCaches()``), at the points
/// a test chooses, so each test decides exactly what the loop has seen.
struct LoopHarness {
    /// The operand namespace.
    static let namespace = "gpu-operator"
    /// The ClusterPolicy's name.
    static let policyName = "cluster-policy"
    /// The wall-clock time the loop stamps on conditions and Events.
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    let server: InProcessAPIServer
    let clock: ManualClock
    let client: KubeClient
    let context: ControllerContext
    let cluster: ClusterReconciler
    let logger: Logger

    /// Creates a cluster with `gpuNodes` GPU nodes and `cpuNodes` CPU nodes (pods become ready as soon
    /// as the simulated controllers run), installs the CRD and, unless `policy` is `nil`, a
    /// ClusterPolicy with that spec.
    /// `retry` is the client's retry policy: a test injecting server errors passes `.never`, since a
    /// retry would wait on the manual clock.
    static func make(
        gpuNodes: Int = 2, cpuNodes: Int = 1, policy spec: JSONValue? = [:], retry: RetryPolicy = RetryPolicy()
    ) async throws -> LoopHarness {
        var options = KubeSimOptions()
        options.gpuNodes = gpuNodes
        options.cpuNodes = cpuNodes
        options.podReadyDelay = .zero
        let server = await InProcessAPIServer(options, logger: Logger(label: "test.kubesim", factory: { _ in SwiftLogNoOpLogHandler() }))
        let clock = ManualClock()
        let client = InProcessTransport.client(server, clock: clock, retry: retry)
        let logger = Logger(label: "test.loop", factory: { _ in SwiftLogNoOpLogHandler() })
        let context = ControllerContext(
            client: client, options: ControllerOptions(namespace: namespace), kubernetesVersion: "v1.32.0", logger: logger,
            metrics: OperatorMetrics(), time: TimeSource(clock: clock), wallClock: { now })
        _ = try await CRDInstaller(client: client, logger: logger).ensure()
        let harness = LoopHarness(
            server: server, clock: clock, client: client, context: context, cluster: ClusterReconciler(context: context), logger: logger)
        if let spec { try await harness.createPolicy(spec: spec) }
        return harness
    }

    /// Creates the ClusterPolicy.
    func createPolicy(name: String = policyName, spec: JSONValue) async throws {
        let body: JSONValue = ["apiVersion": "nvidia.com/v1", "kind": "ClusterPolicy", "metadata": ["name": .string(name)], "spec": spec]
        _ = try await client.create(ClusterPolicy.resourceType, body)
    }

    /// Replaces the ClusterPolicy's spec (a merge patch, as `kubectl patch --type merge` sends).
    func patchPolicy(_ spec: JSONValue) async throws {
        _ = try await client.patch(ClusterPolicy.self, name: Self.policyName, patch: .merge(["spec": spec]))
    }

    /// Loads every cache from the server, as the watches' initial lists do.
    func syncCaches() async throws {
        let policies = try await client.list(ClusterPolicy.self)
        context.policies.beginResync()
        for policy in policies.items { context.policies.upsert(policy) }
        context.policies.finishResync()

        let nodes = try await client.list(Node.self)
        context.nodes.beginResync()
        for node in nodes.items { _ = context.nodes.upsert(node) }
        _ = context.nodes.finishResync()

        let daemonSets = try await client.list(DaemonSet.self, namespace: Self.namespace, labelSelector: OwnedKinds.selector)
        context.owned.beginResync(.daemonSets)
        for ds in daemonSets.items { context.owned.upsert(LiveObject(resourceType: .daemonSets, metadata: ds.metadata), daemonSet: ds) }
        context.owned.finishResync(.daemonSets)
        for type in context.ownedTypes where type != .daemonSets {
            let listed = try await client.listMetadata(type, namespace: type.isNamespaced ? Self.namespace : nil, labelSelector: OwnedKinds.selector)
            context.owned.beginResync(type)
            for object in listed.items { context.owned.upsert(LiveObject(resourceType: type, metadata: object.metadata)) }
            context.owned.finishResync(type)
        }
        let driverPods = try await client.list(Pod.self, namespace: Self.namespace, labelSelector: "app.kubernetes.io/component=nvidia-driver")
        context.driverPods.beginResync()
        for pod in driverPods.items { context.driverPods.upsert(pod) }
        context.driverPods.finishResync()
        for name in [ClusterPolicyCRD.name, WatchFeeds.serviceMonitorCRD] {
            let crd = try await client.get(.customResourceDefinitions, name: name)
            if let metadata = try crd?["metadata"]?.decode(as: ObjectMeta.self) { context.crds.upsert(metadata) }
            context.crds.finishResync(name, present: crd != nil)
        }
    }

    /// Lets the simulated controllers catch up (pods created and ready), then reloads the caches.
    func settle() async throws {
        await server.runControllers()
        await server.runControllers()
        try await syncCaches()
    }

    /// Runs every component reconciler once over a fresh pass and returns their reports (a refused
    /// pass is recorded as a test issue and yields none).
    @discardableResult
    func reconcile(sourceLocation: SourceLocation = #_sourceLocation) async -> [ComponentReport] {
        guard let policy = ActivePolicy.select(context.policies.all()) else { return [] }
        do {
            let pass = try await PassPreparation(context: context).prepare(policy, logger: logger)
            var reports: [ComponentReport] = []
            for reconciler in cluster.components { reports.append(await reconciler.reconcile(pass)) }
            return reports
        } catch {
            Issue.record("the pass was refused: \(error.message)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// Status patches of ClusterPolicies since the last ``InProcessAPIServer/resetStats()``.
    func statusPatches() -> Int {
        server.statistics().requests.filter { $0.verb == "patch" && $0.resource.hasPrefix("clusterpolicies") }.reduce(0) { $0 + $1.count }
    }

    /// Labels every node as the node-label reconciler does.
    func labelNodes() async throws {
        let labeler = NodeLabelReconciler(context: context)
        for name in context.nodes.names() { try await labeler.reconcile(name, logger: logger) }
    }

    /// Labels nodes, reconciles and settles until a round writes nothing (at most `rounds` times).
    func converge(rounds: Int = 4) async throws {
        for _ in 0..<rounds {
            try await syncCaches()
            server.resetStats()
            try await labelNodes()
            _ = await cluster.reconcile(reconcileID: 0)
            let writes = server.statistics().writes()
            try await settle()
            if writes == 0 { return }
        }
    }

    /// The report of one component.
    static func report(_ component: Component, in reports: [ComponentReport]) -> ComponentReport? {
        reports.first { $0.component == component }
    }

    /// The ClusterPolicy's status as stored on the server.
    func storedStatus() async throws -> ClusterPolicyStatus? {
        try await client.get(ClusterPolicy.self, name: Self.policyName)?.status
    }
}
