import KubeClient
import KubeModels
import TestSupport
import Testing

@Suite("Watch state machine and backoff")
struct WatchStateMachineTests {
    static func configMap(_ name: String, _ version: String) -> TestConfigMap {
        var metadata = ObjectMeta(name: name, namespace: "default")
        metadata.resourceVersion = version
        return TestConfigMap(metadata: metadata, data: nil)
    }

    static let gone = KubeError(status: Status(code: 410, reason: "Expired", message: "too old"), request: nil)
    static let unavailable = KubeError(status: Status(code: 503, reason: "ServiceUnavailable", message: "down"), request: nil)

    @Test("list pages, then watch from the list's version; events advance it; a clean end re-watches")
    func happyPath() {
        var machine = WatchStateMachine<TestConfigMap>()
        #expect(machine.nextAction() == .list(continueToken: nil))
        let a = Self.configMap("a", "10")
        let b = Self.configMap("b", "11")
        let c = Self.configMap("c", "12")
        #expect(machine.pageListed([a, b], continueToken: "page2", resourceVersion: "20") == [.initStarted, .initApply(a), .initApply(b)])
        #expect(machine.state == .listing(continueToken: "page2"))
        #expect(machine.nextAction() == .list(continueToken: "page2"))
        #expect(machine.pageListed([c], continueToken: nil, resourceVersion: "20") == [.initApply(c), .initDone])
        #expect(machine.state == .listed(resourceVersion: "20"))
        #expect(machine.nextAction() == .watch(resourceVersion: "20"))
        machine.watchOpened()
        #expect(machine.state == .watching(resourceVersion: "20"))

        let a2 = Self.configMap("a", "21")
        #expect(machine.received(.modified(a2), at: .seconds(1), jitter: 0.5) == [.apply(a2)])
        #expect(machine.received(.bookmark(resourceVersion: "30"), at: .seconds(2), jitter: 0.5) == [])
        let b3 = Self.configMap("b", "31")
        #expect(machine.received(.deleted(b3), at: .seconds(3), jitter: 0.5) == [.delete(b3)])
        #expect(machine.state == .watching(resourceVersion: "31"))
        machine.streamEnded(at: .seconds(4), jitter: 0.5)
        #expect(machine.state == .listed(resourceVersion: "31"))
        #expect(machine.nextAction() == .watch(resourceVersion: "31"))
    }

    @Test("a stream that ends without any event is re-opened only after a backoff")
    func emptyStreamBacksOff() {
        var machine = WatchStateMachine<TestConfigMap>()
        _ = machine.pageListed([], continueToken: nil, resourceVersion: "5")
        _ = machine.nextAction()
        machine.watchOpened()
        machine.streamEnded(at: .seconds(1), jitter: 0.5)
        #expect(machine.nextAction() == .wait(.milliseconds(800)))
        #expect(machine.nextAction() == .watch(resourceVersion: "5"))
    }

    @Test("410 on the watch empties the state: wait, then a full re-list")
    func goneRelists() {
        var machine = WatchStateMachine<TestConfigMap>()
        _ = machine.pageListed([], continueToken: nil, resourceVersion: "5")
        _ = machine.nextAction()
        machine.watchOpened()
        #expect(machine.received(.error(Self.gone.status ?? Status(code: 410, reason: "Gone", message: "")), at: .seconds(10), jitter: 0.5) == [])
        #expect(machine.state == .empty)
        #expect(machine.nextAction() == .wait(.milliseconds(800)))
        #expect(machine.nextAction() == .list(continueToken: nil))
        #expect(machine.pageListed([], continueToken: nil, resourceVersion: "50") == [.initStarted, .initDone])
    }

    @Test("410 while paging restarts the list; other failures retry the same page")
    func pagingFailures() {
        var machine = WatchStateMachine<TestConfigMap>()
        _ = machine.pageListed([Self.configMap("a", "1")], continueToken: "t1", resourceVersion: "9")
        machine.failed(Self.unavailable, at: .seconds(1), jitter: 0.5)
        #expect(machine.nextAction() == .wait(.milliseconds(800)))
        #expect(machine.nextAction() == .list(continueToken: "t1"))
        machine.failed(Self.gone, at: .seconds(2), jitter: 0.5)
        #expect(machine.nextAction() == .wait(.milliseconds(1600)))
        #expect(machine.nextAction() == .list(continueToken: nil))
        #expect(machine.pageListed([], continueToken: nil, resourceVersion: "10").first == .initStarted)
    }

    @Test("a failed watch re-watches from the last seen version after a backoff")
    func watchFailure() {
        var machine = WatchStateMachine<TestConfigMap>()
        _ = machine.pageListed([], continueToken: nil, resourceVersion: "5")
        _ = machine.nextAction()
        machine.watchOpened()
        _ = machine.received(.added(Self.configMap("x", "7")), at: .seconds(1), jitter: 0.5)
        machine.failed(Self.unavailable, at: .seconds(2), jitter: 0.5)
        #expect(machine.state == .listed(resourceVersion: "7"))
        #expect(machine.nextAction() == .wait(.milliseconds(800)))
        #expect(machine.nextAction() == .watch(resourceVersion: "7"))
    }

    @Test("backoff doubles from 0.8 s to 30 s")
    func backoffGrowth() {
        var backoff = WatchBackoff()
        let delays = (0..<9).map { backoff.nextDelay(at: .seconds($0), jitter: 0.5) }
        #expect(
            delays == [
                .milliseconds(800), .milliseconds(1600), .milliseconds(3200), .milliseconds(6400),
                .milliseconds(12800), .milliseconds(25600), .seconds(30), .seconds(30), .seconds(30),
            ])
    }

    @Test("backoff resets after 120 s without a failure")
    func backoffReset() {
        var backoff = WatchBackoff()
        _ = backoff.nextDelay(at: .zero, jitter: 0.5)
        _ = backoff.nextDelay(at: .seconds(1), jitter: 0.5)
        #expect(backoff.nextDelay(at: .seconds(100), jitter: 0.5) == .milliseconds(3200))
        #expect(backoff.nextDelay(at: .seconds(220), jitter: 0.5) == .milliseconds(800))
        #expect(backoff.failureCount == 1)
    }

    @Test("jitter moves a delay by at most 25% and never past 30 s", arguments: [0.0, 0.25, 0.75, 0.999])
    func backoffJitter(jitter: Double) {
        var backoff = WatchBackoff()
        let first = backoff.nextDelay(at: .zero, jitter: jitter)
        #expect(first >= .milliseconds(600) && first <= .milliseconds(1000))
        for step in 1..<20 { _ = backoff.nextDelay(at: .seconds(step), jitter: jitter) }
        #expect(backoff.nextDelay(at: .seconds(21), jitter: jitter) <= .seconds(30))
    }

    @Test("the machine backs off on a manual clock only when told time passed")
    func manualClockBackoff() async throws {
        let clock = ManualClock()
        let time = TimeSource(clock: clock)
        var machine = WatchStateMachine<TestConfigMap>()
        machine.failed(Self.unavailable, at: time.now(), jitter: 0.5)
        guard case .wait(let delay) = machine.nextAction() else {
            Issue.record("expected a wait")
            return
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await time.sleep(delay) }
            #expect(await clock.waitForSleepers(1))
            clock.advance(by: .milliseconds(799))
            #expect(clock.sleeperCount == 1)
            clock.advance(by: .milliseconds(1))
            try await group.waitForAll()
        }
        #expect(clock.sleeperCount == 0)
        #expect(machine.nextAction() == .list(continueToken: nil))
    }
}
