import KubeClient
import KubeModels
import Synchronization
import TestSupport
import Testing

@Suite("Watcher against a scripted server")
struct WatcherScriptedTests {
    func names(_ events: [WatcherEvent<TestConfigMap>]) -> [String] {
        events.map { event in
            switch event {
            case .initStarted: "initStarted"
            case .initApply(let object): "initApply \(object.metadata.name ?? "")"
            case .initDone: "initDone"
            case .apply(let object): "apply \(object.metadata.name ?? "")@\(object.metadata.resourceVersion ?? "")"
            case .delete(let object): "delete \(object.metadata.name ?? "")"
            }
        }
    }

    @Test("list, watch, re-watch from the last version, re-list after 410")
    func lifecycle() async throws {
        let errors = Locked([String]())
        let transport = ScriptedTransport(
            [
                { request in
                    #expect(RequestTarget(request).query["limit"] == "2")
                    return .json(200, configMapList(["a", "b"], resourceVersion: "10", continueToken: "p2"))
                },
                { request in
                    #expect(RequestTarget(request).query["continue"] == "p2")
                    return .json(200, configMapList(["c"], resourceVersion: "10"))
                },
                { request in
                    #expect(RequestTarget(request).query["resourceVersion"] == "10")
                    return .stream(
                        status: 200,
                        lines: [
                            watchLine("MODIFIED", configMapJSON("a", resourceVersion: "11")),
                            watchLine("BOOKMARK", ["metadata": ["resourceVersion": "20"]]),
                        ])
                },
                { request in
                    #expect(RequestTarget(request).query["resourceVersion"] == "20")
                    return .stream(
                        status: 200,
                        lines: [
                            watchLine("DELETED", configMapJSON("b", resourceVersion: "21")),
                            watchLine("ERROR", ["kind": "Status", "code": 410, "reason": "Expired", "message": "too old"]),
                        ])
                },
                { request in
                    #expect(RequestTarget(request).query["continue"] == nil)
                    #expect(RequestTarget(request).query["watch"] == nil)
                    return .json(200, configMapList(["c", "d"], resourceVersion: "40"))
                },
            ], fallback: { _ in .stream(status: 200, lines: []) })
        let clock = InstantSleepClock()
        let client = makeScriptedClient(transport, clock: clock)
        var configuration = WatcherConfiguration()
        configuration.onError = { error in errors.withLock { $0.append("\(error)") } }
        var iterator = Watcher<TestConfigMap>(client: client, configuration: configuration).makeAsyncIterator()
        var events: [WatcherEvent<TestConfigMap>] = []
        for _ in 0..<11 {
            guard let event = await iterator.next() else { break }
            events.append(event)
        }
        #expect(
            names(events) == [
                "initStarted", "initApply a", "initApply b", "initApply c", "initDone",
                "apply a@11", "delete b",
                "initStarted", "initApply c", "initApply d", "initDone",
            ])
        #expect(clock.sleepDurations == [.milliseconds(800)])
        #expect(errors.withLock { $0.count } == 1)
        #expect(transport.requests.count == 5)
    }

    @Test("failures back off with growing delays and recover")
    func backoffOnFailures() async throws {
        let transport = ScriptedTransport(
            [
                { _ in .status(500, reason: "InternalError") },
                { _ in .status(500, reason: "InternalError") },
                { _ in .json(200, configMapList(["a"], resourceVersion: "1")) },
            ], fallback: { _ in .stream(status: 200, lines: []) })
        var configuration = ClientConfiguration(server: "https://k:6443")
        configuration.retry = .never
        configuration.listPageSize = 10
        let clock = InstantSleepClock()
        let client = makeScriptedClient(transport, configuration: configuration, clock: clock)
        var iterator = Watcher<TestConfigMap>(client: client).makeAsyncIterator()
        #expect(await iterator.next() == .initStarted)
        #expect(clock.sleepDurations == [.milliseconds(800), .milliseconds(1600)])
    }

    @Test("cancelling the consuming task ends the watcher")
    func cancellation() async throws {
        let transport = ScriptedTransport([], fallback: { _ in .status(500, reason: "InternalError") })
        var configuration = ClientConfiguration(server: "https://k:6443")
        configuration.retry = .never
        let clock = ManualClock()
        let client = makeScriptedClient(transport, configuration: configuration, clock: clock)
        await withTaskGroup(of: WatcherEvent<TestConfigMap>?.self) { group in
            group.addTask {
                var iterator = Watcher<TestConfigMap>(client: client).makeAsyncIterator()
                return await iterator.next()
            }
            #expect(await clock.waitForSleepers(1))
            group.cancelAll()
            #expect(await group.next() == .some(nil))
        }
    }
}
