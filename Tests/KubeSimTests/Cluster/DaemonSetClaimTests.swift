import KubeModels
import Testing

@testable import KubeSim

/// What a DaemonSet may and may not claim: orphans its selector misses, pods another controller
/// owns, and its own pods relabelled out of its selector.
@Suite("DaemonSet claims: orphans, foreign controllers and release")
struct DaemonSetClaimTests {
    @Test("orphans the selector does not match stay orphaned; the DaemonSet runs its own pods beside them")
    func unmatchedOrphans() async throws {
        let harness = await ClusterHarness(gpuNodes: 3)
        try await harness.create(
            ClusterHarness.daemonSets, Adoption.daemonSet(selector: ["app": "x"], labels: ["app": "x", "part-of": "a"], image: "driver:1"))
        await harness.settle()
        _ = try await harness.cluster.delete(
            ClusterHarness.daemonSets, namespace: "default", name: "ds", options: DeleteOptions(propagationPolicy: "Orphan"))
        await harness.settle()
        let orphans = try await harness.pods()
        let created = try await harness.create(
            ClusterHarness.daemonSets,
            Adoption.daemonSet(selector: ["app": "x", "part-of": "b"], labels: ["app": "x", "part-of": "b"], image: "driver:2"))
        await harness.settle()
        let pods = try await harness.pods()
        #expect(pods.count == 6)
        let kept = pods.filter { pod in orphans.contains { $0.uid == pod.uid } }
        #expect(kept.count == 3 && kept.allSatisfy { $0.ownerReferences.isEmpty })
        let owned = pods.filter { $0.ownerReferences.first?.uid == created.uid }
        #expect(owned.count == 3 && Set(owned.map(Adoption.node)) == Set(Adoption.nodes))
    }

    @Test("a pod controlled by another owner is never adopted, even when the selector matches it")
    func foreignController() async throws {
        let harness = await ClusterHarness(gpuNodes: 3)
        let foreign = try await harness.create(
            ClusterHarness.pods, WorkloadFixtures.pod("job-pod", labels: ["app": "x", "part-of": "a"], ownerKind: "Job"))
        await harness.settle()
        try await harness.create(
            ClusterHarness.daemonSets, Adoption.daemonSet(selector: ["app": "x"], labels: ["app": "x", "part-of": "a"], image: "driver:1"))
        await harness.settle()
        let pod = try await harness.get(ClusterHarness.pods, "job-pod")
        #expect(pod.ownerReferences == foreign.ownerReferences && pod.ownerReferences.first?.kind == "Job")
        let pods = try await harness.pods()
        #expect(pods.filter { $0.ownerReferences.first?.kind == "DaemonSet" }.count == 3)
    }

    @Test("an orphan created after the DaemonSet is adopted (then deleted as a second pod on its node); one being deleted is not")
    func laterOrphan() async throws {
        let harness = await ClusterHarness(gpuNodes: 1)
        let created = try await harness.create(
            ClusterHarness.daemonSets, Adoption.daemonSet(selector: ["app": "x"], labels: ["app": "x"], image: "driver:1"))
        await harness.settle()
        let own = try await harness.pods()
        let start = await harness.cluster.resourceVersion
        try await harness.create(ClusterHarness.pods, WorkloadFixtures.pod("stray", labels: ["app": "x"]))
        try await harness.create(
            ClusterHarness.pods,
            WorkloadFixtures.pod("leaving", labels: ["app": "x"]).setting(["metadata", "finalizers"], to: ["example.com/hold"]))
        _ = try await harness.cluster.delete(ClusterHarness.pods, namespace: "default", name: "leaving", options: DeleteOptions())
        await harness.settle()
        let stray = try await Adoption.events(harness, ClusterHarness.pods, after: start).filter { $0.object.key.name == "stray" }
        #expect(stray.first?.type == .added && stray.last?.type == .deleted)
        #expect(stray.contains { $0.type == .modified && $0.object.ownerReferences.first?.uid == created.uid })
        #expect(stray.last?.object.ownerReferences.first?.uid == created.uid)
        #expect(try await harness.get(ClusterHarness.pods, "leaving").ownerReferences.isEmpty)
        #expect(try await harness.pods().filter { $0.ownerReferences.first?.uid == created.uid }.map(\.uid) == own.map(\.uid))
    }

    @Test("a DaemonSet pod relabelled out of the selector is released and replaced")
    func release() async throws {
        let harness = await ClusterHarness(gpuNodes: 2)
        try await harness.create(ClusterHarness.daemonSets, Adoption.daemonSet(selector: ["app": "x"], labels: ["app": "x"], image: "driver:1"))
        await harness.settle()
        let victim = try #require(try await harness.pods().first { Adoption.node(of: $0) == "gpu-node-0001" })
        _ = try await harness.cluster.patch(
            ClusterHarness.pods, namespace: "default", name: victim.key.name, body: .merge(["metadata": ["labels": ["app": "debug"]]]),
            subresource: "", options: harness.options)
        await harness.settle()
        #expect(try await harness.get(ClusterHarness.pods, victim.key.name).ownerReferences.isEmpty)
        let onNode = try await harness.pods().filter { Adoption.node(of: $0) == "gpu-node-0001" }
        #expect(onNode.count == 2 && onNode.filter { $0.ownerReferences.first?.kind == "DaemonSet" }.count == 1)
        let daemonSet = try await harness.get(ClusterHarness.daemonSets, "ds")
        #expect(Adoption.status(daemonSet, "currentNumberScheduled") == 2 && Adoption.status(daemonSet, "numberReady") == 2)
    }
}
