import KubeModels
import Testing

@testable import KubeSim

@Suite("PodDisruptionBudgets: status from the simulated disruption controller")
struct DisruptionBudgetTests {
    /// A cluster with `count` running pods labelled app=web on gpu-node-0001, optionally controlled by
    /// one owner of `ownerKind`.
    static func harness(pods count: Int, ownerKind: String? = nil) async throws -> ClusterHarness {
        let harness = await ClusterHarness(gpuNodes: 1)
        for index in 1...count {
            try await harness.create(ClusterHarness.pods, WorkloadFixtures.pod("web-\(index)", ownerKind: ownerKind))
        }
        await harness.settle()
        return harness
    }

    @Test("minAvailable as an integer: expected pods are the selected pods; allowed = healthy − desired")
    func minAvailableInteger() async throws {
        let harness = try await Self.harness(pods: 3)
        try await harness.create(ClusterHarness.pods, WorkloadFixtures.pod("unscheduled", node: nil))
        try await harness.create(ClusterHarness.pods, WorkloadFixtures.pod("other", labels: ["app": "db"]))
        let created = try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("web", minAvailable: 2))
        #expect(created.value["status"] == ["currentHealthy": 0, "desiredHealthy": 0, "disruptionsAllowed": 0, "expectedPods": 0])
        #expect(created.value[path: ["metadata", "generation"]] == 1)
        await harness.settle()
        let status = try await harness.budgetStatus("web")
        #expect(status["expectedPods"] == 4 && status["currentHealthy"] == 3 && status["desiredHealthy"] == 2)
        #expect(status["disruptionsAllowed"] == 1 && status["observedGeneration"] == 1)
        let condition = status["conditions"]?[0]
        #expect(condition?["type"] == "DisruptionAllowed" && condition?["status"] == "True" && condition?["reason"] == "SufficientPods")
        _ = try await harness.cluster.delete(ClusterHarness.pods, namespace: "default", name: "web-1", options: DeleteOptions())
        await harness.settle()
        let after = try await harness.budgetStatus("web")
        #expect(after["currentHealthy"] == 2 && after["disruptionsAllowed"] == 0)
        #expect(after["conditions"]?[0]?["reason"] == "InsufficientPods" && after["conditions"]?[0]?["status"] == "False")
    }

    @Test("minAvailable as a percentage scales against the controllers' pods, rounding up")
    func minAvailablePercent() async throws {
        let harness = try await Self.harness(pods: 3, ownerKind: "ReplicaSet")
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("web", minAvailable: "50%"))
        await harness.settle()
        let status = try await harness.budgetStatus("web")
        #expect(status["expectedPods"] == 3 && status["desiredHealthy"] == 2 && status["disruptionsAllowed"] == 1)
    }

    @Test("maxUnavailable, integer and percentage: desired = expected − scaled maxUnavailable")
    func maxUnavailable() async throws {
        let harness = try await Self.harness(pods: 3, ownerKind: "ReplicaSet")
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("one", maxUnavailable: 1))
        await harness.settle()
        var status = try await harness.budgetStatus("one")
        #expect(status["expectedPods"] == 3 && status["desiredHealthy"] == 2 && status["disruptionsAllowed"] == 1)
        _ = try await harness.cluster.delete(ClusterHarness.budgets, namespace: "default", name: "one", options: DeleteOptions())
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("percent", maxUnavailable: "34%"))
        await harness.settle()
        status = try await harness.budgetStatus("percent")
        #expect(status["expectedPods"] == 3 && status["desiredHealthy"] == 1 && status["disruptionsAllowed"] == 2)
    }

    @Test("maxUnavailable over pods whose controller has no scale fails safe (SyncFailed, no disruptions)")
    func noScale() async throws {
        let harness = try await Self.harness(pods: 2, ownerKind: "Job")
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("web", maxUnavailable: 1))
        await harness.settle()
        let status = try await harness.budgetStatus("web")
        #expect(status["disruptionsAllowed"] == 0)
        #expect(status["conditions"]?[0]?["reason"] == "SyncFailed")
        #expect(status["conditions"]?[0]?["message"]?.stringValue?.contains("jobs.batch does not implement the scale subresource") == true)
    }

    @Test("a spec change bumps generation; status catches up; invalid budgets are rejected")
    func generationAndValidation() async throws {
        let harness = try await Self.harness(pods: 2)
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("web", minAvailable: 1))
        await harness.settle()
        _ = try await harness.cluster.patch(
            ClusterHarness.budgets, namespace: "default", name: "web", body: .merge(["spec": ["minAvailable": 2]]), subresource: "",
            options: harness.options)
        #expect(try await harness.get(ClusterHarness.budgets, "web").value[path: ["metadata", "generation"]] == 2)
        await harness.settle()
        #expect(try await harness.budgetStatus("web")["observedGeneration"] == 2)
        let both = await apiError {
            try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("both", minAvailable: 1, maxUnavailable: 1))
        }
        #expect(both?.code == 422)
        let over = await apiError { try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("over", minAvailable: "150%")) }
        #expect(over?.status.details?.causes?.first?.field == "spec.minAvailable")
    }
}
