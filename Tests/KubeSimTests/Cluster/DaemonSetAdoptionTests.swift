import KubeModels
import Testing

@testable import KubeSim

/// A DaemonSet replaced under its running pods: deleted with `propagationPolicy: Orphan`, then
/// created again under the same name with another selector or template, as the real garbage
/// collector and DaemonSet controller handle it.
@Suite("DaemonSet replacement: orphan delete, adoption and rollout of adopted pods")
struct DaemonSetAdoptionTests {
    static let oldSelector = ["app": "x"]
    static let oldLabels = ["app": "x", "part-of": "a"]

    /// Creates DaemonSet A (selector `{app: x}`, labels `{app: x, part-of: a}`) on three GPU nodes,
    /// waits for its pods, and deletes it with the Orphan policy.
    /// - Returns: the orphaned pods.
    func orphanedPods(_ harness: ClusterHarness) async throws -> [StoredObject] {
        try await harness.create(
            ClusterHarness.daemonSets, Adoption.daemonSet(selector: Self.oldSelector, labels: Self.oldLabels, image: "driver:1"))
        await harness.settle()
        _ = try await harness.cluster.delete(
            ClusterHarness.daemonSets, namespace: "default", name: "ds", options: DeleteOptions(propagationPolicy: "Orphan"))
        await harness.settle()
        let pods = try await harness.pods()
        #expect(pods.count == 3 && pods.allSatisfy { $0.ownerReferences.isEmpty && PodStatusFactory.isReady($0.value["status"]) })
        return pods
    }

    @Test("orphan delete: MODIFIED with deletionTimestamp and the orphan finalizer, pods lose the ownerRef, then DELETED")
    func orphanDelete() async throws {
        let harness = await ClusterHarness(gpuNodes: 3)
        let daemonSet = try await harness.create(
            ClusterHarness.daemonSets, Adoption.daemonSet(selector: Self.oldSelector, labels: Self.oldLabels, image: "driver:1"))
        await harness.settle()
        let before = try await harness.pods()
        #expect(before.count == 3 && before.allSatisfy { $0.ownerReferences.map(\.uid) == [daemonSet.uid] })
        let start = await harness.cluster.resourceVersion
        let outcome = try await harness.cluster.delete(
            ClusterHarness.daemonSets, namespace: "default", name: "ds", options: DeleteOptions(propagationPolicy: "Orphan"))
        guard case .pending(let pending) = outcome else {
            Issue.record("an orphan delete must wait for the garbage collector")
            return
        }
        #expect(pending.finalizers == ["orphan"] && pending.isDeleting)
        await harness.settle()

        let dsEvents = try await Adoption.events(harness, ClusterHarness.daemonSets, after: start)
        #expect(dsEvents.map(\.type) == [.modified, .deleted])
        #expect(dsEvents.first?.object.finalizers == ["orphan"] && dsEvents.first?.object.isDeleting == true)
        #expect(dsEvents.last?.object.finalizers.isEmpty == true)
        let podEvents = try await Adoption.events(harness, ClusterHarness.pods, after: start)
        #expect(podEvents.count == 3 && podEvents.allSatisfy { $0.type == .modified && $0.object.ownerReferences.isEmpty })
        let deletedAt = dsEvents.last?.object.resourceVersion ?? 0
        #expect(podEvents.allSatisfy { $0.object.resourceVersion < deletedAt })

        let after = try await harness.pods()
        #expect(after.map(\.uid).sorted() == before.map(\.uid).sorted())
        #expect(after.allSatisfy { $0.ownerReferences.isEmpty && PodStatusFactory.isReady($0.value["status"]) })
        let revisions = try await harness.cluster.list(ClusterHarness.revisions, namespace: "default", options: ListOptions()).items
        #expect(revisions.count == 1 && revisions.allSatisfy { $0.ownerReferences.isEmpty })
    }

    @Test("an orphan delete of an object without dependents still goes through the finalizer")
    func orphanDeleteWithoutDependents() async throws {
        let harness = await ClusterHarness()
        let start = await harness.cluster.resourceVersion
        try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("lonely"))
        let outcome = try await harness.cluster.delete(
            ClusterHarness.configMaps, namespace: "default", name: "lonely", options: DeleteOptions(propagationPolicy: "Orphan"))
        guard case .pending(let pending) = outcome else {
            Issue.record("an orphan delete must wait for the garbage collector")
            return
        }
        #expect(pending.finalizers == ["orphan"])
        await harness.settle()
        #expect(await !harness.exists(ClusterHarness.configMaps, "lonely"))
        let events = try await Adoption.events(harness, ClusterHarness.configMaps, after: start)
        #expect(events.map(\.type) == [.added, .modified, .deleted])
    }

    @Test("a new DaemonSet adopts the orphans and rolls them one node at a time, each after the previous replacement is ready")
    func rollingAdoption() async throws {
        let harness = await ClusterHarness(gpuNodes: 3)
        let orphans = try await orphanedPods(harness)
        let start = await harness.cluster.resourceVersion
        let created = try await harness.create(
            ClusterHarness.daemonSets,
            Adoption.daemonSet(selector: Self.oldLabels, labels: Self.oldLabels, image: "driver:2", templateGeneration: 2))
        #expect(created.annotations[BuiltinLifecycle.templateGenerationAnnotation] == "2")

        await harness.settle(podsBecomeReady: false)
        var pods = try await harness.pods()
        #expect(pods.count == 3 && pods.allSatisfy { $0.ownerReferences.first?.uid == created.uid && $0.ownerReferences.first?.controller == true })
        let adopted = pods.filter { pod in orphans.contains { $0.uid == pod.uid } }
        #expect(adopted.count == 2)
        #expect(pods.filter { !PodStatusFactory.isReady($0.value["status"]) }.count == 1)
        var daemonSet = try await harness.get(ClusterHarness.daemonSets, "ds")
        #expect(Adoption.status(daemonSet, "desiredNumberScheduled") == 3 && Adoption.status(daemonSet, "currentNumberScheduled") == 3)
        #expect(Adoption.status(daemonSet, "numberReady") == 2 && Adoption.status(daemonSet, "numberAvailable") == 2)
        #expect(Adoption.status(daemonSet, "updatedNumberScheduled") == 1 && Adoption.status(daemonSet, "numberUnavailable") == 1)
        #expect(Adoption.status(daemonSet, "observedGeneration") == 1)

        await harness.settle()
        let events = try await Adoption.events(harness, ClusterHarness.pods, after: start)
        let unavailable = Adoption.unavailableNodes(replaying: events, from: orphans)
        #expect(unavailable.max() == 1)
        #expect(events.filter { $0.type == .deleted }.count == 3 && events.filter { $0.type == .added }.count == 3)

        pods = try await harness.pods()
        daemonSet = try await harness.get(ClusterHarness.daemonSets, "ds")
        let revisions = try await harness.cluster.list(ClusterHarness.revisions, namespace: "default", options: ListOptions()).items
        let current = try #require(revisions.max { ($0.value["revision"]?.intValue ?? 0) < ($1.value["revision"]?.intValue ?? 0) })
        let hash = current.labels["controller-revision-hash"]
        #expect(revisions.allSatisfy { $0.ownerReferences.first?.uid == created.uid })
        #expect(pods.count == 3 && Set(pods.map(Adoption.node)) == Set(Adoption.nodes))
        #expect(pods.allSatisfy { $0.labels["controller-revision-hash"] == hash && $0.labels["pod-template-generation"] == "2" })
        #expect(pods.allSatisfy { DaemonSetUpgradeTests.image($0) == "driver:2" && PodStatusFactory.isReady($0.value["status"]) })
        for field in ["desiredNumberScheduled", "currentNumberScheduled", "numberReady", "updatedNumberScheduled", "numberAvailable"] {
            #expect(Adoption.status(daemonSet, field) == 3, "\(field)")
        }
        #expect(Adoption.status(daemonSet, "numberUnavailable") == 0 && Adoption.status(daemonSet, "observedGeneration") == 1)
    }

    @Test("a wider selector ({app: x}) adopts the old pods and rolls them to the new template labels")
    func subsetSelector() async throws {
        let harness = await ClusterHarness(gpuNodes: 3)
        let orphans = try await orphanedPods(harness)
        let start = await harness.cluster.resourceVersion
        let created = try await harness.create(
            ClusterHarness.daemonSets,
            Adoption.daemonSet(selector: Self.oldSelector, labels: ["app": "x", "part-of": "b"], image: "driver:1", templateGeneration: 2))
        await harness.settle()
        let events = try await Adoption.events(harness, ClusterHarness.pods, after: start)
        let adoptions = events.filter { event in
            event.type == .modified && orphans.contains { $0.uid == event.object.uid } && event.object.ownerReferences.first?.uid == created.uid
        }
        #expect(Set(adoptions.map(\.object.uid)) == Set(orphans.map(\.uid)))
        #expect(Adoption.unavailableNodes(replaying: events, from: orphans).allSatisfy { $0 <= 1 })
        let pods = try await harness.pods()
        #expect(pods.count == 3 && pods.allSatisfy { $0.labels["part-of"] == "b" && $0.ownerReferences.first?.uid == created.uid })
        #expect(Adoption.status(try await harness.get(ClusterHarness.daemonSets, "ds"), "updatedNumberScheduled") == 3)
    }

    @Test("OnDelete: adopted pods keep running, not counted as updated, until deleted; no second pod on their nodes")
    func onDeleteAdoption() async throws {
        let harness = await ClusterHarness(gpuNodes: 3)
        let orphans = try await orphanedPods(harness)
        let created = try await harness.create(
            ClusterHarness.daemonSets,
            Adoption.daemonSet(selector: Self.oldLabels, labels: Self.oldLabels, image: "driver:2", onDelete: true, templateGeneration: 2))
        await harness.settle()
        var pods = try await harness.pods()
        #expect(pods.map(\.uid).sorted() == orphans.map(\.uid).sorted())
        #expect(pods.allSatisfy { $0.ownerReferences.first?.uid == created.uid })
        var daemonSet = try await harness.get(ClusterHarness.daemonSets, "ds")
        #expect(Adoption.status(daemonSet, "updatedNumberScheduled") == 0 && Adoption.status(daemonSet, "numberReady") == 3)
        #expect(Adoption.status(daemonSet, "currentNumberScheduled") == 3 && Adoption.status(daemonSet, "numberAvailable") == 3)

        let first = try #require(pods.first { Adoption.node(of: $0) == "gpu-node-0001" })
        _ = try await harness.cluster.delete(ClusterHarness.pods, namespace: "default", name: first.key.name, options: DeleteOptions())
        await harness.settle()
        pods = try await harness.pods()
        #expect(pods.count == 3)
        let replacement = try #require(pods.first { Adoption.node(of: $0) == "gpu-node-0001" })
        #expect(DaemonSetUpgradeTests.image(replacement) == "driver:2" && replacement.labels["pod-template-generation"] == "2")
        daemonSet = try await harness.get(ClusterHarness.daemonSets, "ds")
        #expect(Adoption.status(daemonSet, "updatedNumberScheduled") == 1 && Adoption.status(daemonSet, "numberReady") == 3)
    }

    @Test("same template, narrower selector: pods and the ControllerRevision are adopted and nothing is replaced")
    func selectorOnlyChange() async throws {
        let harness = await ClusterHarness(gpuNodes: 3)
        let orphans = try await orphanedPods(harness)
        let created = try await harness.create(
            ClusterHarness.daemonSets, Adoption.daemonSet(selector: Self.oldLabels, labels: Self.oldLabels, image: "driver:1"))
        await harness.settle()
        let pods = try await harness.pods()
        #expect(pods.map(\.uid).sorted() == orphans.map(\.uid).sorted())
        let revisions = try await harness.cluster.list(ClusterHarness.revisions, namespace: "default", options: ListOptions()).items
        #expect(revisions.count == 1 && revisions.first?.ownerReferences.first?.uid == created.uid)
        #expect(Adoption.status(try await harness.get(ClusterHarness.daemonSets, "ds"), "updatedNumberScheduled") == 3)
    }

    @Test("adopted pods whose pod-template-generation equals the new DaemonSet's count as updated (util.IsPodUpdated)")
    func templateGenerationCoincidence() async throws {
        let harness = await ClusterHarness(gpuNodes: 3)
        let orphans = try await orphanedPods(harness)
        #expect(orphans.allSatisfy { $0.labels["pod-template-generation"] == "1" })
        try await harness.create(
            ClusterHarness.daemonSets, Adoption.daemonSet(selector: Self.oldLabels, labels: Self.oldLabels, image: "driver:2"))
        await harness.settle()
        let pods = try await harness.pods()
        #expect(pods.map(\.uid).sorted() == orphans.map(\.uid).sorted())
        #expect(pods.allSatisfy { DaemonSetUpgradeTests.image($0) == "driver:1" })
        #expect(Adoption.status(try await harness.get(ClusterHarness.daemonSets, "ds"), "updatedNumberScheduled") == 3)
    }
}
