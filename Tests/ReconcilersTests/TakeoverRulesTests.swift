import Foundation
import KubeModels
import Manifests
import Testing

@testable import Reconcilers

/// The pure rules of a takeover of NVIDIA's operator: which immutable fields force a replacement,
/// which objects are ours, and when upstream still runs (takeover-and-operands.md §1.3).
@Suite("Takeover rules: immutable fields, field ownership, upstream's operator")
struct TakeoverRulesTests {
    static func daemonSet(selector: [String: JSONValue]) -> JSONValue {
        ["spec": ["selector": ["matchLabels": .object(selector)]]]
    }

    @Test("a DaemonSet selector that differs in any key is a conflict; absent and empty members are equal")
    func selectors() {
        let ours = Self.daemonSet(selector: ["app": "nvidia-operator-validator", "app.kubernetes.io/part-of": "gpu-operator"])
        #expect(ImmutableFields.conflicts(.daemonSets, desired: ours, live: ours).isEmpty)
        // An older upstream selector, a subset: the server cannot change it in place.
        let older = Self.daemonSet(selector: ["app": "nvidia-operator-validator"])
        #expect(ImmutableFields.conflicts(.daemonSets, desired: ours, live: older) == ["spec.selector"])
        // Apply kept a key another manager set: a superset is a conflict too.
        #expect(ImmutableFields.conflicts(.daemonSets, desired: older, live: ours) == ["spec.selector"])
        let withEmptyExpressions: JSONValue = ["spec": ["selector": ["matchLabels": ["app": "nvidia-operator-validator"], "matchExpressions": []]]]
        #expect(ImmutableFields.conflicts(.daemonSets, desired: older, live: withEmptyExpressions).isEmpty)
    }

    @Test("roleRef, a RuntimeClass handler and an immutable ConfigMap's data are conflicts; mutable kinds never are")
    func otherKinds() {
        let binding: JSONValue = ["roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "nvidia-driver"]]
        let rebound: JSONValue = ["roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "nvidia-driver"]]
        #expect(ImmutableFields.conflicts(.roleBindings, desired: binding, live: binding).isEmpty)
        #expect(ImmutableFields.conflicts(.roleBindings, desired: binding, live: rebound) == ["roleRef"])
        #expect(ImmutableFields.conflicts(.runtimeClasses, desired: ["handler": "nvidia"], live: ["handler": "runc"]) == ["handler"])
        let data: JSONValue = ["data": ["a": "1"]]
        #expect(ImmutableFields.conflicts(.configMaps, desired: data, live: ["data": ["a": "2"]]).isEmpty, "a mutable ConfigMap is updated")
        #expect(ImmutableFields.conflicts(.configMaps, desired: data, live: ["data": ["a": "2"], "immutable": true]) == ["data"])
        #expect(ImmutableFields.conflicts(.serviceAccounts, desired: ["a": 1], live: ["a": 2]).isEmpty)
        #expect(ImmutableFields.describe("spec.selector", of: Self.daemonSet(selector: ["app": "x"])) == #"{"matchLabels":{"app":"x"}}"#)
    }

    @Test("only an Apply entry of our field manager makes an object ours")
    func ownership() {
        let ours: [JSONValue] = [["manager": "gpu-operator", "operation": "Apply"], ["manager": "kubectl", "operation": "Update"]]
        let upstream: [JSONValue] = [["manager": "gpu-operator", "operation": "Update"]]
        let otherApplier: [JSONValue] = [["manager": "helm", "operation": "Apply"]]
        #expect(FieldOwnership.hasApplied(ours, manager: OwnershipLabels.fieldManager))
        #expect(!FieldOwnership.hasApplied(upstream, manager: OwnershipLabels.fieldManager))
        #expect(!FieldOwnership.hasApplied(otherApplier, manager: OwnershipLabels.fieldManager))
        #expect(!FieldOwnership.hasApplied(nil, manager: OwnershipLabels.fieldManager))
    }

    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func deployment(image: String, replicas: Int64? = 1) -> JSONValue {
        var spec: JSONValue = ["template": ["spec": ["containers": [["name": "gpu-operator", "image": .string(image)]]]]]
        if let replicas { spec["replicas"] = .int(replicas) }
        return ["metadata": ["name": "gpu-operator", "namespace": "gpu-operator"], "spec": spec]
    }

    static func lease(holder: String?, renewedSecondsAgo: Double, duration: Int = 15) -> Lease {
        Lease(
            metadata: ObjectMeta(name: UpstreamOperator.leaseName, namespace: "gpu-operator"),
            spec: LeaseSpec(
                holderIdentity: holder, leaseDurationSeconds: duration, renewTime: MicroTime.format(now.addingTimeInterval(-renewedSecondsAgo))))
    }

    @Test("upstream runs while its Deployment has replicas or its Lease is live; our own image and a stopped one do not count")
    func upstreamEvidence() {
        let upstream = Self.deployment(image: "nvcr.io/nvidia/gpu-operator:v25.10.0")
        let found = UpstreamOperator.evidence(deployment: upstream, lease: nil, now: Self.now)
        #expect(found == ["Deployment gpu-operator/gpu-operator runs nvcr.io/nvidia/gpu-operator:v25.10.0 with 1 replica(s)"])
        #expect(
            UpstreamOperator.evidence(
                deployment: Self.deployment(image: "nvcr.io/nvidia/gpu-operator:v25.10.0", replicas: nil), lease: nil, now: Self.now
            ).count == 1)
        #expect(
            UpstreamOperator.evidence(
                deployment: Self.deployment(image: "nvcr.io/nvidia/gpu-operator:v25.10.0", replicas: 0), lease: nil, now: Self.now
            ).isEmpty)
        #expect(
            UpstreamOperator.evidence(deployment: Self.deployment(image: "ghcr.io/swift-gpu-operator/operator:0.1.0"), lease: nil, now: Self.now)
                .isEmpty)
        #expect(UpstreamOperator.upstreamImage(Self.deployment(image: "registry.local:5000/nvidia/gpu-operator@sha256:abc")) != nil)
        let held = Self.lease(holder: "gpu-operator-6d8f7c9b5-x2x7q_1f0c", renewedSecondsAgo: 3)
        #expect(
            UpstreamOperator.evidence(deployment: nil, lease: held, now: Self.now) == [
                "Lease gpu-operator/53822513.nvidia.com is held by gpu-operator-6d8f7c9b5-x2x7q_1f0c"
            ])
        #expect(UpstreamOperator.evidence(deployment: nil, lease: Self.lease(holder: "x", renewedSecondsAgo: 16), now: Self.now).isEmpty, "expired")
        #expect(UpstreamOperator.evidence(deployment: nil, lease: Self.lease(holder: "", renewedSecondsAgo: 1), now: Self.now).isEmpty, "released")
        #expect(UpstreamOperator.message(found).contains("docs/MIGRATING.md"))
    }

    @Test("the gate re-checks a clear answer only after its interval, a running one every time, and reports once per episode")
    func gate() {
        let gate = UpstreamOperatorGate(recheckInterval: .seconds(30))
        #expect(!gate.isBlocked && gate.isDue(now: .zero))
        #expect(gate.record([], now: .zero))
        #expect(!gate.isDue(now: .seconds(29)) && gate.isDue(now: .seconds(30)))
        #expect(gate.record(["Lease held"], now: .seconds(30)))
        #expect(gate.isBlocked && gate.isDue(now: .seconds(31)) && gate.needsReport)
        gate.markReported()
        #expect(!gate.record(["Lease held", "Deployment runs"], now: .seconds(40)), "still running: the same episode")
        #expect(!gate.needsReport)
        #expect(gate.record([], now: .seconds(50)))
        #expect(!gate.isBlocked && !gate.needsReport)
        #expect(gate.record(["Lease held"], now: .seconds(90)) && gate.needsReport, "a new episode is reported again")
    }
}
