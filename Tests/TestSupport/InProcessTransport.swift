import Foundation
import KubeClient
import KubeModels
import KubeSim
import Synchronization

/// An ``HTTPTransport`` that hands each request to an in-process KubeSim instead of a socket, so the
/// real ``KubeClient`` (request building, Status mapping, retries, watches) runs against a faithful
/// in-memory API server. Watch bodies are streamed line by line as KubeSim writes them; dropping the
/// line stream ends the watch.
package struct InProcessTransport: HTTPTransport {
    /// The server answering.
    package let server: InProcessAPIServer

    /// Creates a transport in front of `server`.
    package init(server: InProcessAPIServer) { self.server = server }

    /// Answers a request completely (a streamed answer is collected to its end).
    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch await server.handle(Self.incoming(request)) {
        case .complete(let status, let headers, let body):
            return HTTPResponse(status: status, headers: Self.headers(headers), body: body)
        case .stream(let status, let headers, let body):
            let collected = Mutex<[UInt8]>([])
            await body.run { chunk in collected.withLock { $0 += chunk } }
            return HTTPResponse(status: status, headers: Self.headers(headers), body: collected.withLock { $0 })
        }
    }

    /// Starts a streamed request (a watch); its lines arrive as KubeSim writes them.
    package func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        switch await server.handle(Self.incoming(request)) {
        case .complete(let status, let headers, let body):
            var splitter = LineSplitter()
            var lines = splitter.append(body)
            if let last = splitter.finish() { lines.append(last) }
            let stream = AsyncThrowingStream<[UInt8], any Error> { continuation in
                for line in lines { continuation.yield(line) }
                continuation.finish()
            }
            return HTTPStreamingResponse(status: status, headers: Self.headers(headers), lines: stream)
        case .stream(let status, let headers, let body):
            let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
            let splitter = Mutex(LineSplitter())
            // The producer ends when KubeSim ends the watch or when the consumer drops the stream
            // (onTermination cancels it, and KubeSim sees a failed write).
            let producer = Task {
                await body.run { chunk in
                    try Task.checkCancellation()
                    for line in splitter.withLock({ $0.append(chunk) }) { continuation.yield(line) }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in producer.cancel() }
            return HTTPStreamingResponse(status: status, headers: Self.headers(headers), lines: stream)
        }
    }

    /// A client whose requests go to `server`, authenticated with its token, timed by `clock`.
    package static func client(_ server: InProcessAPIServer, clock: ManualClock, retry: RetryPolicy = RetryPolicy()) -> KubeClient {
        var configuration = ClientConfiguration(server: "https://kubesim.in-process", authentication: .bearerToken(server.token))
        configuration.retry = retry
        return KubeClient(configuration: configuration, transport: InProcessTransport(server: server), clock: clock)
    }

    private static func incoming(_ request: HTTPRequest) -> IncomingRequest {
        var target = Substring(request.url)
        if let scheme = target.range(of: "://") {
            target = target[scheme.upperBound...]
            target = target.firstIndex(of: "/").map { target[$0...] } ?? "/"
        }
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var headers: [String: String] = [:]
        for header in request.headers {
            let key = header.name.lowercased()
            headers[key] = headers[key].map { "\($0), \(header.value)" } ?? header.value
        }
        return IncomingRequest(
            method: request.method.rawValue, path: String(parts[0]), query: QueryParameters(parts.count > 1 ? String(parts[1]) : ""),
            headers: headers, body: request.body ?? [], hasClientCertificate: false)
    }

    private static func headers(_ pairs: [(String, String)]) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in pairs { headers[name.lowercased()] = value }
        return headers
    }
}
