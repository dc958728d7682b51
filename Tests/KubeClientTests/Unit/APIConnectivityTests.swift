import Testing

@testable import KubeClient

/// When the client says the API server is not answering (the readiness probe and the operator's
/// log follow it).
@Suite("API connectivity")
struct APIConnectivityTests {
    @Test("a request waiting with no answer after it started is silence; any answer ends it")
    func waiting() {
        let connectivity = APIConnectivity()
        #expect(connectivity.silence(at: .seconds(0)) == nil, "nothing waiting, nothing known")
        let first = connectivity.start(at: .seconds(1))
        #expect(connectivity.silence(at: .seconds(11)) == .seconds(10))
        let second = connectivity.start(at: .seconds(2))
        connectivity.finish(second, answered: true, at: .seconds(3))
        #expect(connectivity.silence(at: .seconds(11)) == nil, "an answer after the waiting request started: the server is there")
        connectivity.finish(first, answered: true, at: .seconds(12))
        let third = connectivity.start(at: .seconds(20))
        #expect(connectivity.silence(at: .seconds(26)) == .seconds(6))
        connectivity.abandon(third)
        #expect(connectivity.silence(at: .seconds(30)) == nil, "a cancelled attempt waits for nothing")
    }

    @Test("attempts that fail to reach the server are silence from the first failure until an answer")
    func failures() {
        let connectivity = APIConnectivity()
        connectivity.finish(connectivity.start(at: .seconds(5)), answered: false, at: .seconds(5))
        connectivity.finish(connectivity.start(at: .seconds(7)), answered: false, at: .seconds(7))
        #expect(connectivity.silence(at: .seconds(15)) == .seconds(10))
        connectivity.finish(connectivity.start(at: .seconds(16)), answered: true, at: .seconds(16))
        #expect(connectivity.silence(at: .seconds(17)) == nil)
    }
}
