import Foundation
import KubeSim
import Testing

/// Issue 12: each fault scenario ends with exactly the fault-free state (the default DaemonSets and
/// service accounts, every GPU node labelled and running one pod per operand, Ready and no Error),
/// and the operator never crashes.
extension EndToEnd {
    @Suite("End to end: fault scenarios")
    struct FaultScenarioTests {
        static let profiles: [(String, String)] = [
            ("20 % of requests fail with 500 or 503", #"{"errorRates": {"500": 0.1, "503": 0.1}, "seed": 21}"#),
            ("a 429 storm: 40 % of requests throttled with Retry-After 1 s", #"{"errorRates": {"429": 0.4}, "retryAfterSeconds": 1, "seed": 22}"#),
            ("500 ms added to every answer", #"{"latencyMilliseconds": 500}"#),
        ]

        @Test("the operator converges to the fault-free state", arguments: profiles)
        func converges(_ name: String, _ profile: String) async throws {
            // The policy is applied before the operator starts (kubectl meeting the operator's own CRD
            // install under faults would race it); the faults start as the operator does.
            try await withOperatorCluster(gpuNodes: 2, cpuNodes: 1) { cluster, op in
                try cluster.admin("PUT", "/kubesim/faults", body: profile)
                try await cluster.waitForState("ready", timeout: .seconds(150))
                try cluster.admin("PUT", "/kubesim/faults", body: "{}")
                try Self.expectFaultFreeState(cluster)
                #expect(op.process.isRunning, "the operator exited under \(name)")
            }
        }

        @Test("every watch dropped every 2 s and a 20-event history window: watches resume or meet 410 and re-list; the fault-free state")
        func watchesDroppedRepeatedly() async throws {
            try await withOperatorCluster(gpuNodes: 3, cpuNodes: 1, podReadyDelay: "0.5s") { cluster, op in
                try cluster.admin("PUT", "/kubesim/faults", body: #"{"historyWindow": 20}"#)
                var drops = 0
                let deadline = ContinuousClock.now + .seconds(90)
                while ContinuousClock.now < deadline {
                    try await Task.sleep(for: .seconds(2))
                    try cluster.admin("POST", "/kubesim/watches/drop")
                    drops += 1
                    if drops >= 3, try cluster.policyState() == "ready" { break }
                }
                try cluster.admin("PUT", "/kubesim/faults", body: "{}")
                try await cluster.waitForState("ready", timeout: .seconds(60))
                try Self.expectFaultFreeState(cluster)
                let stats = try cluster.requestCounts()
                #expect(drops >= 3 && stats.byVerb["watch", default: 0] > drops, "watches were not re-established (\(stats.byVerb))")
                #expect(op.process.isRunning)
            }
        }

        @Test("kill -9 at five random points of a rollout in a row: then converged, no duplicates, and a restart writes nothing")
        func killedFiveTimes() async throws {
            try await withOperatorCluster(gpuNodes: 3, cpuNodes: 1, podReadyDelay: "1s") { cluster, first in
                var random = SeededGenerator(seed: 0xC0FF_EE05)
                var current = first
                for _ in 0..<5 {
                    try await Task.sleep(for: .milliseconds(150 + Int(random.next() % 1_200)))
                    current.process.kill()
                    current = try cluster.startOperator()
                }
                do {
                    try await cluster.waitForState("ready", timeout: .seconds(60))
                    try Self.expectFaultFreeState(cluster)
                    try await Task.sleep(for: .seconds(1))
                    await current.process.stop()
                    try cluster.resetStats()
                    let quiet = try cluster.startOperator()
                    try await Eventually.that(timeout: .seconds(20), "the restarted operator synced") {
                        quiet.process.stderr.contains("caches synced")
                    }
                    try await Task.sleep(for: .seconds(2))
                    let counts = try cluster.requestCounts()
                    await quiet.process.stop()
                    #expect(counts.writes == 0, "writes after the restart: \(counts.byVerb)")
                } catch {
                    await current.process.stop()
                    throw error
                }
            }
        }

        /// The state a fault-free run ends in.
        static func expectFaultFreeState(_ cluster: SimulatedCluster) throws {
            #expect(try cluster.names("daemonsets") == Operands.defaultDaemonSets)
            #expect(try cluster.names("serviceaccounts").filter { $0.hasPrefix("nvidia") || $0.hasPrefix("gpu") } == Operands.defaultServiceAccounts)
            for node in try cluster.items(["get", "nodes"]) {
                let metadata = node["metadata"] as? [String: Any] ?? [:]
                let name = metadata["name"] as? String ?? ""
                let labels = metadata["labels"] as? [String: String] ?? [:]
                let isGPU = name.hasPrefix("gpu-")
                #expect((labels["nvidia.com/gpu.present"] == "true") == isGPU, "\(name): \(labels["nvidia.com/gpu.present"] ?? "no gpu.present")")
                let pods = try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "--field-selector", "spec.nodeName=\(name)"])
                #expect(pods.count == (isGPU ? Operands.podsPerGPUNode : 0), "\(name) runs \(pods.count) operand pods")
            }
            let conditions = try cluster.conditions()
            #expect(conditions["Ready"]?.status == "True" && conditions["Error"]?.status == "False")
        }
    }
}

extension EndToEnd.FaultScenarioTests {
    @Test("two replicas with leader election under faults: the server never sees both write at once, and the standby takes over")
    func twoReplicasNeverWriteTogether() async throws {
        let tokens = ["replica-a-token", "replica-b-token"]
        let cluster = try await SimulatedCluster(gpuNodes: 2, cpuNodes: 0, extraArguments: tokens.flatMap { ["--token", $0] })
        var operators: [OperatorProcess] = []
        do {
            try cluster.kubectl(["create", "namespace", SimulatedCluster.namespace])
            try cluster.applySample()
            var kubeconfigs: [String] = []
            for (index, token) in tokens.enumerated() {
                let path = cluster.directory.appendingPathComponent("replica-\(index).yaml").path
                try FileManager.default.copyItem(atPath: cluster.kubeconfig, toPath: path)
                try cluster.kubectl(["--kubeconfig", path, "config", "set-credentials", "replica", "--token", token])
                try cluster.kubectl(["--kubeconfig", path, "config", "set-context", "--current", "--user", "replica"])
                kubeconfigs.append(path)
            }
            try cluster.resetStats()
            try cluster.admin("PUT", "/kubesim/faults", body: EndToEnd.FaultTests.faults)
            for path in kubeconfigs {
                operators.append(
                    OperatorProcess(
                        process: try TestProcess(
                            SimulatedCluster.binaries.appendingPathComponent("operator"),
                            [
                                "run", "--kubeconfig", path, "--leader-elect", "--health-probe-bind-address", "127.0.0.1:0",
                                "--metrics-bind-address", "127.0.0.1:0",
                            ], environment: ["OPERATOR_NAMESPACE": SimulatedCluster.namespace], name: "operator")))
            }
            try await cluster.waitForState("ready", timeout: .seconds(90))
            let leader = try #require(operators.firstIndex { $0.process.stderr.contains("became leader") })
            operators[leader].process.kill()
            // kubectl meets the faults too: retried until the delete gets through.
            try await Eventually.that(timeout: .seconds(30), "a DaemonSet deleted behind the operator's back") {
                try cluster.kubectl(["delete", "daemonset", "-n", SimulatedCluster.namespace, "gpu-feature-discovery", "--wait=false"], check: false)
                    .status == 0
            }
            let standby = operators[1 - leader]
            try await Eventually.that(timeout: .seconds(60), "the standby to lead") { standby.process.stderr.contains("became leader") }
            try await Eventually.that(timeout: .seconds(60), "the new leader to restore the DaemonSet") {
                // A poll that meets an injected fault is polled again.
                (try? cluster.names("daemonsets"))?.contains("gpu-feature-discovery") ?? false
            }
            try cluster.admin("PUT", "/kubesim/faults", body: "{}")
            let text = try cluster.admin("GET", "/kubesim/stats")
            let stats = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
            let runs = (stats["writerRuns"] as? [[String: Any]] ?? []).compactMap { $0["writer"] as? String }
                .filter { $0.hasPrefix("token ") }
            // One run per replica: had both written at once, their writes would interleave.
            #expect(runs.count == 2 && Set(runs).count == 2, "writer runs: \(runs)")
            await cluster.stop(operators)
        } catch {
            let logs = operators.map { $0.process.stderr.suffix(3000) }.joined(separator: "\n")
            await cluster.stop(operators)
            throw TestFailure("\(error)\n--- operator logs (tail) ---\n\(logs)")
        }
    }
}
