import KubeClient
import TestSupport
import Testing
import Validation

@Suite("Bounded waits on injected time")
struct WaiterTests {
    @Test("a bounded wait gives up after its attempts with the last reason and the time waited")
    func bounded() async throws {
        let clock = ManualClock()
        let waiter = Waiter(time: TimeSource(clock: clock), interval: .seconds(5))
        let task = Task { () async throws(ValidationError) -> Int in
            try await waiter.until("the thing", attempts: 3) { () throws(ValidationError) -> Attempt<Int> in .retry("still missing") }
        }
        for _ in 0..<2 {
            #expect(await clock.waitForSleepers())
            clock.advance(by: .seconds(5))
        }
        await #expect(throws: ValidationError.timedOut(what: "the thing", seconds: 10, last: "still missing")) { try await task.value }
        #expect(clock.sleepDurations == [.seconds(5), .seconds(5)])
    }

    @Test("one attempt (no WITH_WAIT) fails at once, naming what was not ready")
    func single() async {
        let waiter = Waiter(time: TimeSource(clock: ManualClock()), interval: .seconds(5))
        await #expect(throws: ValidationError.notReady(what: "x", reason: "no")) {
            try await waiter.until("x", attempts: 1) { () throws(ValidationError) -> Attempt<Void> in .retry("no") }
        }
    }

    @Test("WITH_WAIT: the toolkit check retries every SLEEP_INTERVAL_SECONDS until nvidia-smi appears")
    func withWait() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let clock = ManualClock()
        let context = try harness.context("toolkit", ["WITH_WAIT": "true", "SLEEP_INTERVAL_SECONDS": "7"], time: TimeSource(clock: clock))
        let path = harness.root + "/bin"
        let task = Task { try await Validator.run(context, searchPath: path) }
        #expect(await clock.waitForSleepers())
        #expect(harness.read(harness.output + "/toolkit-ready") == nil)
        try harness.script(harness.root + "/bin/nvidia-smi", "exit 0")
        clock.advance(by: .seconds(7))
        try await task.value
        #expect(harness.read(harness.output + "/toolkit-ready") == "")
        #expect(clock.sleepDurations == [.seconds(7)])
    }
}
