import KubeModels
import KubeSim
import Testing

@Suite("Field ownership and server-side apply")
struct ServerSideApplyTests {
    let semantics = ListSemantics(kind: "DaemonSet")

    func apply(
        _ live: JSONValue?, _ applied: JSONValue, manager: String, force: Bool = false
    ) -> Result<ServerSideApply.Outcome, ServerSideApply.ConflictList> {
        ServerSideApply.apply(
            live: live, applied: applied, manager: manager, force: force, subresource: "", ignoreStatus: true,
            apiVersion: "apps/v1", time: "2024-01-01T00:00:00Z", semantics: semantics)
    }

    func stored(_ outcome: ServerSideApply.Outcome) -> JSONValue { ManagedFields.storing(outcome.entries, in: outcome.object) }

    @Test("leaves and fieldsV1 round trip, associative lists by key")
    func fieldSets() {
        let object: JSONValue = [
            "spec": ["containers": [["name": "a", "image": "x"]], "replicas": 1, "empty": [:]], "metadata": ["finalizers": ["f"]],
        ]
        let leaves = FieldSet.leaves(of: object, semantics: ListSemantics(kind: "Pod"))
        #expect(leaves.paths.contains([.field("spec"), .field("containers"), .key(#"{"name":"a"}"#), .field("image")]))
        #expect(leaves.paths.contains([.field("spec"), .field("empty")]))
        #expect(leaves.paths.contains([.field("metadata"), .field("finalizers"), .value(#""f""#)]))
        #expect(FieldSet(fieldsV1: leaves.fieldsV1) == leaves)
        #expect(leaves.fieldsV1[path: ["f:spec", "f:containers", #"k:{"name":"a"}"#, "."]] == .object([:]))
    }

    @Test("a second manager changing an owned field conflicts unless forced")
    func conflicts() throws {
        let first = try apply(nil, ["spec": ["replicas": 1, "paused": false]], manager: "a").get()
        let live = stored(first)
        guard case .failure(let list) = apply(live, ["spec": ["replicas": 2]], manager: "b") else {
            Issue.record("expected a conflict")
            return
        }
        #expect(list.conflicts == [ServerSideApply.Conflict(manager: "a", apiVersion: "apps/v1", field: ".spec.replicas")])
        let forced = try apply(live, ["spec": ["replicas": 2]], manager: "b", force: true).get()
        #expect(forced.object[path: ["spec", "replicas"]] == 2)
        let owners = forced.entries.filter { $0.fields.paths.contains([.field("spec"), .field("replicas")]) }.map(\.manager)
        #expect(owners == ["b"])
    }

    @Test("applying the same value shares ownership without conflict")
    func sharedOwnership() throws {
        let live = stored(try apply(nil, ["spec": ["replicas": 1]], manager: "a").get())
        let shared = try apply(live, ["spec": ["replicas": 1]], manager: "b").get()
        let owners = shared.entries.filter { $0.fields.paths.contains([.field("spec"), .field("replicas")]) }.map(\.manager).sorted()
        #expect(owners == ["a", "b"])
    }

    @Test("fields a manager stops applying are removed unless someone else owns them")
    func removal() throws {
        let live = stored(
            try apply(nil, ["spec": ["replicas": 1, "paused": true], "metadata": ["labels": ["a": "1", "b": "2"]]], manager: "a").get())
        let next = try apply(live, ["spec": ["replicas": 1], "metadata": ["labels": ["a": "1"]]], manager: "a").get()
        #expect(next.object[path: ["spec", "paused"]] == nil)
        #expect(next.object[path: ["metadata", "labels"]] == ["a": "1"])
        let shared = stored(try apply(live, ["spec": ["paused": true]], manager: "b").get())
        let kept = try apply(shared, ["spec": ["replicas": 1]], manager: "a").get()
        #expect(kept.object[path: ["spec", "paused"]] == true)
    }

    @Test("an update takes ownership of what it changes")
    func updateOwnership() throws {
        let live = stored(try apply(nil, ["spec": ["replicas": 1]], manager: "applier").get())
        let edited = live.setting(["spec", "replicas"], to: 5)
        let entries = ManagedFields.recordUpdate(
            old: live, new: edited, manager: "kubectl-edit", subresource: "", apiVersion: "apps/v1",
            time: "t", semantics: semantics)
        #expect(entries.map(\.manager) == ["kubectl-edit"])
        guard case .failure = apply(ManagedFields.storing(entries, in: edited), ["spec": ["replicas": 1]], manager: "applier") else {
            Issue.record("expected a conflict with the editor")
            return
        }
    }

    @Test("associative list elements merge by key")
    func associativeMerge() {
        let live: JSONValue = ["containers": [["name": "a", "image": "1"], ["name": "b", "image": "1"]]]
        let merged = ServerSideApply.merge(
            live, ["containers": [["name": "b", "image": "2"], ["name": "c", "image": "1"]]],
            fieldPath: [], semantics: ListSemantics(kind: "Pod"))
        #expect(merged["containers"]?.arrayValue?.map { $0["name"] } == ["a", "b", "c"])
        #expect(merged["containers"]?.arrayValue?[1]["image"] == "2")
    }
}

@Suite("Field differences")
struct FieldDifferenceTests {
    static let semantics = ListSemantics(kind: "Pod")

    static func leafDifference(_ old: JSONValue, _ new: JSONValue) -> (Set<ManagedPath>, Set<ManagedPath>) {
        let oldLeaves = FieldSet.leaves(of: old, semantics: semantics).paths
        let newLeaves = FieldSet.leaves(of: new, semantics: semantics).paths
        // An associative-list element's marker changes only when the element appears; edits inside
        // it change the element's own leaves.
        let changed = newLeaves.filter { path in
            guard oldLeaves.contains(path) else { return true }
            if case .key? = path.last { return false }
            return old.value(at: path, semantics: semantics) != new.value(at: path, semantics: semantics)
        }
        return (changed, oldLeaves.subtracting(newLeaves))
    }

    static let cases: [(JSONValue, JSONValue)] = [
        (["metadata": ["labels": ["a": "1"]]], ["metadata": ["labels": ["a": "2", "b": "3"]]]),
        (
            ["spec": ["containers": [["name": "c", "image": "1", "env": [["name": "X", "value": "1"]]]]]],
            ["spec": ["containers": [["name": "c", "image": "2"], ["name": "d", "image": "1"]]]]
        ),
        (["metadata": ["finalizers": ["a", "b"]]], ["metadata": ["finalizers": ["b", "c"]]]),
        (["spec": ["tolerations": [["key": "a"]], "x": ["y": 1]]], ["spec": ["tolerations": [["key": "b"]], "x": "scalar"]]),
        (["spec": ["x": ["y": 1]]], ["spec": ["x": [:]]]),
        (["spec": ["x": 1]], ["spec": ["x": 1]]),
    ]

    @Test("the tree walk finds the same changes as comparing every leaf", arguments: cases)
    func difference(old: JSONValue, new: JSONValue) {
        let fast = FieldSet.difference(old: old, new: new, semantics: Self.semantics)
        let slow = Self.leafDifference(old, new)
        #expect(fast.changed == slow.0)
        #expect(fast.removed == slow.1)
    }
}
