import ArgumentParser
import Foundation
import KubeClient
import KubeModels
import KubeSim
import Logging

/// `write-floor`: the benchmark's lower bound. Given the writes an operator run made (kube-sim's
/// `GET /kubesim/writes`), it sends only the minimal ones (``WriteLog/minimal(_:userAgentPrefix:)``)
/// to a fresh kube-sim with the same KubeClient, flow control and node concurrency as the operator,
/// waits until every DaemonSet it wrote is rolled out and ready, then writes the final status.
/// Everything an operator does beyond that (watching, deciding, waiting) is its overhead over the floor.
@main
struct WriteFloor: AsyncParsableCommand {
    /// The command line shape.
    static let configuration = CommandConfiguration(
        commandName: "write-floor", abstract: "Replay an operator's minimal writes against kube-sim and wait for the DaemonSets (benchmark floor).")

    /// The kubeconfig of the kube-sim to write to.
    @Option(help: "Kubeconfig of the kube-sim to write to.")
    var kubeconfig: String

    /// The recorded writes.
    @Option(help: "JSON from GET /kubesim/writes of the operator's run.")
    var writes: String

    /// Whose writes count.
    @Option(name: .customLong("user-agent-prefix"), help: "Replay only writes whose User-Agent starts with this.")
    var userAgentPrefix = "swift-gpu-operator/"

    /// The ClusterPolicy the objects belong to.
    @Option(name: .customLong("policy"), help: "Name of the ClusterPolicy the recorded objects are owned by.")
    var policyName = "cluster-policy"

    /// Node concurrency.
    @Option(name: .customLong("node-workers"), help: "Node patches in flight at once (the operator's --node-workers).")
    var nodeWorkers = 32

    /// DaemonSets that select no node in this cluster.
    @Option(
        name: .customLong("empty-daemonset"),
        help: "namespace/name of a DaemonSet that schedules no pod in this cluster (its rollout is done once observed); repeatable.")
    var emptyDaemonSets: [String] = []

    /// Runs the floor and prints one JSON line with its counts and timings.
    func run() async throws {
        var logger = Logger(label: "write-floor")
        logger.logLevel = .warning
        let log: [WriteLog.Entry]
        do {
            struct Recorded: Decodable { var writes: [WriteLog.Entry] }
            log = try JSONDecoder().decode(Recorded.self, from: try Data(contentsOf: URL(fileURLWithPath: writes))).writes
        } catch {
            throw ValidationError("--writes \(writes): cannot read the recorded writes: \(error)")
        }
        var minimal = try WriteLog.minimal(log, userAgentPrefix: userAgentPrefix)
        guard !minimal.objects.isEmpty else { throw ValidationError("--writes \(writes): no writes by a client '\(userAgentPrefix)…'") }
        let client = try KubeClient.infer(kubeconfigPath: kubeconfig, logger: logger)
        let start = ContinuousClock.now
        // The objects are owned by the ClusterPolicy: name the one on this server (one GET, as the
        // operator learns it from its watch).
        if let recorded = try minimal.ownerUID(kind: "ClusterPolicy") {
            let policy = try await client.get(.clusterPolicies, name: policyName)
            guard let uid = policy?["metadata"]?["uid"]?.stringValue else { throw ValidationError("no ClusterPolicy \(policyName) on the server") }
            minimal = minimal.replacingUID(recorded, with: uid)
        }
        let replay = minimal
        let workers = nodeWorkers
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await Self.send(replay.objects, client: client, concurrency: client.configuration.flowControl.maximumConcurrentRequests)
            }
            group.addTask { try await Self.send(replay.nodes, client: client, concurrency: workers) }
            try await group.waitForAll()
        }
        let sent = start.duration(to: .now)
        try await Self.waitForRollout(minimal.daemonSets, empty: Set(emptyDaemonSets), client: client)
        let rolledOut = start.duration(to: .now)
        try await Self.send(minimal.statuses, client: client, concurrency: 1)
        let done = start.duration(to: .now)
        let report: JSONValue = [
            "objectWrites": .int(Int64(minimal.objects.count)), "nodePatches": .int(Int64(minimal.nodes.count)),
            "statusWrites": .int(Int64(minimal.statuses.count)), "daemonSets": .int(Int64(minimal.daemonSets.count)),
            "sentSeconds": .double(sent.seconds), "rolledOutSeconds": .double(rolledOut.seconds), "doneSeconds": .double(done.seconds),
        ]
        print(report.serializedString())
    }

    /// Sends writes with at most `concurrency` in flight.
    static func send(_ entries: [WriteLog.Entry], client: KubeClient, concurrency: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var inFlight = 0
            for entry in entries {
                if inFlight >= concurrency {
                    try await group.next()
                    inFlight -= 1
                }
                group.addTask { _ = try await client.send(try request(entry)) }
                inFlight += 1
            }
            try await group.waitForAll()
        }
    }

    /// The recorded write as a request.
    static func request(_ entry: WriteLog.Entry) throws -> APIRequest {
        guard let method = HTTPMethod(rawValue: entry.method) else { throw ValidationError("recorded write has method \(entry.method)") }
        return APIRequest(
            method: method, path: entry.path, query: entry.query.sorted { $0.key < $1.key }.map { QueryItem($0.key, $0.value) },
            body: Array(entry.body.utf8), contentType: entry.contentType)
    }

    /// Polls the DaemonSets every 25 ms until each one exists, its controller observed its
    /// generation, and every scheduled pod is updated and ready; those not in `empty` must have
    /// pods (the node patches have reached the DaemonSet controller).
    static func waitForRollout(_ daemonSets: [String], empty: Set<String>, client: KubeClient) async throws {
        let wanted = Set(daemonSets)
        let namespaces = Set(daemonSets.compactMap { $0.split(separator: "/").first.map(String.init) })
        while true {
            var ready: Set<String> = []
            for namespace in namespaces {
                for item in try await client.list(.daemonSets, namespace: namespace).items {
                    let name = "\(namespace)/\(item["metadata"]?["name"]?.stringValue ?? "")"
                    if isRolledOut(item, mayBeEmpty: empty.contains(name)) { ready.insert(name) }
                }
            }
            if wanted.isSubset(of: ready) { return }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    /// Whether a DaemonSet's status shows its current generation on every node, all pods ready.
    static func isRolledOut(_ daemonSet: JSONValue, mayBeEmpty: Bool) -> Bool {
        let status = daemonSet["status"]
        func number(_ value: JSONValue?) -> Int64 { value?.intValue ?? 0 }
        let desired = number(status?["desiredNumberScheduled"])
        return number(status?["observedGeneration"]) >= number(daemonSet["metadata"]?["generation"]) && (desired > 0 || mayBeEmpty)
            && number(status?["updatedNumberScheduled"]) == desired && number(status?["numberReady"]) == desired
    }
}

extension Duration {
    /// The duration in seconds.
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
