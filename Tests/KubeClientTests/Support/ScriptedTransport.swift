import KubeClient
import KubeModels
import Synchronization

/// What a scripted server answers.
enum ScriptedReply: Sendable {
    /// A complete response.
    case response(HTTPResponse)
    /// A stream: head, then these lines, then a clean end or an error.
    case stream(status: Int, lines: [String], endingWith: (any Error)? = nil)
    /// A transport failure.
    case failure(any Error)

    /// A JSON response.
    static func json(_ status: Int, _ body: JSONValue, headers: [String: String] = [:]) -> ScriptedReply {
        .response(HTTPResponse(status: status, headers: headers, body: body.serialized()))
    }

    /// A `Status` failure response as the API server sends it.
    static func status(
        _ code: Int, reason: String, message: String = "failure", headers: [String: String] = [:]
    )
        -> ScriptedReply
    {
        let body: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure", "message": .string(message),
            "reason": .string(reason), "code": .int(Int64(code)),
        ]
        return .json(code, body, headers: headers)
    }
}

/// A transport that checks each request and answers from a script, like kube-rs's ApiServerVerifier.
final class ScriptedTransport: HTTPTransport {
    typealias Handler = @Sendable (HTTPRequest) throws -> ScriptedReply

    private let steps: Mutex<(handlers: [Handler], index: Int, requests: [HTTPRequest])>
    private let fallback: Handler?

    /// Answers the n-th request with the n-th handler; after the script, `fallback` (or a failure).
    init(_ handlers: [Handler], fallback: Handler? = nil) {
        steps = Mutex((handlers, 0, []))
        self.fallback = fallback
    }

    /// Every request received, in order.
    var requests: [HTTPRequest] { steps.withLock { $0.requests } }
    /// Whether every scripted step was used.
    var isExhausted: Bool { steps.withLock { $0.index >= $0.handlers.count } }

    private func reply(to request: HTTPRequest) throws -> ScriptedReply {
        let handler: Handler? = steps.withLock { state in
            state.requests.append(request)
            guard state.index < state.handlers.count else { return nil }
            defer { state.index += 1 }
            return state.handlers[state.index]
        }
        guard let handler = handler ?? fallback else {
            throw ScriptError(message: "unexpected request \(request)")
        }
        return try handler(request)
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch try reply(to: request) {
        case .response(let response): return response
        case .failure(let error): throw error
        case .stream: throw ScriptError(message: "scripted a stream for an ordinary request \(request)")
        }
    }

    func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        switch try reply(to: request) {
        case .response(let response):
            let lines = AsyncThrowingStream<[UInt8], any Error> { continuation in
                if !response.body.isEmpty { continuation.yield(response.body) }
                continuation.finish()
            }
            return HTTPStreamingResponse(status: response.status, headers: response.headers, lines: lines)
        case .failure(let error): throw error
        case .stream(let status, let lines, let ending):
            let stream = AsyncThrowingStream<[UInt8], any Error> { continuation in
                for line in lines { continuation.yield(Array(line.utf8)) }
                continuation.finish(throwing: ending)
            }
            return HTTPStreamingResponse(status: status, lines: stream)
        }
    }
}

struct ScriptError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Path and decoded query of a request URL.
struct RequestTarget: Equatable {
    var path: String
    var query: [String: String]

    init(_ request: HTTPRequest) {
        let afterHost = request.url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        let rest = afterHost.count > 3 ? "/" + afterHost[3] : "/"
        let parts = rest.split(separator: "?", maxSplits: 1)
        path = String(parts[0])
        var query: [String: String] = [:]
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                query[kv[0].removingPercentEncodingForTests] = kv.count > 1 ? kv[1].removingPercentEncodingForTests : ""
            }
        }
        self.query = query
    }
}

extension String {
    var removingPercentEncodingForTests: String {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
