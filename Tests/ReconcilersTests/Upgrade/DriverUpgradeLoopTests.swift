import KubeClient
import KubeModels
import KubeSim
import Manifests
import TestSupport
import Testing

@testable import Reconcilers

/// The driver upgrade controller against the in-process API server: the planner's passes carried out
/// through the real client, the simulated DaemonSet controller replacing deleted driver pods.
@Suite("Driver upgrades through the loop") struct DriverUpgradeLoopTests {
    /// The default upgrade policy of NVIDIA's chart.
    static let chartPolicy: JSONValue = ["autoUpgrade": true, "maxParallelUpgrades": 1, "maxUnavailable": "25%"]

    /// Reconciles (cluster and nodes), lets the simulation run and the clock move, until `done` holds
    /// or `rounds` run out; returns the most nodes cordoned at once.
    private func drive(_ harness: LoopHarness, rounds: Int = 60, until done: () async throws -> Bool) async throws -> Int {
        var mostCordoned = 0
        for _ in 0..<rounds {
            try await harness.syncCaches()
            try await harness.labelNodes()
            _ = await harness.cluster.reconcile(reconcileID: 0)
            await harness.server.runControllers()
            await harness.server.runControllers()
            harness.clock.advance(by: .seconds(2))
            let nodes = try await harness.client.list(Node.self).items
            mostCordoned = max(mostCordoned, nodes.filter { $0.spec?.unschedulable == true }.count)
            if try await done() { break }
        }
        return mostCordoned
    }

    /// Whether every driver pod runs `version`.
    private func driversRun(_ version: String, _ harness: LoopHarness) async throws -> Bool {
        let pods = try await harness.client.list(Pod.self, namespace: LoopHarness.namespace, labelSelector: "app=nvidia-driver-daemonset")
        return !pods.items.isEmpty && pods.items.allSatisfy { $0.spec?.containers.contains { ($0.image ?? "").contains(version) } == true }
    }

    private func states(_ harness: LoopHarness) async throws -> [String: String] {
        var states: [String: String] = [:]
        for node in try await harness.client.list(Node.self).items where node.metadata.name?.hasPrefix("gpu-") == true {
            states[node.metadata.name ?? ""] = node.metadata.labels?[UpgradeKeys.state] ?? ""
        }
        return states
    }

    @Test("a new driver version rolls node by node: never two cordoned at once, every node upgrade-done and schedulable")
    func rollsOneNodeAtATime() async throws {
        let harness = try await LoopHarness.make(gpuNodes: 3, cpuNodes: 0, policy: ["driver": ["upgradePolicy": Self.chartPolicy]])
        try await harness.converge()
        let annotated = try await harness.client.get(Node.self, name: "gpu-node-0001")
        #expect(annotated?.metadata.annotations?[UpgradeKeys.enabled] == "true", "k8s-driver-manager is told the operator evicts")
        try await harness.patchPolicy(["driver": ["repository": "nvcr.io/nvidia", "image": "driver", "version": "580.95.05"]])
        let cordoned = try await drive(harness) {
            let allDone = try await states(harness).values.allSatisfy { $0 == "upgrade-done" }
            let state = try await harness.storedStatus()?.state
            return try await driversRun("580.95.05", harness) && allDone && state == .ready
        }
        #expect(try await states(harness) == ["gpu-node-0001": "upgrade-done", "gpu-node-0002": "upgrade-done", "gpu-node-0003": "upgrade-done"])
        #expect(cordoned == 1)
        let nodes = try await harness.client.list(Node.self).items
        #expect(nodes.allSatisfy { $0.spec?.unschedulable != true })
        #expect(
            nodes.allSatisfy {
                ($0.metadata.annotations ?? [:]).keys.allSatisfy { $0 == UpgradeKeys.enabled || !$0.hasPrefix("nvidia.com/gpu-driver-upgrade") }
            })
        let pods = try await harness.client.list(Pod.self, namespace: LoopHarness.namespace, labelSelector: "app=nvidia-driver-daemonset")
        #expect(pods.items.count == 3)
        #expect(pods.items.allSatisfy { $0.spec?.containers.contains { ($0.image ?? "").contains("580.95.05") } == true })
        #expect(try await harness.storedStatus()?.state == .ready)
    }

    @Test("autoUpgrade off: no driver pod is deleted and the driver condition names the outdated nodes")
    func manualUpgrades() async throws {
        let harness = try await LoopHarness.make(gpuNodes: 2, cpuNodes: 0)
        try await harness.converge()
        try await harness.patchPolicy(["driver": ["repository": "nvcr.io/nvidia", "image": "driver", "version": "580.95.05"]])
        _ = try await drive(harness, rounds: 5) { false }
        let status = try #require(try await harness.storedStatus())
        let driver = status.conditions?.first { $0.type == "DriverReady" }
        #expect(driver?.status == .false)
        #expect(
            driver?.message.hasPrefix("2/2 node(s) run an outdated driver (gpu-node-0001, gpu-node-0002); automatic upgrades are off") == true,
            "\(driver?.message ?? "")")
        #expect(harness.server.statistics().count(verb: "delete", resource: "pods") == 0)
        #expect(try await states(harness).values.allSatisfy { $0 == "" })
    }

    @Test("with the chart's 25% an admin's cordon on one of two nodes uses the budget: the other waits, and the status says why")
    func adminCordonUsesTheBudget() async throws {
        let harness = try await LoopHarness.make(gpuNodes: 2, cpuNodes: 0, policy: ["driver": ["upgradePolicy": Self.chartPolicy]])
        try await harness.converge()
        _ = try await harness.client.patch(Node.self, name: "gpu-node-0002", patch: .merge(["spec": ["unschedulable": true]]))
        try await harness.patchPolicy(["driver": ["repository": "nvcr.io/nvidia", "image": "driver", "version": "580.95.05"]])
        _ = try await drive(harness, rounds: 20) { false }
        #expect(try await states(harness) == ["gpu-node-0001": "upgrade-required", "gpu-node-0002": "upgrade-done"])
        let message = try await harness.storedStatus()?.conditions?.first { $0.type == "DriverReady" }?.message
        #expect(
            message == "upgrading to 580.95.05: 1/2 done; 1 pending, waiting for an upgrade slot (maxParallelUpgrades 1, 0 in progress; "
                + "maxUnavailable 25% = 1 of 2 node(s), 1 unavailable: gpu-node-0002)")
    }

    @Test("a node an admin cordoned before the upgrade is still cordoned after it")
    func adminCordonSurvives() async throws {
        let policy: JSONValue = ["autoUpgrade": true, "maxParallelUpgrades": 1, "maxUnavailable": "100%"]
        let harness = try await LoopHarness.make(gpuNodes: 2, cpuNodes: 0, policy: ["driver": ["upgradePolicy": policy]])
        try await harness.converge()
        _ = try await harness.client.patch(Node.self, name: "gpu-node-0002", patch: .merge(["spec": ["unschedulable": true]]))
        try await harness.patchPolicy(["driver": ["repository": "nvcr.io/nvidia", "image": "driver", "version": "580.95.05"]])
        _ = try await drive(harness) {
            let done = try await states(harness).values.allSatisfy { $0 == "upgrade-done" }
            return try await driversRun("580.95.05", harness) && done
        }
        #expect(try await driversRun("580.95.05", harness))
        let final = try await states(harness)
        let status = try await harness.storedStatus()
        #expect(
            final.values.allSatisfy { $0 == "upgrade-done" },
            "\(final) \(String(describing: status?.conditions?.first { $0.type == "DriverReady" }?.message))")
        let admins = try await harness.client.get(Node.self, name: "gpu-node-0002")
        #expect(admins?.spec?.unschedulable == true)
        #expect(try await harness.client.get(Node.self, name: "gpu-node-0001")?.spec?.unschedulable != true)
    }
}
