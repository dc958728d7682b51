import KubeModels
import Testing

@testable import KubeSim

@Suite("DisruptionBudgetPlanner")
struct DisruptionBudgetPlannerTests {
    static let now = Timestamp(secondsSinceEpoch: 1_700_000_000)

    static func budget(minAvailable: JSONValue, disrupted: [String: Timestamp] = [:]) -> JSONValue {
        var budget: JSONValue = ["metadata": ["generation": 3], "spec": ["minAvailable": minAvailable], "status": ["disruptionsAllowed": 0]]
        if !disrupted.isEmpty { budget.set(["status", "disruptedPods"], to: .object(disrupted.mapValues { .string($0.rfc3339) })) }
        return budget
    }

    static func pods(_ count: Int) -> [DisruptionBudgetPlanner.PodFacts] {
        (1...count).map { DisruptionBudgetPlanner.PodFacts(name: "p\($0)", isReady: true, isDeleting: false, controller: nil) }
    }

    @Test("a recorded eviction keeps its pod out of currentHealthy for two minutes, then is dropped")
    func disruptedPods() {
        let recent = Self.budget(minAvailable: 1, disrupted: ["p1": Self.now.adding(seconds: -30)])
        let outcome = DisruptionBudgetPlanner.status(budget: recent, pods: Self.pods(3), ownerReplicas: [:], now: Self.now)
        #expect(outcome.status["currentHealthy"] == 2 && outcome.status["disruptionsAllowed"] == 1)
        #expect(outcome.status["disruptedPods"]?["p1"] != nil && outcome.status["observedGeneration"] == 3)
        #expect(outcome.recheck == Self.now.adding(seconds: 90))
        let old = Self.budget(minAvailable: 1, disrupted: ["p1": Self.now.adding(seconds: -121)])
        let expired = DisruptionBudgetPlanner.status(budget: old, pods: Self.pods(3), ownerReplicas: [:], now: Self.now)
        #expect(expired.status["currentHealthy"] == 3 && expired.status["disruptedPods"] == nil && expired.recheck == nil)
    }

    @Test("no expected pods means no disruptions; unready and deleting pods are not healthy; stored owners give the scale")
    func edges() {
        let empty = DisruptionBudgetPlanner.status(budget: Self.budget(minAvailable: 0), pods: [], ownerReplicas: [:], now: Self.now)
        #expect(empty.status["expectedPods"] == 0 && empty.status["disruptionsAllowed"] == 0)
        var pods = Self.pods(4)
        pods[0].isReady = false
        pods[1].isDeleting = true
        let counted = DisruptionBudgetPlanner.status(budget: Self.budget(minAvailable: 1), pods: pods, ownerReplicas: [:], now: Self.now)
        #expect(counted.status["currentHealthy"] == 2 && counted.status["disruptionsAllowed"] == 1)
        let owner = OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "d", uid: "u", controller: true)
        let owned = (1...2).map { DisruptionBudgetPlanner.PodFacts(name: "p\($0)", isReady: true, isDeleting: false, controller: owner) }
        let scaled = DisruptionBudgetPlanner.status(budget: Self.budget(minAvailable: "50%"), pods: owned, ownerReplicas: ["u": 4], now: Self.now)
        #expect(scaled.status["expectedPods"] == 4 && scaled.status["desiredHealthy"] == 2 && scaled.status["disruptionsAllowed"] == 0)
    }
}
