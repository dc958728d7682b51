import Dispatch
import Foundation
import KubeClient
import Synchronization
import Testing

@Suite("CurlTransport request threads")
struct CurlWorkerPoolTests {
    @Test("threads started for a burst exit once idle, except the last, which still serves")
    func idleThreadsExit() async throws {
        let width = 4
        let arrived = Atomic<Int>(0)
        let release = DispatchSemaphore(value: 0)
        // Every request waits until all of them are in flight, so the burst needs `width` threads.
        let server = try LoopbackHTTPServer { request, connection in
            let number = arrived.add(1, ordering: .relaxed).newValue
            if number == width {
                for _ in 0..<width { release.signal() }
            }
            if number <= width { _ = release.wait(timeout: .now() + 10) }
            CurlTransportTests.echo(request, connection)
        }
        defer { server.stop() }
        let transport = try CurlTransport(maximumConcurrentTransfers: width, idleThreadLifetime: .milliseconds(100))
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<width {
                group.addTask { try await transport.send(HTTPRequest(method: .get, url: server.url + "/n/\(index)")).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(arrived.load(ordering: .relaxed) == width)

        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while transport.requestThreadCount > 1, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(transport.requestThreadCount == 1)
        let response = try await transport.send(HTTPRequest(method: .get, url: server.url + "/after"))
        #expect(response.status == 200)
    }
}
