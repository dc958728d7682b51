import KubeClient
import KubeModels
import KubeSim
import Manifests
import TestSupport
import Testing

@testable import Reconcilers

/// The identity of an owned object in the operand namespace.
private func owned(_ type: ResourceType, _ name: String) -> ObjectIdentity {
    ObjectIdentity(resourceType: type, namespace: type.isNamespaced ? LoopHarness.namespace : nil, name: name)
}

/// The objects a report applied (missing or changed).
private func applied(_ report: ComponentReport?) -> [ObjectIdentity] {
    (report?.steps ?? []).compactMap { step in
        if case .applied(let identity) = step { return identity }
        return nil
    }
}

/// The objects a report pruned.
private func pruned(_ report: ComponentReport?) -> [ObjectIdentity] {
    (report?.steps ?? []).compactMap { step in
        if case .pruned(let identity) = step { return identity }
        return nil
    }
}

/// The DaemonSet each DaemonSet component renders by default (upstream's names).
private let daemonSets: [(Component, String)] = [
    (.driver, "nvidia-driver-daemonset"), (.containerToolkit, "nvidia-container-toolkit-daemonset"),
    (.operatorValidation, "nvidia-operator-validator"), (.devicePlugin, "nvidia-device-plugin-daemonset"),
    (.mpsControlDaemon, "nvidia-device-plugin-mps-control-daemon"), (.dcgmExporter, "nvidia-dcgm-exporter"),
    (.gpuFeatureDiscovery, "gpu-feature-discovery"), (.migManager, "nvidia-mig-manager"),
]

/// Every component reconciler against an in-process API server with a manual clock: what users rely
/// on from the loop — create what is missing, write nothing when converged, revert edits, prune what
/// is disabled, name the nodes that are not ready, and report a failed write on that component.
@Suite("Component reconcilers") struct ComponentReconcilerTests {
    @Test("each component creates its missing objects; the Namespace comes first")
    func createsWhatIsMissing() async throws {
        let harness = try await LoopHarness.make()
        try await harness.syncCaches()
        let reports = await harness.reconcile()
        #expect(reports.map(\.component) == Component.allCases)
        let prerequisites = LoopHarness.report(.preRequisites, in: reports)
        #expect(applied(prerequisites).first == ObjectIdentity(resourceType: .namespaces, namespace: nil, name: LoopHarness.namespace))
        #expect(applied(LoopHarness.report(.operatorMetrics, in: reports)) == [owned(.services, "gpu-operator")])
        for (component, name) in daemonSets {
            let report = LoopHarness.report(component, in: reports)
            #expect(applied(report).last == owned(.daemonSets, name), "\(component)")
            #expect(try await harness.client.get(DaemonSet.self, name: name, namespace: LoopHarness.namespace) != nil, "\(name)")
            // Just applied: the DaemonSet controller has not observed it, so the component waits.
            #expect(report?.status.state == .notReady, "\(component)")
        }
        #expect(reports.allSatisfy { $0.failures.isEmpty })
    }

    @Test("a converged cluster costs no write and every component is ready")
    func convergedClusterWritesNothing() async throws {
        let harness = try await LoopHarness.make()
        try await harness.converge()
        harness.server.resetStats()
        let reports = await harness.reconcile()
        #expect(harness.server.statistics().writes() == 0)
        #expect(reports.allSatisfy { $0.steps.isEmpty }, "\(reports.map(\.steps))")
        for report in reports {
            #expect(report.isReady, "\(report.component): \(report.status.message)")
        }
        #expect(LoopHarness.report(.devicePlugin, in: reports)?.status.message == "2/2 nodes ready")
        #expect(LoopHarness.report(.dcgm, in: reports)?.status.message == "2/2 nodes ready")
    }

    @Test("an edit of a field the operator owns is reverted and reported as such")
    func revertsAnEdit() async throws {
        let harness = try await LoopHarness.make()
        try await harness.converge()
        let name = "nvidia-device-plugin-daemonset"
        let before = try #require(try await harness.client.get(DaemonSet.self, name: name, namespace: LoopHarness.namespace))
        let image = try #require(before.spec?.template.spec.containers.first?.image)
        let edit: JSONValue = ["spec": ["template": ["spec": ["containers": [["name": "nvidia-device-plugin", "image": "example.com/edited:1"]]]]]]
        _ = try await harness.client.patch(DaemonSet.self, name: name, namespace: LoopHarness.namespace, patch: .merge(edit))
        try await harness.syncCaches()
        let reports = await harness.reconcile()
        let report = LoopHarness.report(.devicePlugin, in: reports)
        #expect(report?.reverted == [owned(.daemonSets, name)])
        let after = try #require(try await harness.client.get(DaemonSet.self, name: name, namespace: LoopHarness.namespace))
        #expect(after.spec?.template.spec.containers.first { $0.name == "nvidia-device-plugin" }?.image == image)
        // Only the edited component wrote anything.
        #expect(reports.filter { !$0.steps.filter(\.isWrite).isEmpty }.map(\.component) == [.devicePlugin])
    }

    @Test("disabling a component prunes every object it owned and reports it disabled")
    func prunesADisabledComponent() async throws {
        let harness = try await LoopHarness.make()
        try await harness.converge()
        try await harness.patchPolicy(["dcgmExporter": ["enabled": false]])
        try await harness.syncCaches()
        let reports = await harness.reconcile()
        let report = try #require(LoopHarness.report(.dcgmExporter, in: reports))
        #expect(pruned(report).contains(owned(.daemonSets, "nvidia-dcgm-exporter")))
        #expect(pruned(report).contains(owned(.services, "nvidia-dcgm-exporter")))
        #expect(report.status.state == .disabled)
        #expect(try await harness.client.get(DaemonSet.self, name: "nvidia-dcgm-exporter", namespace: LoopHarness.namespace) == nil)
        // Nothing else is touched.
        #expect(reports.filter { !pruned($0).isEmpty }.map(\.component) == [.dcgmExporter])
    }

    @Test("a node whose operand pod is stuck is named in the component's condition")
    func namesNotReadyNodes() async throws {
        let harness = try await LoopHarness.make()
        try await harness.converge()
        await harness.server.holdPods(onNode: "gpu-node-0002", unready: true)
        try await harness.settle()
        let first = await harness.reconcile()
        let waiting = try #require(LoopHarness.report(.devicePlugin, in: first))
        #expect(waiting.status.state == .notReady)
        #expect(waiting.requeueAfter != nil, "a not-ready component asks to be looked at again")
        // Once the DaemonSet's status has stayed put past the stability delay, its pods are read.
        harness.clock.advance(by: .seconds(2))
        let second = await harness.reconcile()
        let report = try #require(LoopHarness.report(.devicePlugin, in: second))
        #expect(report.status.state == .notReady)
        #expect(report.status.message.hasPrefix("1/2 nodes ready; not ready: gpu-node-0002 ("), "\(report.status.message)")
        #expect(LoopHarness.report(.devicePlugin, in: second)?.steps.contains { $0.isWaiting } == true)
    }

    /// Someone else's DaemonSet with the device plugin's name and another (immutable) selector.
    static let foreignDevicePlugin: JSONValue = [
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": ["name": "nvidia-device-plugin-daemonset", "namespace": .string(LoopHarness.namespace)],
        "spec": [
            "selector": ["matchLabels": ["app": "someone-else"]],
            "template": ["metadata": ["labels": ["app": "someone-else"]], "spec": ["containers": [["name": "c", "image": "busybox"]]]],
        ],
    ]

    @Test("a DaemonSet whose selector differs is deleted orphaning its pods, then recreated as ours on a later pass")
    func immutableSelectorIsReplaced() async throws {
        let harness = try await LoopHarness.make()
        _ = try await harness.client.create(
            .namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(LoopHarness.namespace)]])
        _ = try await harness.client.create(.daemonSets, Self.foreignDevicePlugin, namespace: LoopHarness.namespace)
        try await harness.syncCaches()
        let first = await harness.reconcile()
        let report = try #require(LoopHarness.report(.devicePlugin, in: first))
        let identity = ObjectIdentity(resourceType: .daemonSets, namespace: LoopHarness.namespace, name: "nvidia-device-plugin-daemonset")
        #expect(report.replaced.map(\.object) == [identity])
        #expect(report.replaced.first?.fields == ["spec.selector"])
        #expect(report.status.state == .notReady)
        #expect(report.requeueAfter == .seconds(1), "the pass that recreates it must come without an event")
        // The server finishes the orphaning delete; the next pass creates ours.
        await harness.server.runControllers()
        try await harness.syncCaches()
        _ = await harness.reconcile()
        let recreated = try #require(try await harness.client.get(DaemonSet.self, name: identity.name, namespace: LoopHarness.namespace))
        #expect(recreated.spec?.selector.matchLabels == ["app": "nvidia-device-plugin-daemonset"])
    }

    @Test("a write the API server refuses fails that component only, with the server's reason")
    func applyFailureIsTheComponentsCondition() async throws {
        let harness = try await LoopHarness.make(retry: .never)
        _ = try await harness.client.create(
            .namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(LoopHarness.namespace)]])
        _ = try await harness.client.create(.daemonSets, Self.foreignDevicePlugin, namespace: LoopHarness.namespace)
        try await harness.syncCaches()
        // Replacing the foreign DaemonSet needs a delete, which the server now refuses.
        await harness.server.setFaults(FaultProfile(errorRates: [500: 1.0], verbs: ["delete"], seed: 1))
        let reports = await harness.reconcile()
        let report = try #require(LoopHarness.report(.devicePlugin, in: reports))
        #expect(report.status.state == .failed)
        #expect(
            report.status.message.contains("applying DaemonSet \(LoopHarness.namespace)/nvidia-device-plugin-daemonset"), "\(report.status.message)")
        #expect(report.failures.count == 1)
        #expect(reports.filter { !$0.failures.isEmpty }.map(\.component) == [.devicePlugin])
        #expect(ClusterReconciler.outcome(reports, hasNFDLabels: true, isReady: false) == .failure)
    }
}

extension ReconcileStep {
    /// Whether the step wrote to the API.
    var isWrite: Bool {
        switch self {
        case .applied, .reverted, .pruned, .replaced, .advanced: true
        case .waiting, .failed: false
        }
    }

    /// Whether the step is a wait.
    var isWaiting: Bool {
        if case .waiting = self { return true }
        return false
    }
}
