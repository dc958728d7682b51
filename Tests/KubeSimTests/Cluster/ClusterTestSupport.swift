import KubeModels
import Logging

@testable import KubeSim

/// In-process access to the simulated cluster, with controllers run by hand (no clocks, no sleeps).
struct ClusterHarness {
    let cluster: SimulatedCluster
    var options = WriteOptions(fieldManager: "tests", fieldValidation: .strict)

    init(gpuNodes: Int = 0, cpuNodes: Int = 0, podReadyDelay: Duration = .seconds(1)) async {
        var options = KubeSimOptions()
        options.podReadyDelay = podReadyDelay
        options.randomSeed = 7
        var logger = Logger(label: "kubesim-cluster-test")
        logger.logLevel = .warning
        cluster = SimulatedCluster(configuration: .init(options: options), wallClock: { Timestamp.now() }, logger: logger)
        await cluster.seedNodes(gpu: gpuNodes, cpu: cpuNodes)
    }

    static func resource(_ type: ResourceType) -> APIResource {
        BuiltinResources.all.first { $0.type == type }!
    }

    static let configMaps = resource(.configMaps)
    static let daemonSets = resource(.daemonSets)
    static let pods = resource(.pods)
    static let namespaces = resource(.namespaces)
    static let clusterRoles = resource(.clusterRoles)
    static let crds = resource(.customResourceDefinitions)
    static let nodes = resource(.nodes)
    static let revisions = resource(.controllerRevisions)
    static let budgets = resource(.podDisruptionBudgets)

    /// Evicts a pod as `POST .../pods/<name>/eviction` does.
    @discardableResult
    func evict(_ name: String, namespace: String = "default", deleteOptions: JSONValue? = nil) async throws -> Status {
        try await cluster.evict(
            namespace: namespace, name: name, body: WorkloadFixtures.eviction(name, namespace: namespace, deleteOptions: deleteOptions), dryRun: false
        )
    }

    /// A budget's status.
    func budgetStatus(_ name: String) async throws -> JSONValue {
        try await get(Self.budgets, name).value["status"] ?? .null
    }

    /// Runs the controllers until they are idle; `readyAfter` moves the clock past pod deadlines.
    func settle(podsBecomeReady: Bool = true) async {
        let now = podsBecomeReady ? ContinuousClock.now.advanced(by: .seconds(3600)) : ContinuousClock.now
        for _ in 0..<10 { _ = await cluster.runControllers(now: now) }
    }

    @discardableResult
    func create(_ resource: APIResource, _ object: JSONValue, namespace: String? = "default") async throws -> StoredObject {
        try await cluster.create(resource, namespace: resource.type.isNamespaced ? namespace : nil, body: object, options: options).object
    }

    func get(_ resource: APIResource, _ name: String, namespace: String? = "default") async throws -> StoredObject {
        try await cluster.get(resource, namespace: resource.type.isNamespaced ? namespace : nil, name: name)
    }

    func exists(_ resource: APIResource, _ name: String, namespace: String? = "default") async -> Bool {
        do {
            _ = try await get(resource, name, namespace: namespace)
            return true
        } catch {
            return false
        }
    }

    func pods(namespace: String = "default") async throws -> [StoredObject] {
        try await cluster.list(Self.pods, namespace: namespace, options: ListOptions()).items
    }

    func widgets() async throws -> APIResource {
        try await create(Self.crds, Fixtures.widgetCRD, namespace: nil)
        guard let resource = await cluster.resource(group: "example.com", version: "v1", plural: "widgets") else {
            throw APIError.internalError("widgets are not served")
        }
        return resource
    }
}

/// Runs `body` and returns the APIError it throws (nil when it succeeds).
func apiError(_ body: () async throws -> Void) async -> APIError? {
    do {
        try await body()
        return nil
    } catch let error as APIError {
        return error
    } catch {
        return APIError.internalError("unexpected error \(error)")
    }
}
