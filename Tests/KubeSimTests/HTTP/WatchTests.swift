import KubeModels
import KubeSim
import Synchronization
import Testing

/// Resource versions written by a concurrent writer.
final class WrittenVersions: Sendable {
    private let state = Mutex<(versions: [Int64], done: Bool)>(([], false))

    func append(_ version: Int64) { state.withLock { $0.versions.append(version) } }
    func finish() { state.withLock { $0.done = true } }
    var snapshot: (versions: [Int64], done: Bool) { state.withLock { $0 } }
}

@Suite("Watch over HTTP")
struct WatchTests {
    static func pod(_ name: String, labels: [String: String] = [:]) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "labels": JSONValue(stringMap: labels)],
            "spec": ["containers": [["name": "c", "image": "busybox:1"]]],
        ]
    }

    static func version(_ object: JSONValue?) -> Int64? {
        object?[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int64($0) }
    }

    @Test("a client resuming from its last resourceVersion across timeouts and dropped watches sees every change exactly once, in order")
    func resumeWithoutLossOrDuplication() async throws {
        try await TestCluster.with(configure: { $0.bookmarkInterval = .milliseconds(100) }) { server, client in
            let list = try await client.json("/api/v1/namespaces/default/pods")
            let start = try #require(Self.version(list))
            let written = WrittenVersions()
            let writer = Task {
                for index in 0..<60 {
                    let created = try await client.request("POST", "/api/v1/namespaces/default/pods", json: Self.pod("p\(index)"))
                    written.append(try #require(Self.version(try created.json())))
                    let patched = try await client.request(
                        "PATCH", "/api/v1/namespaces/default/pods/p\(index)",
                        json: ["metadata": ["labels": ["step": .string(String(index))]]],
                        contentType: "application/merge-patch+json")
                    written.append(try #require(Self.version(try patched.json())))
                    if index > 0 {
                        let deleted = try await client.request("DELETE", "/api/v1/namespaces/default/pods/p\(index - 1)")
                        written.append(try #require(Self.version(try deleted.json())))
                    }
                }
                written.finish()
            }
            var seen: [Int64] = []
            var resumeFrom = start
            var reconnects = 0
            let deadline = ContinuousClock.now.advanced(by: .seconds(60))
            while ContinuousClock.now < deadline {
                let state = written.snapshot
                if state.done, let last = state.versions.max(), seen.last ?? 0 >= last { break }
                reconnects += 1
                let path = "/api/v1/namespaces/default/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion=\(resumeFrom)"
                let connection = reconnects
                try await client.watch(path) { reader in
                    var received = 0
                    while let event = try await reader.next() {
                        let type = event["type"]?.stringValue ?? ""
                        #expect(type != "ERROR", "unexpected error event \(event.serializedString())")
                        guard let version = Self.version(event["object"]) else { continue }
                        resumeFrom = version
                        if type == "BOOKMARK" { continue }
                        seen.append(version)
                        received += 1
                        // Alternate client-side disconnects with server-side drops.
                        if received == 20 { return }
                        if received == 7, connection % 3 == 0 { await server.dropWatches() }
                    }
                }
            }
            try await writer.value
            #expect(reconnects > 3)
            #expect(seen == written.snapshot.versions.sorted())
        }
    }

    @Test("a resourceVersion older than the history window gets an ERROR event with 410 Expired")
    func expired() async throws {
        try await TestCluster.with { server, client in
            let first = try await client.request("POST", "/api/v1/namespaces/default/pods", json: Self.pod("a"))
            let version = try #require(Self.version(try first.json()))
            await server.setFaults(FaultProfile(historyWindow: 2))
            for index in 0..<3 { _ = try await client.request("POST", "/api/v1/namespaces/default/pods", json: Self.pod("x\(index)")) }
            let events = try await client.watch("/api/v1/namespaces/default/pods?watch=1&resourceVersion=\(version)") { reader in
                let events = try await reader.next(2)
                #expect(reader.status == 200)
                return events
            }
            #expect(events.count == 1)
            #expect(events.first?["type"] == "ERROR")
            #expect(events.first?[path: ["object", "code"]] == 410)
            #expect(events.first?[path: ["object", "reason"]] == "Expired")
            let compactedFrom = try #require(
                Self.version(try await client.request("POST", "/api/v1/namespaces/default/pods", json: Self.pod("late")).json()))
            await server.setFaults(FaultProfile())
            #expect(try await client.request("POST", "/kubesim/history/compact").status == 200)
            let afterCompaction = try await client.watch("/api/v1/namespaces/default/pods?watch=1&resourceVersion=\(compactedFrom - 1)") {
                try await $0.next(1)
            }
            #expect(afterCompaction.first?[path: ["object", "code"]] == 410)
        }
    }

    @Test("watch without a version lists first; selectors translate; the legacy watch path and bookmarks work")
    func shapes() async throws {
        try await TestCluster.with(configure: { $0.bookmarkInterval = .milliseconds(50) }) { server, client in
            _ = try await client.request("POST", "/api/v1/namespaces/default/pods", json: Self.pod("a", labels: ["app": "x"]))
            _ = try await client.request("POST", "/api/v1/namespaces/default/pods", json: Self.pod("b"))
            let events = try await client.watch("/api/v1/pods?watch=1&labelSelector=app%3Dx&allowWatchBookmarks=true") { reader in
                var events = try await reader.next(1)
                _ = try await client.request(
                    "PATCH", "/api/v1/namespaces/default/pods/a", json: ["metadata": ["labels": ["app": "y"]]],
                    contentType: "application/merge-patch+json")
                events += try await reader.until { $0["type"] == "DELETED" }
                events += try await reader.until { $0["type"] == "BOOKMARK" }
                return events
            }
            let types = events.map { $0["type"]?.stringValue ?? "" }
            #expect(types.filter { $0 != "BOOKMARK" } == ["ADDED", "DELETED"])
            #expect(types.last == "BOOKMARK")
            #expect(events.first { $0["type"] == "DELETED" }?[path: ["object", "metadata", "labels", "app"]] == "y")
            #expect(events.last?[path: ["object", "kind"]] == "Pod")
            let single = try await client.watch("/api/v1/watch/namespaces/default/pods/b") { try await $0.next(1) }
            #expect(single.first?[path: ["object", "metadata", "name"]] == "b")
            let timedOut = try await client.watch("/api/v1/namespaces/default/pods?watch=1&timeoutSeconds=1&fieldSelector=metadata.name%3Dnone") {
                reader in
                try await reader.next()
            }
            #expect(timedOut == nil)
            #expect(await server.openWatchCount() == 0)
        }
    }

    @Test("Table watches carry column definitions in the first event only")
    func tableWatch() async throws {
        try await TestCluster.with { _, client in
            _ = try await client.request("POST", "/api/v1/namespaces/default/pods", json: Self.pod("a"))
            _ = try await client.request("POST", "/api/v1/namespaces/default/pods", json: Self.pod("b"))
            let accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
            let events = try await client.watch("/api/v1/namespaces/default/pods?watch=1", accept: accept) { try await $0.next(2) }
            #expect(events.count == 2)
            #expect(events[0][path: ["object", "kind"]] == "Table")
            #expect(events[0][path: ["object", "columnDefinitions"]]?.arrayValue?.first?["name"] == "Name")
            #expect(events[1][path: ["object", "columnDefinitions"]] == .null)
            #expect(events[1][path: ["object", "rows"]]?[0]?["cells"]?[0] == "b")
        }
    }
}
