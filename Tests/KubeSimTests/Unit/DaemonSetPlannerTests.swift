import KubeModels
import KubeSim
import Testing

@Suite("DaemonSet controller decisions")
struct DaemonSetPlannerTests {
    static func node(_ name: String, gpu: Bool = true, taints: [JSONValue] = []) -> JSONValue {
        var labels = ["kubernetes.io/hostname": name]
        if gpu { labels["feature.node.kubernetes.io/pci-10de.present"] = "true" }
        var node: JSONValue = ["metadata": ["name": .string(name), "labels": JSONValue(stringMap: labels)]]
        if !taints.isEmpty { node["spec"] = ["taints": .array(taints)] }
        return node
    }

    static let gpuSelector = ["feature.node.kubernetes.io/pci-10de.present": "true"]
    static let time = Timestamp(secondsSinceEpoch: 1_700_000_000)

    func daemonSet(strategy: JSONValue = ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1]], image: String = "a:1") -> JSONValue {
        Fixtures.daemonSet("ds", nodeSelector: Self.gpuSelector, image: image, strategy: strategy)
            .setting(["metadata", "generation"], to: 2)
    }

    func pod(_ name: String, node: String, hash: String, ready: Bool = true) -> DaemonSetPlanner.PodInfo {
        DaemonSetPlanner.PodInfo(name: name, nodeName: node, revisionHash: hash, isReady: ready, isAvailable: ready, created: Self.time)
    }

    @Test("one pod per node matching the nodeSelector; first revision created")
    func placement() {
        let nodes = [Self.node("g1"), Self.node("g2"), Self.node("c1", gpu: false)]
        let plan = DaemonSetPlanner.plan(daemonSet: daemonSet(), nodes: nodes, pods: [], revisions: [])
        #expect(plan.nodesNeedingPods == ["g1", "g2"])
        #expect(plan.revisionToCreate == 1)
        #expect(plan.status["desiredNumberScheduled"] == 2)
        #expect(plan.status["currentNumberScheduled"] == 2)
        #expect(plan.status["numberReady"] == 0)
        #expect(plan.status["numberUnavailable"] == 2)
        #expect(plan.status["numberAvailable"] == nil)
        #expect(plan.status["observedGeneration"] == 2)
    }

    @Test("untolerated NoSchedule taints keep new pods off; NoExecute evicts; tolerations allow")
    func taints() {
        let noSchedule: JSONValue = ["key": "gpu", "value": "busy", "effect": "NoSchedule"]
        let noExecute: JSONValue = ["key": "maintenance", "effect": "NoExecute"]
        let nodes = [Self.node("g1", taints: [noSchedule]), Self.node("g2", taints: [noExecute]), Self.node("g3")]
        let hash = DaemonSetPlanner.templateHash(daemonSet()["spec"]!["template"]!)
        let pods = [pod("p1", node: "g1", hash: hash), pod("p2", node: "g2", hash: hash)]
        let plan = DaemonSetPlanner.plan(daemonSet: daemonSet(), nodes: nodes, pods: pods, revisions: [])
        #expect(plan.nodesNeedingPods == ["g3"])
        #expect(plan.podsToDelete == ["p2"])
        #expect(plan.status["numberMisscheduled"] == 1)
        #expect(NodeEligibility.tolerates(["key": "gpu", "operator": "Exists", "effect": "NoSchedule"], noSchedule))
        #expect(NodeEligibility.tolerates(["operator": "Exists"], noExecute))
        #expect(!NodeEligibility.tolerates(["key": "gpu", "value": "idle"], noSchedule))
    }

    @Test("a node that stops matching loses its pod; pods of vanished nodes go too")
    func unmatched() {
        let hash = DaemonSetPlanner.templateHash(daemonSet()["spec"]!["template"]!)
        let pods = [pod("p1", node: "g1", hash: hash), pod("p2", node: "c1", hash: hash), pod("p3", node: "gone", hash: hash)]
        let plan = DaemonSetPlanner.plan(daemonSet: daemonSet(), nodes: [Self.node("g1"), Self.node("c1", gpu: false)], pods: pods, revisions: [])
        #expect(plan.podsToDelete == ["p2", "p3"])
        #expect(plan.nodesNeedingPods.isEmpty)
        #expect(plan.status["desiredNumberScheduled"] == 1)
        #expect(plan.status["numberReady"] == 1)
        #expect(plan.status["updatedNumberScheduled"] == 1)
    }

    static let rollingCases: [(JSONValue, Int)] = [(JSONValue(1), 1), (JSONValue("50%"), 2), (JSONValue(10), 4)]

    @Test("rolling update replaces at most maxUnavailable available pods per sync", arguments: rollingCases)
    func rollingUpdate(maxUnavailable: JSONValue, expected: Int) {
        let nodes = (1...4).map { Self.node("g\($0)") }
        let pods = (1...4).map { pod("p\($0)", node: "g\($0)", hash: "old") }
        let revisions = [DaemonSetPlanner.RevisionInfo(name: "ds-old", revision: 1, hash: "old")]
        let strategy: JSONValue = ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": maxUnavailable]]
        let plan = DaemonSetPlanner.plan(daemonSet: daemonSet(strategy: strategy), nodes: nodes, pods: pods, revisions: revisions)
        #expect(plan.podsToDelete.count == expected)
        #expect(plan.revisionToCreate == 2)
        #expect(plan.status["updatedNumberScheduled"] == nil)
    }

    @Test("rolling update deletes unavailable old pods first and waits while the budget is spent")
    func rollingBudget() {
        let nodes = (1...3).map { Self.node("g\($0)") }
        let current = DaemonSetPlanner.templateHash(daemonSet()["spec"]!["template"]!)
        let pods = [
            pod("p1", node: "g1", hash: current, ready: false), pod("p2", node: "g2", hash: "old"), pod("p3", node: "g3", hash: "old", ready: false),
        ]
        let plan = DaemonSetPlanner.plan(daemonSet: daemonSet(), nodes: nodes, pods: pods, revisions: [])
        #expect(plan.podsToDelete == ["p3"])
    }

    @Test("OnDelete never replaces pods by itself but recreates deleted ones with the new template")
    func onDelete() {
        let nodes = [Self.node("g1"), Self.node("g2")]
        let plan = DaemonSetPlanner.plan(
            daemonSet: daemonSet(strategy: ["type": "OnDelete"]), nodes: nodes,
            pods: [pod("p1", node: "g1", hash: "old")], revisions: [])
        #expect(plan.podsToDelete.isEmpty)
        #expect(plan.nodesNeedingPods == ["g2"])
        #expect(plan.status["updatedNumberScheduled"] == 1)
        #expect(plan.status["numberAvailable"] == 1)
    }

    @Test("a template that comes back gets its old revision renumbered; old revisions are trimmed")
    func revisions() {
        let hash = DaemonSetPlanner.templateHash(daemonSet()["spec"]!["template"]!)
        var ds = daemonSet()
        ds.set(["spec", "revisionHistoryLimit"], to: 1)
        let revisions = [
            DaemonSetPlanner.RevisionInfo(name: "ds-\(hash)", revision: 1, hash: hash),
            DaemonSetPlanner.RevisionInfo(name: "ds-b", revision: 2, hash: "b"),
            DaemonSetPlanner.RevisionInfo(name: "ds-c", revision: 3, hash: "c"),
        ]
        let plan = DaemonSetPlanner.plan(daemonSet: ds, nodes: [], pods: [], revisions: revisions)
        #expect(plan.revisionsToRenumber == ["ds-\(hash)": 4])
        #expect(plan.revisionToCreate == nil)
        #expect(plan.revisionsToDelete == ["ds-b"])
    }

    @Test("required node affinity")
    func affinity() {
        let affinity: JSONValue = [
            "nodeAffinity": [
                "requiredDuringSchedulingIgnoredDuringExecution": [
                    "nodeSelectorTerms": [
                        ["matchExpressions": [["key": "zone", "operator": "In", "values": ["a"]]]],
                        ["matchFields": [["key": "metadata.name", "operator": "In", "values": ["special"]]]],
                    ]
                ]
            ]
        ]
        #expect(NodeEligibility.matchesRequiredAffinity(affinity, labels: ["zone": "a"], nodeName: "x"))
        #expect(NodeEligibility.matchesRequiredAffinity(affinity, labels: [:], nodeName: "special"))
        #expect(!NodeEligibility.matchesRequiredAffinity(affinity, labels: ["zone": "b"], nodeName: "x"))
    }

    static let scalingCases: [(JSONValue, Int, Int)] = [
        (JSONValue(2), 10, 2), (JSONValue("25%"), 10, 3), (JSONValue("100%"), 3, 3), (JSONValue("0%"), 5, 0),
    ]

    @Test("int-or-percent scaling rounds percentages up", arguments: scalingCases)
    func scaling(value: JSONValue, total: Int, expected: Int) {
        #expect(IntOrPercent.scaled(value, total: total) == expected)
    }
}
