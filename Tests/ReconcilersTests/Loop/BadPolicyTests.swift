import Foundation
import KubeClient
import KubeModels
import KubeSim
import Manifests
import Testing

@testable import Reconcilers

/// A policy the CRD schema accepts but that cannot be rendered into objects Kubernetes would take:
/// the operator says so in the status and leaves the last good state alone.
@Suite("Policies that cannot be rendered") struct BadPolicyTests {
    /// Every write since the last reset other than the ClusterPolicy's status and the Event reporting
    /// the failure.
    private func objectWrites(_ harness: LoopHarness) -> [KubeSimStats.Entry] {
        harness.server.statistics().requests.filter { entry in
            KubeSimStats.writeVerbs.contains(entry.verb) && !entry.resource.hasPrefix("clusterpolicies") && !entry.resource.hasPrefix("events")
        }
    }

    @Test(
        "notReady with an Error condition naming the field, and no object applied or deleted",
        arguments: [
            (["daemonsets": ["tolerations": [["operator": "Exists", "value": "x"]]]], "spec.daemonsets.tolerations[0].value"),
            (["daemonsets": ["labels": ["bad key!": "x"]]], "spec.daemonsets.labels.bad key!"),
            (["driver": ["resources": ["requests": ["cpu": "2"], "limits": ["cpu": "1"]]]], "spec.driver.resources.requests.cpu"),
        ] as [(JSONValue, String)])
    func refusedWithoutTouchingObjects(spec: JSONValue, field: String) async throws {
        let harness = try await LoopHarness.make()
        try await harness.converge()
        #expect(try await harness.storedStatus()?.state == .ready)
        let before = try await harness.client.list(DaemonSet.self, namespace: LoopHarness.namespace).items

        try await harness.patchPolicy(spec)
        try await harness.syncCaches()
        harness.server.resetStats()
        _ = await harness.cluster.reconcile(reconcileID: 1)

        #expect(objectWrites(harness).isEmpty, "\(objectWrites(harness))")
        let status = try #require(try await harness.storedStatus())
        #expect(status.state == .notReady)
        let error = try #require(status.conditions?.first { $0.type == "Error" })
        #expect(error.status == .true)
        #expect(error.message.contains(field), "\(error.message)")
        let after = try await harness.client.list(DaemonSet.self, namespace: LoopHarness.namespace).items
        #expect(after.map(\.metadata.name) == before.map(\.metadata.name))
        #expect(after.map(\.metadata.generation) == before.map(\.metadata.generation))
    }

    @Test("what the schema can express is rejected by the API server before the operator sees it")
    func schemaRejectsAtAdmission() async throws {
        let harness = try await LoopHarness.make()
        await #expect(throws: KubeError.self) {
            try await harness.patchPolicy(["daemonsets": ["tolerations": [["operator": "Sometimes"]]]])
        }
        await #expect(throws: KubeError.self) {
            try await harness.patchPolicy(["driver": ["env": [["name": "MY VAR", "value": "1"]]]])
        }
        await #expect(throws: KubeError.self) {
            try await harness.patchPolicy(["daemonsets": ["priorityClassName": "Not_A_DNS_Name"]])
        }
    }
}
