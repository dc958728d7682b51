import KubeModels
import Manifests
import Reconcilers
import Testing

/// The write rules of DESIGN.md "No needless writes" and "Pruning", as ``ApplyPlan`` decides them.
@Suite("Apply plan: which objects are written and which are pruned")
struct ApplyPlanTests {
    static func rendered(
        _ type: ResourceType = .daemonSets, name: String = "nvidia-device-plugin-daemonset", hash: String = "h1"
    )
        -> RenderedObject
    {
        var metadata: JSONValue = ["name": .string(name), "annotations": [OwnershipLabels.hashAnnotation: .string(hash)]]
        if type.isNamespaced { metadata["namespace"] = "gpu-operator" }
        return RenderedObject(component: .devicePlugin, resourceType: type, body: ["metadata": metadata])
    }

    static func live(
        _ type: ResourceType = .daemonSets, name: String = "nvidia-device-plugin-daemonset", hash: String? = "h1",
        generation: Int64? = 3, resourceVersion: String = "100", deleting: Bool = false, ours: Bool = true, applied: Bool? = nil
    ) -> LiveObject {
        var metadata = ObjectMeta(
            name: name, namespace: type.isNamespaced ? "gpu-operator" : nil,
            labels: ours ? [OwnershipLabels.managedByKey: OwnershipLabels.managedByValue] : ["app": "other"],
            annotations: hash.map { [OwnershipLabels.hashAnnotation: $0] })
        metadata.generation = generation
        metadata.resourceVersion = resourceVersion
        // Our objects carry our server-side apply entry; someone else's carry an Update entry, even
        // under a manager of the same name (upstream's operator).
        let operation = (applied ?? ours) ? "Apply" : "Update"
        metadata.managedFields = [["manager": .string(OwnershipLabels.fieldManager), "operation": .string(operation)]]
        if deleting { metadata.deletionTimestamp = "2026-11-23T10:00:00Z" }
        return LiveObject(resourceType: type, metadata: metadata)
    }

    @Test("a missing object, or one being deleted, is applied")
    func missing() {
        #expect(ApplyPlan.reason(desired: Self.rendered(), live: nil, lastApplied: nil) == .missing)
        #expect(ApplyPlan.reason(desired: Self.rendered(), live: Self.live(deleting: true), lastApplied: "g3") == .missing)
    }

    @Test("a changed hash is applied; an equal hash with an unmoved generation is not")
    func hashRule() {
        #expect(ApplyPlan.reason(desired: Self.rendered(hash: "h2"), live: Self.live(), lastApplied: "g3") == .changed)
        #expect(ApplyPlan.reason(desired: Self.rendered(), live: Self.live(hash: nil), lastApplied: "g3") == .changed)
        #expect(ApplyPlan.reason(desired: Self.rendered(), live: Self.live(), lastApplied: "g3") == nil)
        // Status updates move the resourceVersion, not the generation: no write.
        #expect(ApplyPlan.reason(desired: Self.rendered(), live: Self.live(resourceVersion: "999"), lastApplied: "g3") == nil)
    }

    @Test("someone else's edit (the generation moved since our apply) is reverted")
    func drift() {
        #expect(ApplyPlan.reason(desired: Self.rendered(), live: Self.live(generation: 4), lastApplied: "g3") == .drifted)
        // Without a record of our last apply (after a restart) the hash alone decides.
        #expect(ApplyPlan.reason(desired: Self.rendered(), live: Self.live(generation: 4), lastApplied: nil) == nil)
    }

    @Test("kinds without a generation drift by resourceVersion")
    func driftWithoutGeneration() {
        let desired = Self.rendered(.configMaps, name: "plugin-config")
        let edited = Self.live(.configMaps, name: "plugin-config", generation: nil, resourceVersion: "101")
        #expect(edited.changeMarker == "rv101")
        #expect(ApplyPlan.reason(desired: desired, live: edited, lastApplied: "rv100") == .drifted)
        #expect(ApplyPlan.reason(desired: desired, live: edited, lastApplied: "rv101") == nil)
    }

    @Test("the namespace is never reverted or pruned")
    func namespaceIsNotOwned() {
        let desired = Self.rendered(.namespaces, name: "gpu-operator")
        let edited = Self.live(.namespaces, name: "gpu-operator", generation: nil, resourceVersion: "7")
        #expect(ApplyPlan.reason(desired: desired, live: edited, lastApplied: "rv5") == nil)
        #expect(ApplyPlan.prunable(live: [edited], desired: []).isEmpty)
    }

    @Test("pruning takes our objects that are no longer rendered, never others' or those already going")
    func pruning() {
        let kept = Self.live(name: "kept")
        let stale = Self.live(name: "stale")
        let foreign = Self.live(name: "foreign", ours: false)
        let going = Self.live(name: "going", deleting: true)
        let staleRole = Self.live(.clusterRoles, name: "a-stale-role")
        let desired: Set<ObjectIdentity> = [kept.key]
        #expect(ApplyPlan.prunable(live: [kept, stale, foreign, going, staleRole], desired: desired) == [staleRole, stale])
    }

    @Test("an object labelled managed-by gpu-operator that we never applied (upstream's) is foreign: reported, never pruned")
    func upstreamLeftoversAreForeign() {
        let upstreamMIG = Self.live(name: "nvidia-mig-manager", applied: false)
        let upstreamValidator = Self.live(name: "nvidia-operator-validator", applied: false)
        let ours = Self.live(name: "stale")
        let desired: Set<ObjectIdentity> = [upstreamValidator.key]
        let live = [upstreamMIG, upstreamValidator, ours]
        #expect(ApplyPlan.prunable(live: live, desired: desired) == [ours])
        // The rendered one is adopted by the apply, not reported.
        #expect(ApplyPlan.foreign(live: live, desired: desired) == [upstreamMIG])
        #expect(!upstreamMIG.isApplied && ours.isApplied)
    }
}
