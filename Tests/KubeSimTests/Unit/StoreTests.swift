import KubeModels
import KubeSim
import Testing

@Suite("Object store, history and paging tokens")
struct StoreTests {
    static let pods = GroupResource(group: "", resource: "pods")

    static func pod(_ name: String, namespace: String = "ns", labels: [String: String] = [:]) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": [
                "name": .string(name), "namespace": .string(namespace), "uid": .string("uid-\(name)"),
                "labels": JSONValue(stringMap: labels),
            ],
        ]
    }

    @Test("resourceVersions are global and monotonic; events carry the deletion version")
    func versions() throws {
        var store = ObjectStore(historyCapacity: 10)
        let start = store.resourceVersion
        let added = store.put(Self.pods, Self.pod("a"))
        let modified = store.put(Self.pods, Self.pod("a", labels: ["x": "1"]))
        let removal = store.remove(Self.pods, ObjectKey(namespace: "ns", name: "a"))
        let deleted = try #require(removal)
        #expect([added.resourceVersion, modified.resourceVersion, deleted.resourceVersion] == [start + 1, start + 2, start + 3])
        #expect([added.type, modified.type, deleted.type] == [.added, .modified, .deleted])
        #expect(deleted.object.value[path: ["metadata", "resourceVersion"]] == .string(String(start + 3)))
        #expect(store.events(Self.pods, after: start + 1)?.map(\.resourceVersion) == [start + 2, start + 3])
    }

    @Test("history evicts beyond capacity; resuming before the eviction point is refused")
    func eviction() {
        var store = ObjectStore(historyCapacity: 3)
        let start = store.resourceVersion
        for index in 0..<5 { store.put(Self.pods, Self.pod("p\(index)")) }
        #expect(store.events(Self.pods, after: start) == nil)
        #expect(store.events(Self.pods, after: start + 2)?.count == 3)
        store.setHistoryCapacity(1)
        #expect(store.events(Self.pods, after: start + 3) == nil)
        #expect(store.events(Self.pods, after: start + 4)?.count == 1)
        store.compactHistory()
        #expect(store.events(Self.pods, after: start + 4) == nil)
        #expect(store.events(Self.pods, after: start + 5)?.isEmpty == true)
    }

    @Test("keys are ordered by namespace then name; namespace slices")
    func ordering() {
        var store = ObjectStore(historyCapacity: 10)
        for (namespace, name) in [("b", "x"), ("a", "z"), ("a", "y"), ("c", "a")] { store.put(Self.pods, Self.pod(name, namespace: namespace)) }
        #expect(store.objects(Self.pods).map(\.key.description) == ["a/y", "a/z", "b/x", "c/a"])
        #expect(store.objects(Self.pods, namespace: "a").map(\.key.name) == ["y", "z"])
        #expect(store.objects(Self.pods, namespace: "none").isEmpty)
    }

    @Test("owner index follows ownerReferences")
    func owners() {
        var store = ObjectStore(historyCapacity: 10)
        let owned = Self.pod("a").setting(["metadata", "ownerReferences"], to: [["apiVersion": "v1", "kind": "X", "name": "o", "uid": "owner"]])
        store.put(Self.pods, owned)
        #expect(store.dependents["owner"]?.count == 1)
        store.put(Self.pods, Self.pod("a"))
        #expect(store.dependents["owner"] == nil)
    }

    @Test("continue tokens round-trip and reject garbage")
    func continueTokens() throws {
        let token = ContinueToken(resourceVersion: 42, lastKey: ObjectKey(namespace: "ns", name: "pod-7"))
        #expect(try ContinueToken(decoding: token.encoded) == token)
        #expect(throws: APIError.self) { try ContinueToken(decoding: "not-a-token") }
        #expect(Base64.decode(Base64.encode(Array("hello, world".utf8))) == Array("hello, world".utf8))
    }

    @Test("selector watches translate changes that move objects in or out of the selection")
    func translation() {
        let filter = ObjectFilter(namespace: "ns", labels: LabelSelector(requirements: [.equals("app", "x")]))
        let inside = StoredObject(value: Self.pod("a", labels: ["app": "x"]), resourceVersion: 2)
        let outside = StoredObject(value: Self.pod("a", labels: ["app": "y"]), resourceVersion: 3)
        #expect(filter.translate(StoredEvent(type: .modified, resource: Self.pods, object: outside, previous: inside)) == .deleted)
        #expect(filter.translate(StoredEvent(type: .modified, resource: Self.pods, object: inside, previous: outside)) == .added)
        #expect(filter.translate(StoredEvent(type: .modified, resource: Self.pods, object: outside, previous: outside)) == nil)
        #expect(filter.translate(StoredEvent(type: .deleted, resource: Self.pods, object: inside, previous: inside)) == .deleted)
    }
}
