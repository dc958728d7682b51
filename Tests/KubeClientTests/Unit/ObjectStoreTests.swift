import KubeClient
import KubeModels
import Testing

@Suite("Object store")
struct ObjectStoreTests {
    static func node(_ name: String, labels: [String: String] = [:], kernel: String = "5.15") -> Node {
        var node = Node(metadata: ObjectMeta(name: name, labels: labels))
        node.status = NodeStatus(
            capacity: ["nvidia.com/gpu": "8"], conditions: [NodeCondition(type: "Ready", status: "True")],
            nodeInfo: NodeSystemInfo(kernelVersion: kernel, osImage: "Ubuntu 22.04", containerRuntimeVersion: "containerd://1.7"))
        return node
    }

    @Test("a list is buffered and swapped in at initDone, dropping objects that went away")
    func relistSwap() throws {
        let store = ObjectStore<Node>()
        var writer = try store.makeWriter()
        writer.apply(.initStarted)
        writer.apply(.initApply(Self.node("a")))
        writer.apply(.initApply(Self.node("b")))
        #expect(store.count == 0)
        #expect(!store.isReady)
        writer.apply(.initDone)
        #expect(store.isReady)
        #expect(store.snapshot().map(\.metadata.name) == ["a", "b"])

        writer.apply(.apply(Self.node("c")))
        writer.apply(.delete(Self.node("a")))
        #expect(store.snapshot().map(\.metadata.name) == ["b", "c"])

        writer.apply(.initStarted)
        writer.apply(.initApply(Self.node("c")))
        #expect(store.count == 2)
        writer.apply(.initDone)
        #expect(store.snapshot().map(\.metadata.name) == ["c"])
    }

    @Test("the projection trims objects before they are stored")
    func projection() throws {
        let store = ObjectStore<Node>(projection: Node.factsProjection)
        var writer = try store.makeWriter()
        writer.apply(.initStarted)
        writer.apply(.initApply(Self.node("gpu-1", labels: ["nvidia.com/gpu.present": "true"], kernel: "6.8")))
        writer.apply(.initDone)
        let stored = try #require(store.get(name: "gpu-1"))
        #expect(stored.metadata.labels == ["nvidia.com/gpu.present": "true"])
        #expect(stored.status?.nodeInfo?.kernelVersion == "6.8")
        #expect(stored.status?.nodeInfo?.containerRuntimeVersion == "containerd://1.7")
        #expect(stored.status?.capacity == nil)
        #expect(stored.status?.conditions == nil)
    }

    @Test("lookup by label selector")
    func labelLookup() throws {
        let store = ObjectStore<Node>()
        var writer = try store.makeWriter()
        writer.apply(.initStarted)
        for index in 0..<10 {
            writer.apply(.initApply(Self.node("n\(index)", labels: index.isMultiple(of: 3) ? ["gpu": "true"] : ["gpu": "false"])))
        }
        writer.apply(.initDone)
        #expect(store.objects(matching: try LabelSelector(parsing: "gpu=true")).map(\.metadata.name) == ["n0", "n3", "n6", "n9"])
        #expect(store.objects(matching: try LabelSelector(parsing: "gpu")).count == 10)
    }

    @Test("there is one writer at a time")
    func singleWriter() throws {
        let store = ObjectStore<Node>()
        do {
            let writer = try store.makeWriter()
            #expect(throws: ObjectStoreError.writerExists) { _ = try store.makeWriter() }
            _ = consume writer
        }
        _ = try store.makeWriter()
    }

    @Test("waiters resume when the first list is stored")
    func waitUntilReady() async throws {
        let store = ObjectStore<Node>()
        var writer = try store.makeWriter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.waitUntilReady() }
            try await Task.sleep(for: .milliseconds(10))
            writer.apply(.initStarted)
            writer.apply(.initDone)
            try await group.waitForAll()
        }
        try await store.waitUntilReady()
    }
}

@Suite("String interning")
struct StringInternerTests {
    @Test("equal long strings share one copy; short strings and a full table pass through")
    func interning() {
        let interner = StringInterner(capacity: 2)
        let first = interner.intern("feature.node.kubernetes.io/pci-10de.present")
        let second = interner.intern(String("feature.node.kubernetes.io/pci-10de.present".reversed().reversed()))
        #expect(first == second)
        #expect(interner.count == 1)
        #expect(interner.intern("short") == "short")
        #expect(interner.count == 1)
        _ = interner.intern("another-long-string-value-here")
        _ = interner.intern("a-third-long-string-value-here")
        #expect(interner.count == 2)
    }
}
