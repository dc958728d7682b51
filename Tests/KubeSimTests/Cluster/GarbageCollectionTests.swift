import KubeModels
import Testing

@testable import KubeSim

@Suite("Owner references, propagation policies and namespace deletion")
struct GarbageCollectionTests {
    func owned(
        _ name: String, by owners: [StoredObject], kind: String = "ClusterRole", apiVersion: String = "rbac.authorization.k8s.io/v1"
    ) -> JSONValue {
        Fixtures.configMap(name).setting(
            ["metadata", "ownerReferences"],
            to: .array(
                owners.map { owner in
                    [
                        "apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(owner.key.name), "uid": .string(owner.uid),
                        "controller": true,
                    ]
                }))
    }

    func clusterRole(_ name: String) -> JSONValue {
        ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": .string(name)], "rules": []]
    }

    @Test("deleting a cluster-scoped owner removes its namespaced dependents")
    func background() async throws {
        let harness = await ClusterHarness()
        let owner = try await harness.create(ClusterHarness.clusterRoles, clusterRole("owner"), namespace: nil)
        try await harness.create(ClusterHarness.configMaps, owned("dep", by: [owner]))
        _ = try await harness.cluster.delete(ClusterHarness.clusterRoles, namespace: nil, name: "owner", options: DeleteOptions())
        #expect(await harness.exists(ClusterHarness.configMaps, "dep"))
        await harness.settle()
        #expect(await !harness.exists(ClusterHarness.configMaps, "dep"))
    }

    @Test("a dependent with another live owner only loses the dangling reference")
    func multipleOwners() async throws {
        let harness = await ClusterHarness()
        let first = try await harness.create(ClusterHarness.clusterRoles, clusterRole("first"), namespace: nil)
        let second = try await harness.create(ClusterHarness.clusterRoles, clusterRole("second"), namespace: nil)
        try await harness.create(ClusterHarness.configMaps, owned("dep", by: [first, second]))
        _ = try await harness.cluster.delete(ClusterHarness.clusterRoles, namespace: nil, name: "first", options: DeleteOptions())
        await harness.settle()
        let dependent = try await harness.get(ClusterHarness.configMaps, "dep")
        #expect(dependent.ownerReferences.map(\.name) == ["second"])
    }

    @Test("foreground deletion keeps the owner until its dependents are gone")
    func foreground() async throws {
        let harness = await ClusterHarness()
        let owner = try await harness.create(ClusterHarness.clusterRoles, clusterRole("owner"), namespace: nil)
        try await harness.create(ClusterHarness.configMaps, owned("dep", by: [owner]).setting(["metadata", "finalizers"], to: ["hold"]))
        let outcome = try await harness.cluster.delete(
            ClusterHarness.clusterRoles, namespace: nil, name: "owner", options: DeleteOptions(propagationPolicy: "Foreground"))
        guard case .pending(let pending) = outcome else {
            Issue.record("expected a pending foreground deletion")
            return
        }
        #expect(pending.finalizers == ["foregroundDeletion"])
        await harness.settle()
        #expect(await harness.exists(ClusterHarness.clusterRoles, "owner", namespace: nil))
        #expect(try await harness.get(ClusterHarness.configMaps, "dep").isDeleting)
        _ = try await harness.cluster.patch(
            ClusterHarness.configMaps, namespace: "default", name: "dep",
            body: .merge(["metadata": ["finalizers": nil]]), subresource: "", options: harness.options)
        await harness.settle()
        #expect(await !harness.exists(ClusterHarness.clusterRoles, "owner", namespace: nil))
    }

    @Test("orphan deletion keeps dependents and strips their owner reference")
    func orphan() async throws {
        let harness = await ClusterHarness()
        let owner = try await harness.create(ClusterHarness.clusterRoles, clusterRole("owner"), namespace: nil)
        try await harness.create(ClusterHarness.configMaps, owned("dep", by: [owner]))
        _ = try await harness.cluster.delete(
            ClusterHarness.clusterRoles, namespace: nil, name: "owner", options: DeleteOptions(propagationPolicy: "Orphan"))
        await harness.settle()
        #expect(await !harness.exists(ClusterHarness.clusterRoles, "owner", namespace: nil))
        #expect(try await harness.get(ClusterHarness.configMaps, "dep").ownerReferences.isEmpty)
    }

    @Test("dependents that name an owner which never existed are collected")
    func missingOwner() async throws {
        let harness = await ClusterHarness()
        let ghost = StoredObject(value: clusterRole("ghost").setting(["metadata", "uid"], to: "no-such-uid"), resourceVersion: 1)
        try await harness.create(ClusterHarness.configMaps, owned("dep", by: [ghost]))
        await harness.settle()
        #expect(await !harness.exists(ClusterHarness.configMaps, "dep"))
    }

    @Test("deleting a namespace terminates it, deletes its contents, then removes it")
    func namespaceDeletion() async throws {
        let harness = await ClusterHarness()
        try await harness.create(ClusterHarness.namespaces, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team"]], namespace: nil)
        try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("a", namespace: "team"), namespace: "team")
        let outcome = try await harness.cluster.delete(ClusterHarness.namespaces, namespace: nil, name: "team", options: DeleteOptions())
        guard case .pending(let terminating) = outcome else {
            Issue.record("expected a terminating namespace")
            return
        }
        #expect(terminating.value[path: ["status", "phase"]] == "Terminating")
        let refused = await apiError {
            try await harness.create(ClusterHarness.configMaps, Fixtures.configMap("b", namespace: "team"), namespace: "team")
        }
        #expect(refused?.code == 403)
        await harness.settle()
        #expect(await !harness.exists(ClusterHarness.configMaps, "a", namespace: "team"))
        #expect(await !harness.exists(ClusterHarness.namespaces, "team", namespace: nil))
    }
}
