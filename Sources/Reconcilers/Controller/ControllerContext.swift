import Foundation
import KubeClient
import KubeModels
import Logging
import Manifests

/// Settings of the control loop that come from the command line and the environment.
package struct ControllerOptions: Sendable {
    /// The namespace operands run in.
    package var namespace: String
    /// The operator's image environment variables (`DRIVER_IMAGE`, ...), the fallback after the policy.
    package var imageEnvironment: [String: String]
    /// Workers reconciling node labels in parallel.
    package var nodeWorkers: Int = 32
    /// How often the cluster is re-reconciled from the caches without any event.
    package var resyncInterval: Duration = .seconds(300)
    /// The shortest interval between two pod listings for one not-ready component's status message.
    package var podListInterval: Duration = .seconds(5)
    /// Per-key failure backoff.
    package var backoff = Backoff()

    /// Creates options.
    package init(namespace: String, imageEnvironment: [String: String] = [:]) {
        self.namespace = namespace
        self.imageEnvironment = imageEnvironment
    }
}

/// Everything the watch feeds and reconcilers share. A `Sendable` bundle of references: each cache
/// owns its own state behind a `Mutex` and has one writer, the watch that feeds it; our own writes are
/// recorded as expectations (``WriteExpectations``) that readers overlay on the caches; the queue is an
/// actor. Time is injected: nothing in the control loop reads a clock except through ``time`` and
/// ``wallClock``.
package struct ControllerContext: Sendable {
    /// The API client.
    package let client: KubeClient
    /// Command-line settings.
    package let options: ControllerOptions
    /// The work queue of cluster and node keys.
    package let queue: WorkQueue<ReconcileKey>
    /// Monotonic time for delays, throttles, expectations and leases.
    package let time: TimeSource
    /// Wall-clock time for timestamps written to the API (conditions, Events, leases).
    package let wallClock: @Sendable () -> Date
    /// The root logger.
    package let logger: Logger
    /// ClusterPolicies (watch-fed).
    package let policies = PolicyCache()
    /// Node projections (watch-fed).
    package let nodes = NodeCache()
    /// Owned objects (watch-fed).
    package let owned = OwnedObjectCache()
    /// The CRDs we care about (watch-fed).
    package let crds = CRDCache()
    /// Driver pods (watch-fed, once an upgrade is in question).
    package let driverPods = DriverPodCache()
    /// Nodes whose pods the upgrade waits on (each watched while it is here).
    package let inFlightNodes = InFlightNodes()
    /// Why each node's last eviction did not go through, for the upgrade planner (node → message).
    package let evictionErrors = EvictionErrors()
    /// Our applies and deletes of owned objects the watches have not delivered yet.
    package let ownedWrites = WriteExpectations<ObjectIdentity, OwnedWrite>()
    /// Our node label patches the node watch has not delivered yet.
    package let nodeWrites = WriteExpectations<String, NodeSnapshot>()
    /// Our status writes the policy watch has not delivered yet.
    package let statusWrites = WriteExpectations<String, ClusterPolicyStatus?>()
    /// Drift baselines of owned objects.
    package let appliedMarkers = AppliedMarkers()
    /// Objects deleted to be recreated (an immutable field differed).
    package let replacements = Replacements()
    /// Whether NVIDIA's operator still runs (checked by the cluster reconcile; read by the labeller).
    package let upstreamGate = UpstreamOperatorGate()
    /// Limits pod listings for not-ready components.
    package let podListThrottle = Throttle()
    /// Notified whenever a cache finishes a (re)list or a watched CRD changes.
    package let changes = ChangeSignal()
    /// Metric handles.
    package let metrics: OperatorMetrics
    /// Event recording on ClusterPolicies.
    package let events: EventRecorder
    /// The Kubernetes version, read once at start.
    package let kubernetesVersion: String

    /// Creates the context.
    /// - Parameters:
    ///   - client: the API client.
    ///   - options: command-line settings.
    ///   - kubernetesVersion: the server's version.
    ///   - logger: the root logger.
    ///   - metrics: metric handles.
    ///   - time: monotonic time (a manual clock's in tests).
    ///   - wallClock: wall-clock time for API timestamps.
    package init(
        client: KubeClient, options: ControllerOptions, kubernetesVersion: String, logger: Logger, metrics: OperatorMetrics,
        time: TimeSource, wallClock: @escaping @Sendable () -> Date
    ) {
        self.client = client
        self.options = options
        self.time = time
        self.wallClock = wallClock
        self.queue = WorkQueue(time: time, backoff: options.backoff)
        self.logger = logger
        self.kubernetesVersion = kubernetesVersion
        self.metrics = metrics
        self.events = EventRecorder(client: client, logger: logger, wallClock: wallClock)
    }

    /// The owned objects overlaid with our writes the watches have not delivered yet.
    package var ownedView: OwnedObjectsView { OwnedObjectsView(cache: owned, writes: ownedWrites, now: time.now) }

    /// A node as the loop must see it: the cache, or our label patch while the watch has not shown it.
    package func node(_ name: String) -> NodeSnapshot? {
        let cached = nodes.get(name)
        return nodeWrites.pending(name, cachedVersion: cached?.resourceVersion, now: time.now()) ?? cached
    }

    /// A policy's status as the loop must see it: the cache, or our status write while the watch has
    /// not shown it.
    package func status(ofPolicy name: String) -> ClusterPolicyStatus? {
        let cached = policies.get(name)
        return statusWrites.pending(name, cachedVersion: cached?.metadata.resourceVersion, now: time.now()) ?? cached?.status
    }

    /// The operand namespace.
    package var namespace: String { options.namespace }

    /// Watcher settings that log watch errors with the resource name.
    package func watcherConfiguration(_ resource: String) -> WatcherConfiguration {
        var configuration = WatcherConfiguration()
        let logger = self.logger
        configuration.onError = { error in
            logger.warning("watch interrupted; resuming", metadata: ["resource": .string(resource), "error": .string("\(error)")])
        }
        return configuration
    }

    /// Queues every known node for a label reconcile.
    package func enqueueAllNodes() async {
        for name in nodes.names() { await queue.add(.node(name)) }
    }

    /// The resource kinds whose initial list must be loaded before reconciling.
    package var ownedTypes: [ResourceType] {
        [
            .daemonSets, .serviceAccounts, .roles, .roleBindings, .clusterRoles, .clusterRoleBindings, .configMaps, .services,
            .runtimeClasses, .namespaces,
        ]
    }

    /// Whether every cache has its initial content.
    package var isSynced: Bool {
        policies.isSynced && nodes.isSynced && owned.isSynced(ownedTypes)
            && crds.isSynced([ClusterPolicyCRD.name, WatchFeeds.serviceMonitorCRD])
            && (!crds.isServed(WatchFeeds.serviceMonitorCRD) || owned.isSynced([.serviceMonitors]))
    }

    /// Whether the prometheus-operator ServiceMonitor CRD is served.
    package var hasServiceMonitorCRD: Bool { crds.isServed(WatchFeeds.serviceMonitorCRD) }

    /// Why the served ClusterPolicy CRD cannot be trusted (older than the schema this operator needs),
    /// or `nil` when it is current.
    package func crdProblem() -> String? {
        let served = crds.revision(ClusterPolicyCRD.name) ?? 0
        guard served < ClusterPolicyCRD.schemaRevision else { return nil }
        return "The served ClusterPolicy CRD has schema revision \(served), older than revision \(ClusterPolicyCRD.schemaRevision) "
            + "this operator needs: fields may be dropped. Apply config/crd/nvidia.com_clusterpolicies.yaml or run the operator with --install-crd"
    }
}
