import Foundation
import KubeClient
import KubeModels
import KubeSim
import Logging
import Manifests
import TestSupport
import Testing

@testable import Reconcilers

/// Polls `condition` (yielding, with short real sleeps) for up to about ten seconds.
private func eventually(_ condition: () async throws -> Bool) async rethrows -> Bool {
    for _ in 0..<1_000 {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return false
}

/// The whole loop — watch feeds, caches, queue, workers — against the in-process API server: the
/// watches are the caches' only writers, and the loop does not react to the echoes of its own writes.
@Suite("Control loop") struct ControlLoopTests {
    @Test("from an empty cluster to ready through the watches, then no request while nothing changes")
    func convergesThenStaysQuiet() async throws {
        let harness = try await LoopHarness.make()
        let controller = OperatorController(context: harness.context)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await controller.run() }
            // The simulated DaemonSet controller, as a real cluster's would run.
            group.addTask {
                while !Task.isCancelled {
                    await harness.server.runControllers()
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            let ready = try await eventually { try await harness.storedStatus()?.state == .ready }
            let status = try await harness.storedStatus()
            #expect(ready, "status: \(String(describing: status))")
            // Let the echoes of the last writes arrive (generously: CI machines are busy), then watch
            // for a quiet period.
            try await Task.sleep(for: .seconds(1))
            harness.server.resetStats()
            try await Task.sleep(for: .seconds(1))
            let stats = harness.server.statistics()
            #expect(stats.writes() == 0, "\(stats.requests)")
            #expect(stats.count(verb: "list") == 0)
            #expect(harness.context.nodeWrites.count == 0, "every label patch's echo was seen")
            #expect(harness.context.statusWrites.count == 0, "the status write's echo was seen")
            group.cancelAll()
        }
    }

    @Test("while GPU nodes wait for their labels the policy is not ready and says which nodes; then it is ready")
    func notReadyWhileLabelling() async throws {
        let harness = try await LoopHarness.make(gpuNodes: 2, cpuNodes: 0)
        try await harness.syncCaches()
        #expect(await harness.cluster.reconcile(reconcileID: 1) == .requeue(after: .seconds(1)))
        let status = try #require(try await harness.storedStatus())
        #expect(status.state == .notReady)
        let ready = status.conditions?.first { $0.type == "Ready" }
        #expect(ready?.reason == "NodesNotLabelled")
        #expect(ready?.message == "2 GPU node(s) not labelled yet, so their operands are not scheduled: gpu-node-0001, gpu-node-0002")
        try await harness.converge()
        #expect(try await harness.storedStatus()?.state == .ready)
    }

    @Test("a policy naming a ConfigMap that does not exist fails with a status that names it")
    func missingConfigMapIsReported() async throws {
        let harness = try await LoopHarness.make(policy: ["driver": ["kernelModuleConfig": ["name": "kernel-module-params"]]])
        try await harness.syncCaches()
        let outcome = await harness.cluster.reconcile(reconcileID: 1)
        #expect(outcome == .failure)
        let status = try #require(try await harness.storedStatus())
        #expect(status.state == .notReady)
        let error = status.conditions?.first { $0.type == "Error" }
        #expect(error?.reason == "ReconcileFailed")
        #expect(error?.message.contains("ConfigMap kernel-module-params named by spec.driver.kernelModuleConfig.name does not exist") == true)
        #expect(try await harness.client.list(DaemonSet.self, namespace: LoopHarness.namespace).items.isEmpty, "nothing half-applied")
    }

    @Test("leader election on a manual clock: the second replica waits while the lease is renewed, then takes over")
    func leaderElection() async throws {
        let harness = try await LoopHarness.make(policy: nil)
        _ = try await harness.client.create(
            .namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(LoopHarness.namespace)]])
        let wall = LockedBox(LoopHarness.now)
        let time = TimeSource(clock: harness.clock)
        let client = harness.client
        let logger = harness.logger
        let elector: @Sendable (String) -> LeaderElector = { identity in
            LeaderElector(
                client: client, namespace: LoopHarness.namespace, identity: identity, logger: logger, time: time,
                wallClock: { wall.value })
        }
        let leading = LockedBox<[String]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await elector("replica-a").run {
                    leading.update { $0.append("replica-a") }
                    try await Task.sleep(for: .seconds(3600))
                }
            }
            #expect(await eventually { leading.value == ["replica-a"] })
            let second = Task {
                try await elector("replica-b").run { leading.update { $0.append("replica-b") } }
            }
            // replica-b polls every retry period (2 s) and finds the lease held and fresh.
            #expect(await harness.clock.waitForSleepers(2))
            wall.update { $0 += 5 }
            harness.clock.advance(by: .seconds(2))
            try await Task.sleep(for: .milliseconds(100))
            #expect(leading.value == ["replica-a"])
            // replica-a stops renewing; once the lease (15 s) has run out, replica-b takes over.
            group.cancelAll()
            wall.update { $0 += 20 }
            for _ in 0..<5 {
                harness.clock.advance(by: .seconds(2))
                try await Task.sleep(for: .milliseconds(50))
            }
            _ = try? await second.value
            #expect(leading.value == ["replica-a", "replica-b"])
        }
    }
}
