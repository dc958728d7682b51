import Foundation
import Testing

/// Acceptance 1 and 9: install with kubectl, converge to ready, then stay silent.
extension EndToEnd {
    @Suite("End to end: convergence")
    struct ConvergenceTests {
        @Test("CRD and default sample applied with kubectl on 3 GPU + 1 CPU nodes become ready; CPU node runs no operand")
        func installsAndBecomesReady() async throws {
            try await withOperatorCluster(gpuNodes: 3, cpuNodes: 1) { cluster, _ in
                try await cluster.waitForState("ready")
                let printed = try cluster.kubectl(["get", "clusterpolicy"]).stdout
                #expect(printed.contains("STATUS"))
                #expect(printed.contains("ready"))
                #expect(try cluster.names("daemonsets") == Operands.defaultDaemonSets)
                let cpuPods = try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "--field-selector", "spec.nodeName=cpu-node-0001"])
                #expect(cpuPods.isEmpty)
                let gpuPods = try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "--field-selector", "spec.nodeName=gpu-node-0001"])
                #expect(gpuPods.count == Operands.podsPerGPUNode)
                let cpuLabels = try cluster.json(["get", "node", "cpu-node-0001"])["metadata"] as? [String: Any]
                let labels = cpuLabels?["labels"] as? [String: String] ?? [:]
                #expect(!labels.keys.contains { $0.hasPrefix("nvidia.com/gpu.deploy.") })
                let conditions = try cluster.conditions()
                #expect(conditions["Ready"]?.reason == "Reconciled")
                #expect(conditions["DriverReady"]?.message == "3/3 nodes ready")
            }
        }

        @Test("converged and idle for 30 s: zero writes and zero LISTs")
        func idleClusterMakesNoRequests() async throws {
            try await withOperatorCluster(gpuNodes: 3, cpuNodes: 1) { cluster, _ in
                try await cluster.waitForState("ready")
                // Let the last status write and its watch event settle, then measure.
                try await Task.sleep(for: .seconds(2))
                try cluster.resetStats()
                // The acceptance criterion is an observation window: nothing may happen during it.
                try await Task.sleep(for: .seconds(30))
                let counts = try cluster.requestCounts()
                #expect(counts.writes == 0, "requests while idle: \(counts.byVerb)")
                #expect(counts.lists == 0, "requests while idle: \(counts.byVerb)")
            }
        }
    }
}
