import KubeModels
import Logging

/// The simulated API server's state and semantics: the object store, served resources, open
/// watches and the simulated controllers (DaemonSets, pods, garbage collection, namespaces, CRDs).
///
/// - Important: An actor: every read and write is serialized, so a watch registered inside one call
///   sees exactly the events committed after the snapshot it was given (no loss, no duplicates).
///   Heavy byte work (serializing responses) happens in the callers, outside the actor.
package actor SimulatedCluster {
    /// Node facts and pod timing for the simulation.
    package struct Configuration: Sendable {
        /// Runtime name (`containerd`, `cri-o`, `docker`).
        package var runtime: String
        /// Kubernetes distribution the nodes report.
        package var distribution: String
        /// containerd version the nodes report.
        package var containerdVersion: String
        /// `<ID><VERSION_ID>`, e.g. `ubuntu22.04`.
        package var os: String
        /// Kernel version.
        package var kernel: String
        /// How much of a real node the simulated nodes carry.
        package var nodeDetail: NodeFactory.Detail
        /// Pending → Running/Ready delay of simulated pods.
        package var podReadyDelay: Duration
        /// Events kept per resource.
        package var historyWindow: Int
        /// Seed for names and uids.
        package var randomSeed: UInt64?

        /// Creates a configuration from server options.
        package init(options: KubeSimOptions) {
            runtime = options.runtime
            distribution = options.distribution
            containerdVersion = options.containerdVersion
            os = options.os
            kernel = options.kernel
            podReadyDelay = options.podReadyDelay
            nodeDetail = options.nodeDetail
            historyWindow = options.historyWindow
            randomSeed = options.randomSeed
        }
    }

    /// Every object, its history and indexes.
    var store: ObjectStore
    /// The served resources (built-ins and CRDs).
    var registry = ResourceRegistry()
    /// Open watches.
    var watches = WatchRegistry()
    /// Pending work of the simulated controllers.
    var controllers = ControllerQueue()
    /// Snapshots backing paged LISTs.
    var listSnapshots = ListSnapshotCache()
    /// Randomness for names and uids.
    var generator: SeededGenerator
    /// The number of churn nodes added so far (names `churn-node-<n>`).
    var churnSerial = 0
    /// Node facts and pod timing.
    let configuration: Configuration
    /// The source of timestamps.
    let wallClock: @Sendable () -> Timestamp
    /// Wakes the controller loop when there is controller work.
    package nonisolated let wakeup = WakeupSignal()
    /// Controller and storage logging.
    let logger: Logger

    /// Creates a cluster with the default namespaces.
    /// - Parameters:
    ///   - configuration: simulation settings.
    ///   - wallClock: the source of timestamps (injectable for tests).
    ///   - logger: where controller activity is logged.
    package init(configuration: Configuration, wallClock: @escaping @Sendable () -> Timestamp, logger: Logger) {
        self.configuration = configuration
        self.wallClock = wallClock
        self.logger = logger
        var seedSource = SystemRandomNumberGenerator()
        var generator = SeededGenerator(seed: configuration.randomSeed ?? seedSource.next())
        var store = ObjectStore(historyCapacity: configuration.historyWindow)
        let namespaces = Self.resource(.namespaces)
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            var namespace: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
            namespace = Self.stamp(namespace, resource: namespaces, uid: RandomNames.uid(using: &generator), time: wallClock())
            BuiltinDefaults.apply(kind: "Namespace", to: &namespace)
            namespace["status"] = ["phase": "Active"]
            store.put(ControllerQueue.namespaces, namespace)
        }
        self.store = store
        self.generator = generator
        self.controllers.podReadyDelay = configuration.podReadyDelay
    }

    /// The built-in resource description for a resource type.
    static func resource(_ type: ResourceType) -> APIResource {
        BuiltinResources.all.first { $0.type == type } ?? APIResource(type: type, singularName: type.kind.lowercased())
    }

    /// The current resourceVersion.
    package var resourceVersion: Int64 { store.resourceVersion }

    /// The resource served at `group/version/plural`.
    package func resource(group: String, version: String, plural: String) -> APIResource? {
        registry.resource(group: group, version: version, plural: plural)
    }

    /// A copy of the served resources (for discovery and OpenAPI).
    package func servedResources() -> (resources: [APIResource], generation: Int) {
        (registry.resources, registry.generation)
    }

    /// The served API groups and their versions, preferred first.
    package func servedGroups() -> [(name: String, versions: [String])] { registry.groups }

    /// Stamps identity metadata on a new object: uid, creationTimestamp, generation.
    func makeNew(_ object: JSONValue, resource: APIResource) -> JSONValue {
        Self.stamp(object, resource: resource, uid: RandomNames.uid(using: &generator), time: wallClock())
    }

    /// An object with fresh identity metadata (uid, creationTimestamp, generation 1 where kept).
    static func stamp(_ object: JSONValue, resource: APIResource, uid: String, time: Timestamp) -> JSONValue {
        var object = object
        object.set(["metadata", "uid"], to: .string(uid))
        object.set(["metadata", "creationTimestamp"], to: .string(time.rfc3339))
        object.set(["metadata", "resourceVersion"], to: nil)
        if resource.hasGeneration { object.set(["metadata", "generation"], to: 1) }
        return object
    }

    /// Commits an object version and publishes the event to watchers and controllers.
    @discardableResult
    func commit(_ resource: GroupResource, _ value: JSONValue) -> StoredEvent {
        let event = store.put(resource, value)
        publish(event)
        return event
    }

    /// Removes an object and publishes the `DELETED` event.
    @discardableResult
    func commitRemoval(_ resource: GroupResource, _ key: ObjectKey, finalValue: JSONValue? = nil) -> StoredEvent? {
        guard let event = store.remove(resource, key, finalValue: finalValue) else { return nil }
        publish(event)
        return event
    }

    private func publish(_ event: StoredEvent) {
        watches.deliver(event)
        if event.resource == GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions") {
            updateRegistry(for: event)
        }
        if controllers.note(event, dependents: store.dependents, now: .now) { wakeup.signal() }
    }

    private func updateRegistry(for event: StoredEvent) {
        let name = event.object.key.name
        if event.type == .deleted {
            registry.uninstall(crdName: name)
            return
        }
        do {
            try registry.install(crd: event.object.value)
        } catch {
            logger.error("stored CRD cannot be served", metadata: ["crd": "\(name)", "error": "\(error)"])
        }
    }
}
