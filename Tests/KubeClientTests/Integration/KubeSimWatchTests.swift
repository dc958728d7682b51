import Foundation
import KubeClient
import KubeModels
import KubeSim
import Testing

@Suite("KubeClient against KubeSim over HTTPS: watches, paging, throttling", .serialized)
struct KubeSimWatchTests {
    /// KubeSim sends bookmarks this often on watches that ask for them.
    static let bookmarkInterval: Duration = .milliseconds(300)

    /// A client whose watches count as dead after 2 s without a byte.
    ///
    /// KubeSim (at d4617de) never finishes a watch response the server ends (dropped watches, the
    /// watch timeout, a 410 ERROR line): `HTTPConnection.stream` waits for the connection's
    /// `closeFuture`, which ignores task cancellation. Clients only notice through idle detection, so
    /// these tests shorten it (KubeSim sends bookmarks every 300 ms to healthy watches).
    static func client(_ server: KubeSimServer, clock: any Clock<Duration> = ContinuousClock()) throws -> KubeClient {
        var configuration = KubeSimHarness.configuration(server, clientCertificate: true)
        configuration.timeouts.watchIdle = .seconds(2)
        return try KubeSimHarness.client(configuration, clock: clock)
    }

    /// Server options for watch tests.
    static func options(_ options: inout KubeSimOptions) {
        options.bookmarkInterval = bookmarkInterval
    }

    static func configMap(_ name: String, data: [String: String]) -> TestConfigMap {
        TestConfigMap(metadata: ObjectMeta(name: name, namespace: "default"), data: data)
    }

    /// Names and data of the server's config maps in `default`.
    static func serverState(_ client: KubeClient) async throws -> [String: [String: String]] {
        var state: [String: [String: String]] = [:]
        for item in try await client.list(TestConfigMap.self, namespace: "default").items {
            state[item.metadata.name ?? ""] = item.data ?? [:]
        }
        return state
    }

    /// Names and data of the config maps a watcher's events add up to.
    static func foldedState(_ fold: Locked<WatchFold<TestConfigMap>>) -> [String: [String: String]] {
        var state: [String: [String: String]] = [:]
        for item in fold.value.objects.values { state[item.metadata.name ?? ""] = item.data ?? [:] }
        return state
    }

    @Test("an expired resourceVersion (410) leads to a re-list that the folded events reflect")
    func goneRelists() async throws {
        try await KubeSimHarness.withServer({
            Self.options(&$0)
            $0.gpuNodes = 2
            $0.cpuNodes = 1
        }) { server in
            let client = try Self.client(server)
            let events = Locked([String]())
            let errors = Locked([String]())
            var configuration = WatcherConfiguration()
            configuration.onError = { error in errors.withLock { $0.append("\(error)") } }
            let watcher = Watcher<Node>(client: client, configuration: configuration)
            let fold = Locked(WatchFold<Node>())
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in watcher {
                        switch event {
                        case .initStarted: events.withLock { $0.append("initStarted") }
                        case .initDone: events.withLock { $0.append("initDone") }
                        default: break
                        }
                        fold.withLock { $0.apply(event) }
                    }
                }
                #expect(await KubeSimHarness.eventually { fold.value.listsCompleted >= 1 })
                #expect(fold.value.objects.count == 3)

                // While the server holds requests, the watch is dropped, a node joins and history is
                // compacted: the watcher can only learn about the node by re-listing after a 410.
                await server.setFaults(FaultProfile(paused: true))
                await server.dropWatches()
                await server.addNode(name: "late-gpu-node", gpu: true)
                await server.compactHistory()
                await server.setFaults(FaultProfile())

                #expect(await KubeSimHarness.eventually { fold.value.objects["late-gpu-node"] != nil })
                #expect(events.value.filter { $0 == "initDone" }.count >= 2)
                #expect(errors.value.contains { $0.contains("gone (410)") })
                group.cancelAll()
            }
        }
    }

    @Test("after 1,000 random writes with watches dropped along the way, the folded watch events equal the server")
    func chaos() async throws {
        try await KubeSimHarness.withServer(Self.options) { server in
            let client = try Self.client(server)
            let watcher = Watcher<TestConfigMap>(client: client, namespace: "default")
            let fold = Locked(WatchFold<TestConfigMap>())
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await WatchFold.run(watcher, into: fold) }
                #expect(await KubeSimHarness.eventually { fold.value.listsCompleted >= 1 })
                var random = SeededGenerator(seed: 20_240_611)
                var expected: [String: [String: String]] = [:]
                for step in 1...1_000 {
                    let name = "cm-\(Int.random(in: 0..<40, using: &random))"
                    let value = String(step)
                    if expected[name] == nil {
                        _ = try await client.create(Self.configMap(name, data: ["v": value]))
                        expected[name] = ["v": value]
                    } else if Int.random(in: 0..<4, using: &random) == 0 {
                        #expect(try await client.delete(TestConfigMap.self, name: name, namespace: "default"))
                        expected[name] = nil
                    } else if Bool.random(using: &random) {
                        _ = try await client.patch(
                            TestConfigMap.self, name: name, namespace: "default", patch: .merge(["data": ["v": .string(value)]]))
                        expected[name] = ["v": value]
                    } else {
                        var current = try #require(try await client.get(TestConfigMap.self, name: name, namespace: "default"))
                        current.data = ["v": value]
                        _ = try await client.update(current)
                        expected[name] = ["v": value]
                    }
                    if step.isMultiple(of: 150) { await server.dropWatches() }
                    if step.isMultiple(of: 331) { await server.compactHistory() }
                }
                #expect(try await Self.serverState(client) == expected)
                let converged = await KubeSimHarness.eventually(timeout: .seconds(30)) { Self.foldedState(fold) == expected }
                #expect(converged, "folded: \(Self.foldedState(fold).count) objects, server: \(expected.count)")
                group.cancelAll()
            }
        }
    }

    @Test("429 answers are retried after their Retry-After and slow the client down")
    func throttling() async throws {
        try await KubeSimHarness.withServer { server in
            let clock = RecordingClock()
            let client = try Self.client(server, clock: clock)
            let rateBefore = client.currentRequestRate
            await server.setFaults(FaultProfile(errorRates: [429: 1.0], retryAfterSeconds: 1, verbs: ["get"]))
            let started = ContinuousClock.now
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask { try await client.get(Namespace.self, name: "default") != nil }
                let throttled = await KubeSimHarness.eventually(timeout: .seconds(30)) {
                    await server.stats().byCode["429", default: 0] >= 2
                }
                #expect(throttled)
                await server.setFaults(FaultProfile())
                let found = try await group.next()
                #expect(found == true)
            }
            let elapsed = started.duration(to: .now)
            let sleeps = clock.sleepDurations.filter { $0 >= .milliseconds(900) }
            #expect(sleeps.count >= 2)
            #expect(clock.sleepDurations.allSatisfy { $0 <= .seconds(1) })
            #expect(elapsed >= .seconds(2))
            #expect(client.currentRequestRate < rateBefore)
        }
    }

    @Test("lists page through 5,000 nodes; a watcher's initial list delivers them all")
    func paging() async throws {
        try await KubeSimHarness.withServer({
            Self.options(&$0)
            $0.gpuNodes = 2_500
            $0.cpuNodes = 2_500
        }) { server in
            let client = try Self.client(server)
            await server.resetStats()
            let nodes = try await client.list(Node.self)
            #expect(nodes.items.count == 5_000)
            #expect(Set(nodes.items.compactMap(\.metadata.name)).count == 5_000)
            #expect(nodes.metadata.resourceVersion?.isEmpty == false)
            let stats = await server.stats()
            let listRequests = stats.requests.filter { $0.verb == "list" && $0.resource == "nodes" }.map(\.count).reduce(0, +)
            #expect(listRequests == 10)

            let fold = Locked(WatchFold<Node>())
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await WatchFold.run(Watcher<Node>(client: client), into: fold) }
                #expect(await KubeSimHarness.eventually { fold.value.listsCompleted >= 1 })
                let nodes = fold.value.objects.values
                #expect(nodes.count == 5_000)
                let gpuNodes = nodes.filter { $0.metadata.labels?["feature.node.kubernetes.io/pci-10de.present"] == "true" }
                #expect(gpuNodes.count == 2_500)
                #expect(gpuNodes.first?.status?.nodeInfo?.kernelVersion == "5.15.0-105-generic")
                group.cancelAll()
            }
        }
    }

    @Test("typed and untyped writes: conflicts, apply, status, preconditions, metadata-only lists")
    func writes() async throws {
        try await KubeSimHarness.withServer({ $0.gpuNodes = 1 }) { server in
            let client = try Self.client(server)
            let created = try await client.create(Self.configMap("app-config", data: ["a": "1"]))
            var stale = created
            _ = try await client.patch(TestConfigMap.self, name: "app-config", patch: .merge(["data": ["a": "2"]]))
            stale.data = ["a": "3"]
            await #expect {
                _ = try await client.update(stale)
            } throws: { error in
                (error as? KubeError)?.isConflict == true
            }
            await #expect {
                _ = try await client.create(Self.configMap("app-config", data: [:]))
            } throws: { error in
                (error as? KubeError)?.isAlreadyExists == true
            }

            let applied = try await client.apply(
                .configMaps,
                [
                    "apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": [
                        "name": "applied", "namespace": "default", "labels": ["app.kubernetes.io/managed-by": "gpu-operator"],
                        "creationTimestamp": nil,
                    ],
                    "data": ["k": "v"],
                ],
                fieldManager: "gpu-operator")
            #expect(applied[path: ["data", "k"]] == "v")
            let managed = try await client.listMetadata(.configMaps, namespace: "default", labelSelector: "app.kubernetes.io/managed-by=gpu-operator")
            #expect(managed.items.map(\.metadata.name) == ["applied"])

            let json = try await client.patch(
                TestConfigMap.self, name: "applied", patch: .json([["op": "add", "path": "/data/j", "value": "w"]]))
            #expect(json.data == ["k": "v", "j": "w"])

            let nodeName = try #require(try await client.list(Node.self).items.first?.metadata.name)
            let patched = try await client.patchStatus(
                Node.self, name: nodeName,
                patch: .merge(["status": ["capacity": ["nvidia.com/gpu": "8"]]]))
            #expect(patched.status?.capacity?["nvidia.com/gpu"] == "8")

            await #expect {
                try await client.delete(TestConfigMap.self, name: "applied", preconditions: Preconditions(uid: "wrong-uid"))
            } throws: { error in
                (error as? KubeError)?.isConflict == true
            }
            #expect(try await client.delete(TestConfigMap.self, name: "applied", propagation: .foreground))
            // As on a real server the object stays, with the foregroundDeletion finalizer, until the
            // garbage collector removes it: wait for that, bounded.
            var gone = false
            for _ in 0..<100 where !gone {
                gone = try await client.get(TestConfigMap.self, name: "applied") == nil
                if !gone { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(gone, "a foreground delete without dependents completes once the garbage collector runs")
        }
    }

    @Test("a raw watch delivers events and ends within a second of cancellation even when silent")
    func rawWatchCancellation() async throws {
        try await KubeSimHarness.withServer(Self.options) { server in
            let client = try Self.client(server)
            let list = try await client.list(TestConfigMap.self, namespace: "default")
            let version = try #require(list.metadata.resourceVersion)
            let cancelledAt = Locked<ContinuousClock.Instant?>(nil)
            let endedAt = try await withThrowingTaskGroup(of: ContinuousClock.Instant?.self) { group in
                group.addTask {
                    var iterator = client.watch(TestConfigMap.self, namespace: "default", resourceVersion: version).makeAsyncIterator()
                    guard case .added(let object)? = try await iterator.next() else { return nil }
                    #expect(object.metadata.name == "first")
                    await server.setFaults(FaultProfile(paused: true))
                    do {
                        while try await iterator.next() != nil {}
                    } catch {
                        #expect(error is CancellationError)
                    }
                    return ContinuousClock.now
                }
                _ = try await client.create(Self.configMap("first", data: [:]))
                #expect(await KubeSimHarness.eventually { await server.openWatchCount() == 1 })
                try await Task.sleep(for: .milliseconds(500))
                cancelledAt.withLock { $0 = ContinuousClock.now }
                group.cancelAll()
                return try await group.next() ?? nil
            }
            await server.setFaults(FaultProfile())
            let start = try #require(cancelledAt.value)
            let end = try #require(endedAt)
            #expect(start.duration(to: end) < .milliseconds(1_100))
            #expect(await KubeSimHarness.eventually { await server.openWatchCount() == 0 })
        }
    }
}
