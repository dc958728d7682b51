import KubeModels
import Testing

@testable import KubeSim

@Suite("The pods/eviction subresource honours PodDisruptionBudgets")
struct EvictionTests {
    static let violation = "Cannot evict pod as it would violate the pod's disruption budget."

    @Test("an allowed eviction deletes the pod and uses up a disruption at once")
    func allowed() async throws {
        let harness = try await DisruptionBudgetTests.harness(pods: 3)
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("web", minAvailable: 2))
        await harness.settle()
        let status = try await harness.evict("web-1")
        #expect(status.status == "Success" && status.code == 201)
        #expect(await !harness.exists(ClusterHarness.pods, "web-1"))
        let recorded = try await harness.budgetStatus("web")
        #expect(recorded["disruptionsAllowed"] == 0)
        #expect(recorded["disruptedPods"]?["web-1"] != nil)
        await harness.settle()
        let settled = try await harness.budgetStatus("web")
        #expect(settled["currentHealthy"] == 2 && settled["expectedPods"] == 2 && settled["disruptionsAllowed"] == 0)
        #expect(settled["disruptedPods"] == nil)
    }

    @Test("a budget with no disruptions left answers 429 with a DisruptionBudget cause; the pod stays")
    func blocked() async throws {
        let harness = try await DisruptionBudgetTests.harness(pods: 2)
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("web", minAvailable: 2))
        await harness.settle()
        let error = await apiError { try await harness.evict("web-1") }
        #expect(error?.code == 429)
        #expect(error?.status.reason == "TooManyRequests" && error?.status.message == Self.violation)
        let cause = error?.status.details?.causes?.first
        #expect(cause?.reason == "DisruptionBudget" && cause?.message == "The disruption budget web needs 2 healthy pods and has 2 currently")
        #expect(error?.status.details?.retryAfterSeconds == nil && error?.headers["Retry-After"] == nil)
        #expect(await harness.exists(ClusterHarness.pods, "web-1"))
    }

    @Test("two quick evictions cannot both pass a budget of one")
    func twoEvictions() async throws {
        let harness = try await DisruptionBudgetTests.harness(pods: 3)
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("web", minAvailable: 2))
        await harness.settle()
        #expect(try await harness.budgetStatus("web")["disruptionsAllowed"] == 1)
        try await harness.evict("web-1")
        let second = await apiError { try await harness.evict("web-2") }
        #expect(second?.code == 429)
        #expect(await harness.exists(ClusterHarness.pods, "web-2"))
    }

    @Test("without a budget the pod is deleted; a missing pod is 404; two budgets are a 500")
    func noBudgetMissingAndAmbiguous() async throws {
        let harness = try await DisruptionBudgetTests.harness(pods: 2)
        try await harness.evict("web-1")
        #expect(await !harness.exists(ClusterHarness.pods, "web-1"))
        #expect(await apiError { try await harness.evict("web-1") }?.code == 404)
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("a", minAvailable: 0))
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("b", minAvailable: 0))
        await harness.settle()
        let ambiguous = await apiError { try await harness.evict("web-2") }
        #expect(ambiguous?.code == 500)
        #expect(
            ambiguous?.status.message
                == "Internal error occurred: this pod has more than one PodDisruptionBudget, which the eviction subresource does not support")
    }

    @Test("Pending pods skip the budget; a budget not yet observed answers 429 with Retry-After 10; dry run keeps everything")
    func pendingUnobservedAndDryRun() async throws {
        let harness = try await DisruptionBudgetTests.harness(pods: 1)
        try await harness.create(ClusterHarness.pods, WorkloadFixtures.pod("pending", node: nil))
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("web", minAvailable: 5))
        let unobserved = await apiError { try await harness.evict("web-1") }
        #expect(unobserved?.code == 429 && unobserved?.headers["Retry-After"] == "10")
        #expect(unobserved?.status.details?.causes?.first?.message == "The disruption budget web is still being processed by the server.")
        await harness.settle()
        try await harness.evict("pending")
        #expect(await !harness.exists(ClusterHarness.pods, "pending"))
        _ = try await harness.cluster.delete(ClusterHarness.budgets, namespace: "default", name: "web", options: DeleteOptions())
        try await harness.create(ClusterHarness.budgets, WorkloadFixtures.budget("web", minAvailable: 0))
        await harness.settle()
        let before = try await harness.budgetStatus("web")
        try await harness.evict("web-1", deleteOptions: ["dryRun": ["All"]])
        #expect(await harness.exists(ClusterHarness.pods, "web-1"))
        #expect(try await harness.budgetStatus("web") == before)
    }

    @Test("deleteOptions preconditions are honoured; a v1beta1 Eviction works; a mismatched name is a 400")
    func deleteOptionsAndVersions() async throws {
        let harness = try await DisruptionBudgetTests.harness(pods: 2)
        let stale = await apiError { try await harness.evict("web-1", deleteOptions: ["preconditions": ["uid": "not-the-uid"]]) }
        #expect(stale?.code == 409)
        let beta = try await harness.cluster.evict(
            namespace: "default", name: "web-1", body: WorkloadFixtures.eviction("web-1", apiVersion: "policy/v1beta1"), dryRun: false)
        #expect(beta.status == "Success")
        let mismatched = await apiError {
            _ = try await harness.cluster.evict(namespace: "default", name: "web-2", body: WorkloadFixtures.eviction("web-3"), dryRun: false)
        }
        #expect(mismatched?.code == 400 && mismatched?.status.message == "name in URL does not match name in Eviction object")
    }
}
