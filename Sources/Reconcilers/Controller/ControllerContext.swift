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
/// owns its own state behind a `Mutex`; the queue is an actor.
package struct ControllerContext: Sendable {
    package let client: KubeClient
    package let options: ControllerOptions
    package let queue: WorkQueue<ReconcileKey, ContinuousClock>
    package let clock: ContinuousClock
    package let logger: Logger
    package let policies = PolicyCache()
    package let nodes = NodeCache()
    package let owned = OwnedObjectCache()
    package let crds = CRDCache()
    package let podListThrottle = Throttle()
    /// Notified whenever a cache finishes a (re)list or a watched CRD changes.
    package let changes = ChangeSignal()
    package let metrics: OperatorMetrics
    package let events: EventRecorder
    /// The Kubernetes version, read once at start.
    package let kubernetesVersion: String

    /// Creates the context.
    package init(client: KubeClient, options: ControllerOptions, kubernetesVersion: String, logger: Logger, metrics: OperatorMetrics) {
        self.client = client
        self.options = options
        self.clock = ContinuousClock()
        self.queue = WorkQueue(clock: clock, backoff: options.backoff)
        self.logger = logger
        self.kubernetesVersion = kubernetesVersion
        self.metrics = metrics
        self.events = EventRecorder(client: client, logger: logger)
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
        [.daemonSets, .serviceAccounts, .roles, .roleBindings, .clusterRoles, .clusterRoleBindings, .configMaps, .services,
         .runtimeClasses, .namespaces]
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
