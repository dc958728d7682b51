import KubeClient
import KubeModels
import KubeSim
import Manifests
import TestSupport
import Testing

@testable import Reconcilers

/// What each component reconciler does beyond the shared apply/prune/readiness: the driver's
/// `OnDelete` rollouts, the prerequisites' orphan pruning, the metrics reconciler's ServiceMonitor
/// gating, node labelling, and the status written once.
@Suite("Component reconcilers: component-specific behaviour") struct ComponentSpecificsTests {
    @Test("driver: with automatic upgrades off a new version is applied but running drivers are not restarted; the outdated nodes are named")
    func driverChangeWaitsForRestart() async throws {
        let harness = try await LoopHarness.make()
        try await harness.converge()
        try await harness.patchPolicy(["driver": ["repository": "nvcr.io/nvidia", "image": "driver", "version": "999.1.2"]])
        try await harness.syncCaches()
        let applying = await harness.reconcile()
        let driver = try #require(LoopHarness.report(.driver, in: applying))
        #expect(
            driver.steps.contains { step in
                if case .applied(let identity) = step { return identity.name == "nvidia-driver-daemonset" }
                return false
            })
        try await harness.settle()
        harness.clock.advance(by: .seconds(2))
        _ = await harness.reconcile()
        harness.clock.advance(by: .seconds(2))
        let reports = await harness.reconcile()
        let report = try #require(LoopHarness.report(.driver, in: reports))
        #expect(report.status.state == .notReady, "\(report.status.message)")
        #expect(report.status.message.hasPrefix("2/2 node(s) run an outdated driver (gpu-node-0001, gpu-node-0002)"), "\(report.status.message)")
        #expect(report.requeueAfter != nil)
        // The pods still run the old template: OnDelete leaves them for a deliberate restart.
        let pods = try await harness.client.list(Pod.self, namespace: LoopHarness.namespace, labelSelector: "app=nvidia-driver-daemonset")
        #expect(pods.items.count == 2)
        #expect(pods.items.allSatisfy { !($0.spec?.containers.first?.image ?? "").contains("999.1.2") })
    }

    @Test("prerequisites: an owned object of a component this operator no longer knows is pruned")
    func prerequisitesPruneOrphans() async throws {
        let harness = try await LoopHarness.make()
        try await harness.converge()
        let orphan: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": [
                "name": "retired-operand-config", "namespace": .string(LoopHarness.namespace),
                "labels": .object([
                    OwnershipLabels.managedByKey: .string(OwnershipLabels.managedByValue), OwnershipLabels.componentKey: "retired-operand",
                ]),
            ],
        ]
        // Applied by an earlier version of this operator (our field manager's server-side apply).
        _ = try await harness.client.apply(.configMaps, orphan, fieldManager: OwnershipLabels.fieldManager, force: true)
        try await harness.syncCaches()
        let reports = await harness.reconcile()
        let identity = ObjectIdentity(resourceType: .configMaps, namespace: LoopHarness.namespace, name: "retired-operand-config")
        let steps = LoopHarness.report(.preRequisites, in: reports)?.steps ?? []
        #expect(
            steps.contains { step in
                if case .pruned(let pruned) = step { return pruned == identity }
                return false
            })
        #expect(try await harness.client.get(ConfigMap.self, name: "retired-operand-config", namespace: LoopHarness.namespace) == nil)
        // A ConfigMap without our managed-by label is never touched.
        _ = try await harness.client.create(
            .configMaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "users-config"]], namespace: LoopHarness.namespace)
        try await harness.syncCaches()
        _ = await harness.reconcile()
        #expect(try await harness.client.get(ConfigMap.self, name: "users-config", namespace: LoopHarness.namespace) != nil)
    }

    @Test("operator metrics: the Service is applied; no ServiceMonitor while its CRD is not served")
    func metricsWithoutServiceMonitorCRD() async throws {
        let harness = try await LoopHarness.make(policy: [
            "operator": ["serviceMonitor": ["enabled": true]], "dcgmExporter": ["serviceMonitor": ["enabled": true]],
        ])
        try await harness.syncCaches()
        let reports = await harness.reconcile()
        let metrics = try #require(LoopHarness.report(.operatorMetrics, in: reports))
        let written = metrics.steps.compactMap { step -> ResourceType? in
            if case .applied(let identity) = step { return identity.resourceType }
            return nil
        }
        #expect(written == [.services])
        #expect(metrics.status.state == .ready)
        #expect(metrics.failures.isEmpty)
        #expect(reports.allSatisfy { $0.failures.isEmpty })
    }

    @Test("node labels: a GPU node gets its labels in one patch, never twice before the watch shows it")
    func nodeLabelsOncePerChange() async throws {
        let harness = try await LoopHarness.make(gpuNodes: 1, cpuNodes: 1)
        try await harness.syncCaches()
        let labeler = NodeLabelReconciler(context: harness.context)
        harness.server.resetStats()
        let step = try await labeler.reconcile("gpu-node-0001", logger: harness.logger)
        #expect(step != nil)
        let node = try #require(try await harness.client.get(Node.self, name: "gpu-node-0001"))
        #expect(node.metadata.labels?["nvidia.com/gpu.present"] == "true")
        #expect(node.metadata.labels?["nvidia.com/gpu.deploy.driver"] == "true")
        // Re-queued before the node watch delivered the patch: the expectation answers, no second patch.
        #expect(try await labeler.reconcile("gpu-node-0001", logger: harness.logger) == nil)
        #expect(try await labeler.reconcile("cpu-node-0001", logger: harness.logger) == nil)
        #expect(harness.server.statistics().writes() == 1)
        // The watch catches up; the expectation gives way to the cache and still nothing is written.
        try await harness.syncCaches()
        #expect(try await labeler.reconcile("gpu-node-0001", logger: harness.logger) == nil)
        #expect(harness.server.statistics().writes() == 1)
    }

    @Test("status: written once per change, not again while the policy watch has not shown it")
    func statusWrittenOnce() async throws {
        let harness = try await LoopHarness.make()
        try await harness.converge()
        try await harness.syncCaches()
        harness.server.resetStats()
        // Converged and status already written by converge: a reconcile writes nothing at all.
        _ = await harness.cluster.reconcile(reconcileID: 1)
        #expect(harness.server.statistics().writes() == 0)
        let status = try #require(try await harness.storedStatus())
        #expect(status.state == .ready)
        #expect(status.conditions?.first { $0.type == "DevicePluginReady" }?.message == "2/2 nodes ready")
        // A change: the status is written once, and a second reconcile before the watch delivers the
        // write compares against what was written.
        try await harness.patchPolicy(["gfd": ["enabled": false]])
        try await harness.syncCaches()
        harness.server.resetStats()
        _ = await harness.cluster.reconcile(reconcileID: 2)
        let statusWrites = harness.statusPatches()
        #expect(statusWrites == 1)
        _ = await harness.cluster.reconcile(reconcileID: 3)
        #expect(harness.statusPatches() == statusWrites)
        let stored = try #require(try await harness.storedStatus())
        #expect(stored.conditions?.first { $0.type == "GPUFeatureDiscoveryReady" }?.reason == "Disabled")
    }
}
