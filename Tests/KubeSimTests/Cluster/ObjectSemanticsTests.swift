import KubeModels
import Testing

@testable import KubeSim

@Suite("API semantics: versions, conflicts, generation, status, finalizers")
struct ObjectSemanticsTests {
    @Test("create stamps uid, creationTimestamp and resourceVersion; duplicates are AlreadyExists")
    func create() async throws {
        let harness = await ClusterHarness()
        let created = try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("a"))
        #expect(!created.uid.isEmpty)
        #expect(created.creationTimestamp != nil)
        #expect(created.value[path: ["metadata", "resourceVersion"]] == .string(String(created.resourceVersion)))
        #expect(created.value[path: ["metadata", "generation"]] == nil)
        let duplicate = await apiError { try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("a")) }
        #expect(duplicate?.code == 409)
        #expect(duplicate?.status.reason == "AlreadyExists")
        #expect(duplicate?.status.message == #"configmaps "a" already exists"#)
        let missing = await apiError {
            try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("b", namespace: "nope"), namespace: "nope")
        }
        #expect(missing?.code == 404)
        #expect(missing?.status.message == #"namespaces "nope" not found"#)
        let generated = try await harness.create(
            ClusterHarness.configMaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["generateName": "cm-"]])
        #expect(generated.key.name.hasPrefix("cm-") && generated.key.name.count == 8)
        let invalid = await apiError { try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("Bad_Name")) }
        #expect(invalid?.code == 422)
    }

    @Test("a stale resourceVersion is a 409 Conflict; an unchanged write keeps the version")
    func conflicts() async throws {
        let harness = await ClusterHarness()
        let created = try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("a", data: ["k": "1"]))
        let changed = try await harness.cluster.update(
            ClusterHarness.configMaps, namespace: "default", name: "a",
            body: created.value.setting(["data", "k"], to: "2"), subresource: "", options: harness.options)
        #expect(changed.object.resourceVersion > created.resourceVersion)
        let stale = await apiError {
            _ = try await harness.cluster.update(
                ClusterHarness.configMaps, namespace: "default", name: "a",
                body: created.value.setting(["data", "k"], to: "3"), subresource: "", options: harness.options)
        }
        #expect(stale?.code == 409)
        #expect(stale?.status.reason == "Conflict")
        let same = try await harness.cluster.update(
            ClusterHarness.configMaps, namespace: "default", name: "a",
            body: changed.object.value, subresource: "", options: harness.options)
        #expect(same.object.resourceVersion == changed.object.resourceVersion)
        let missing = await apiError {
            _ = try await harness.cluster.update(
                ClusterHarness.configMaps, namespace: "default", name: "zz", body: Fixtures.configMap("zz"),
                subresource: "", options: harness.options)
        }
        #expect(missing?.code == 404)
    }

    @Test("generation moves with the spec only; status lives in its subresource")
    func generationAndStatus() async throws {
        let harness = await ClusterHarness()
        let created = try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("ds"))
        #expect(created.value[path: ["metadata", "generation"]] == 1)
        let labelled = try await harness.cluster.patch(
            ClusterHarness.daemonSets, namespace: "default", name: "ds",
            body: .merge(["metadata": ["labels": ["a": "b"]]]), subresource: "", options: harness.options)
        #expect(labelled.object.value[path: ["metadata", "generation"]] == 1)
        let respec = try await harness.cluster.patch(
            ClusterHarness.daemonSets, namespace: "default", name: "ds",
            body: .merge(["spec": ["minReadySeconds": 5]]), subresource: "", options: harness.options)
        #expect(respec.object.value[path: ["metadata", "generation"]] == 2)
        let ignoredStatus = try await harness.cluster.patch(
            ClusterHarness.daemonSets, namespace: "default", name: "ds",
            body: .merge(["status": ["numberReady": 99]]), subresource: "", options: harness.options)
        #expect(ignoredStatus.object.value[path: ["status", "numberReady"]] == 0)
        let status = try await harness.cluster.patch(
            ClusterHarness.daemonSets, namespace: "default", name: "ds",
            body: .merge(["status": ["numberReady": 7], "spec": ["minReadySeconds": 9]]),
            subresource: "status", options: harness.options)
        #expect(status.object.value[path: ["status", "numberReady"]] == 7)
        #expect(status.object.value[path: ["spec", "minReadySeconds"]] == 5)
        #expect(status.object.value[path: ["metadata", "generation"]] == 2)
    }

    @Test("custom resources need a resourceVersion on PUT")
    func unconditionalUpdate() async throws {
        let harness = await ClusterHarness()
        let widgets = try await harness.widgets()
        try await harness.create(widgets, Fixtures.widget("w", size: 1))
        let error = await apiError {
            _ = try await harness.cluster.update(
                widgets, namespace: "default", name: "w", body: Fixtures.widget("w", size: 2),
                subresource: "", options: harness.options)
        }
        #expect(error?.code == 422)
        #expect(error?.status.details?.causes?.first?.field == "metadata.resourceVersion")
    }

    @Test("finalizers keep a deleted object until they are removed")
    func finalizers() async throws {
        let harness = await ClusterHarness()
        try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("a").setting(["metadata", "finalizers"], to: ["example.com/hold"]))
        let outcome = try await harness.cluster.delete(ClusterHarness.configMaps, namespace: "default", name: "a", options: DeleteOptions())
        guard case .pending(let pending) = outcome else {
            Issue.record("expected the object to be kept")
            return
        }
        #expect(pending.isDeleting)
        let added = await apiError {
            _ = try await harness.cluster.patch(
                ClusterHarness.configMaps, namespace: "default", name: "a",
                body: .merge(["metadata": ["finalizers": ["example.com/hold", "more"]]]), subresource: "", options: harness.options)
        }
        #expect(added?.code == 422)
        _ = try await harness.cluster.patch(
            ClusterHarness.configMaps, namespace: "default", name: "a",
            body: .json([["op": "remove", "path": "/metadata/finalizers"]]), subresource: "", options: harness.options)
        #expect(await !harness.exists(ClusterHarness.configMaps, "a"))
    }

    @Test("delete preconditions")
    func preconditions() async throws {
        let harness = await ClusterHarness()
        let created = try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("a"))
        let wrongUID = await apiError {
            _ = try await harness.cluster.delete(
                ClusterHarness.configMaps, namespace: "default", name: "a", options: DeleteOptions(preconditionUID: "other"))
        }
        #expect(wrongUID?.code == 409)
        let wrongVersion = await apiError {
            _ = try await harness.cluster.delete(
                ClusterHarness.configMaps, namespace: "default", name: "a", options: DeleteOptions(preconditionResourceVersion: "1"))
        }
        #expect(wrongVersion?.code == 409)
        _ = try await harness.cluster.delete(
            ClusterHarness.configMaps, namespace: "default", name: "a",
            options: DeleteOptions(preconditionUID: created.uid, preconditionResourceVersion: String(created.resourceVersion)))
        #expect(await !harness.exists(ClusterHarness.configMaps, "a"))
    }

    @Test("strategic merge patch is refused for custom resources; JSON patch failures are 422")
    func patchErrors() async throws {
        let harness = await ClusterHarness()
        let widgets = try await harness.widgets()
        try await harness.create(widgets, Fixtures.widget("w", size: 1))
        let strategic = await apiError {
            _ = try await harness.cluster.patch(
                widgets, namespace: "default", name: "w", body: .strategic(["spec": ["size": 2]]), subresource: "", options: harness.options)
        }
        #expect(strategic?.code == 415)
        let failedTest = await apiError {
            _ = try await harness.cluster.patch(
                widgets, namespace: "default", name: "w",
                body: .json([["op": "test", "path": "/spec/size", "value": 5]]), subresource: "", options: harness.options)
        }
        #expect(failedTest?.code == 422)
    }

    @Test("server-side apply creates, conflicts between managers with 409 causes, and yields to force")
    func serverSideApply() async throws {
        let harness = await ClusterHarness()
        let widgets = try await harness.widgets()
        var first = WriteOptions(fieldManager: "operator")
        let created = try await harness.cluster.patch(
            widgets, namespace: "default", name: "w", body: .apply(Fixtures.widget("w", size: 1)),
            subresource: "", options: first)
        #expect(created.created)
        #expect(created.object.value[path: ["spec", "color"]] == "red")
        let second = WriteOptions(fieldManager: "human")
        let conflict = await apiError {
            _ = try await harness.cluster.patch(
                widgets, namespace: "default", name: "w", body: .apply(Fixtures.widget("w", size: 2)),
                subresource: "", options: second)
        }
        #expect(conflict?.code == 409)
        #expect(conflict?.status.details?.causes?.first?.reason == "FieldManagerConflict")
        #expect(conflict?.status.details?.causes?.first?.field == ".spec.size")
        #expect(conflict?.status.message?.hasPrefix("Apply failed with 1 conflict: conflict with \"operator\"") == true)
        var forced = second
        forced.force = true
        let taken = try await harness.cluster.patch(
            widgets, namespace: "default", name: "w", body: .apply(Fixtures.widget("w", size: 2)),
            subresource: "", options: forced)
        #expect(taken.object.value[path: ["spec", "size"]] == 2)
        first.force = true
        let again = try await harness.cluster.patch(
            widgets, namespace: "default", name: "w", body: .apply(Fixtures.widget("w", size: 2)),
            subresource: "", options: first)
        #expect(again.object.resourceVersion != taken.object.resourceVersion)
        let noop = try await harness.cluster.patch(
            widgets, namespace: "default", name: "w", body: .apply(Fixtures.widget("w", size: 2)),
            subresource: "", options: first)
        #expect(noop.object.resourceVersion == again.object.resourceVersion)
    }

    @Test("kubectl's server-side apply takes over fields from its client-side apply without conflicts; others still conflict")
    func clientSideApplyUpgrade() async throws {
        let harness = await ClusterHarness()
        let widgets = try await harness.widgets()
        let lastApplied = Fixtures.widget("w", size: 1).serializedString()
        let body = Fixtures.widget("w", size: 1).setting(
            ["metadata", "annotations"], to: ["kubectl.kubernetes.io/last-applied-configuration": .string(lastApplied)])
        _ = try await harness.cluster.create(
            widgets, namespace: "default", body: body, options: WriteOptions(fieldManager: "kubectl-client-side-apply"))
        let other = await apiError {
            _ = try await harness.cluster.patch(
                widgets, namespace: "default", name: "w", body: .apply(Fixtures.widget("w", size: 2)),
                subresource: "", options: WriteOptions(fieldManager: "someone"))
        }
        #expect(other?.code == 409)
        let upgraded = try await harness.cluster.patch(
            widgets, namespace: "default", name: "w", body: .apply(Fixtures.widget("w", size: 2)),
            subresource: "", options: WriteOptions(fieldManager: "kubectl"))
        #expect(upgraded.object.value[path: ["spec", "size"]] == 2)
    }
}
