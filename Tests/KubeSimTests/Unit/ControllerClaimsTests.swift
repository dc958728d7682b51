import KubeModels
import Testing

@testable import KubeSim

@Suite("Controller claims and DaemonSet template generation")
struct ControllerClaimsTests {
    static let selector = LabelSelector(requirements: [.equals("app", "x")])

    func pod(labels: [String: String], controller: String? = nil, deleting: Bool = false) -> StoredObject {
        var value = WorkloadFixtures.pod("p", labels: labels)
        if let controller {
            value.set(
                ["metadata", "ownerReferences"],
                to: [["apiVersion": "apps/v1", "kind": "DaemonSet", "name": "ds", "uid": .string(controller), "controller": true]])
        }
        if deleting { value.set(["metadata", "deletionTimestamp"], to: "2026-01-01T00:00:00Z") }
        return StoredObject(value: value, resourceVersion: 1)
    }

    func decide(_ pod: StoredObject, deleting: Bool = false) -> ControllerClaims.Decision {
        ControllerClaims.decide(pod, controllerUID: "mine", controllerIsDeleting: deleting, selector: Self.selector)
    }

    @Test("claimObject: adopt matching orphans, keep matching own, release unmatched own, ignore the rest")
    func decisions() {
        #expect(decide(pod(labels: ["app": "x"])) == .adopt)
        #expect(decide(pod(labels: ["app": "y"])) == .ignore)
        #expect(decide(pod(labels: ["app": "x"], deleting: true)) == .ignore)
        #expect(decide(pod(labels: ["app": "x"]), deleting: true) == .ignore)
        #expect(decide(pod(labels: ["app": "x"], controller: "mine")) == .keep)
        #expect(decide(pod(labels: ["app": "y"], controller: "mine")) == .release)
        #expect(decide(pod(labels: ["app": "y"], controller: "mine"), deleting: true) == .ignore)
        #expect(decide(pod(labels: ["app": "x"], controller: "theirs")) == .ignore)
    }

    @Test("adopting appends a controller reference; releasing drops only that owner's references")
    func patches() {
        let other: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "name": "cm", "uid": "other"]
        let owner: JSONValue = ["apiVersion": "apps/v1", "kind": "DaemonSet", "name": "ds", "uid": "mine", "controller": true]
        let pod = WorkloadFixtures.pod("p").setting(["metadata", "ownerReferences"], to: [other])
        let adopted = ControllerClaims.adopting(pod, by: owner)
        #expect(adopted["metadata"]?["ownerReferences"] == [other, owner])
        #expect(ControllerClaims.releasing(adopted, from: "mine")["metadata"]?["ownerReferences"] == [other])
        #expect(
            ControllerClaims.releasing(ControllerClaims.adopting(WorkloadFixtures.pod("q"), by: owner), from: "mine")["metadata"]?["ownerReferences"]
                == nil)
    }

    @Test("a missing or empty selector selects nothing")
    func selectors() {
        #expect(ControllerClaims.selector(of: Fixtures.daemonSet("ds")) == LabelSelector(requirements: [.equals("app", "ds")]))
        #expect(ControllerClaims.selector(of: Fixtures.daemonSet("ds").setting(["spec", "selector"], to: .object([:]))) == nil)
    }

    @Test("template generation: 1 on create unless the client sent more; +1 only when the defaulted template changes")
    func templateGeneration() {
        let annotation = BuiltinLifecycle.templateGenerationAnnotation
        var created = Fixtures.daemonSet("ds")
        BuiltinLifecycle.prepareForCreate(kind: "DaemonSet", object: &created, clusterIP: "", now: Timestamp(secondsSinceEpoch: 0))
        #expect(created["metadata"]?["annotations"]?[annotation] == "1")
        var sent = Fixtures.daemonSet("ds").setting(["metadata", "annotations", annotation], to: "5")
        BuiltinLifecycle.prepareForCreate(kind: "DaemonSet", object: &sent, clusterIP: "", now: Timestamp(secondsSinceEpoch: 0))
        #expect(sent["metadata"]?["annotations"]?[annotation] == "5")

        var stored = created
        BuiltinDefaults.apply(kind: "DaemonSet", to: &stored)
        var sameTemplate = Fixtures.daemonSet("ds").setting(["spec", "minReadySeconds"], to: 5).setting(
            ["metadata", "annotations", annotation], to: "9")
        BuiltinLifecycle.prepareForUpdate(kind: "DaemonSet", object: &sameTemplate, old: stored, now: Timestamp(secondsSinceEpoch: 0))
        #expect(sameTemplate["metadata"]?["annotations"]?[annotation] == "1")
        var newImage = Fixtures.daemonSet("ds", image: "busybox:2")
        BuiltinLifecycle.prepareForUpdate(kind: "DaemonSet", object: &newImage, old: stored, now: Timestamp(secondsSinceEpoch: 0))
        #expect(newImage["metadata"]?["annotations"]?[annotation] == "2")
    }

    @Test("a pod carrying the DaemonSet's template generation counts as updated whatever its hash")
    func plannerTemplateGeneration() {
        let daemonSet = Fixtures.daemonSet("ds").setting(["metadata", "annotations", BuiltinLifecycle.templateGenerationAnnotation], to: "3")
        let node: JSONValue = ["metadata": ["name": "n1"]]
        let time = Timestamp(secondsSinceEpoch: 0)
        func plan(generation: String) -> DaemonSetPlanner.Plan {
            let pod = DaemonSetPlanner.PodInfo(
                name: "p", nodeName: "n1", revisionHash: "old", isReady: true, isAvailable: true, created: time, templateGeneration: generation)
            return DaemonSetPlanner.plan(daemonSet: daemonSet, nodes: [node], pods: [pod], revisions: [])
        }
        #expect(plan(generation: "3").podsToDelete.isEmpty && plan(generation: "3").status["updatedNumberScheduled"] == 1)
        #expect(plan(generation: "2").podsToDelete == ["p"] && plan(generation: "2").status["updatedNumberScheduled"] == nil)
    }
}
