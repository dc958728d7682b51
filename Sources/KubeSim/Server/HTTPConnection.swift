import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// Serves one HTTP/1.1 connection: reads requests (pipelined requests are answered in order),
/// answers each through the handler, and streams watch bodies with chunked encoding until the
/// stream ends or the client goes away.
struct HTTPConnection {
    /// Request bodies larger than this are refused (the API server's limit is 3 MiB; CRDs are big).
    static let maximumBodySize = 32 * 1024 * 1024

    /// The connection.
    let channel: HTTPListener.ConnectionChannel
    /// Whether the connection is TLS (and may carry a client certificate).
    let isTLS: Bool
    /// Connection logging.
    let logger: Logger

    /// Serves requests until the client closes the connection or a streamed response ends.
    func run(handler: @escaping @Sendable (IncomingRequest) async -> OutgoingResponse) async {
        do {
            try await channel.executeThenClose { inbound, outbound in
                var iterator = inbound.makeAsyncIterator()
                var hasCertificate: Bool?
                while let part = try await iterator.next() {
                    guard case .head(let head) = part else { continue }
                    if head.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                        // libcurl waits a second for this before sending large bodies.
                        try await outbound.write(.head(HTTPResponseHead(version: head.version, status: .continue)))
                    }
                    var body: [UInt8] = []
                    var tooLarge = false
                    reading: while let part = try await iterator.next() {
                        switch part {
                        case .body(let buffer):
                            if body.count + buffer.readableBytes > Self.maximumBodySize {
                                tooLarge = true
                            } else {
                                body.append(contentsOf: buffer.readableBytesView)
                            }
                        case .end: break reading
                        case .head: return
                        }
                    }
                    if hasCertificate == nil { hasCertificate = await peerHasCertificate() }
                    let response: OutgoingResponse
                    if tooLarge {
                        response = .error(APIError(code: 413, reason: "RequestEntityTooLarge", message: "the request body is too large"))
                    } else {
                        response = await handler(makeRequest(head, body: body, hasCertificate: hasCertificate ?? false))
                    }
                    let keepAlive = head.isKeepAlive
                    switch response {
                    case .complete(let status, let headers, let bytes):
                        var fields = HTTPHeaders(headers)
                        fields.add(name: "Content-Length", value: String(bytes.count))
                        fields.add(name: "Cache-Control", value: "no-cache, private")
                        if !keepAlive { fields.add(name: "Connection", value: "close") }
                        try await outbound.write(.head(HTTPResponseHead(version: head.version, status: .init(statusCode: status), headers: fields)))
                        if !bytes.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes)))) }
                        try await outbound.write(.end(nil))
                        if !keepAlive { return }
                    case .stream(let status, let headers, let streamingBody):
                        var fields = HTTPHeaders(headers)
                        fields.add(name: "Transfer-Encoding", value: "chunked")
                        fields.add(name: "Cache-Control", value: "no-cache, private")
                        try await outbound.write(.head(HTTPResponseHead(version: head.version, status: .init(statusCode: status), headers: fields)))
                        try await stream(streamingBody, to: outbound)
                        try await outbound.write(.end(nil))
                        return
                    }
                }
            }
        } catch {
            logger.trace("connection ended", metadata: ["error": "\(error)"])
        }
    }

    /// Runs a streaming body until it finishes or the client closes the connection.
    private func stream(_ body: StreamingBody, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>) async throws {
        // EventLoopFuture.get() ignores task cancellation, so the close is relayed through a stream
        // whose iteration ends either when the channel closes or when the body finished first.
        let (closedSignal, closedContinuation) = AsyncStream.makeStream(of: Void.self)
        channel.channel.closeFuture.whenComplete { _ in closedContinuation.finish() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await body.run { bytes in
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
                }
            }
            group.addTask {
                for await _ in closedSignal {}
            }
            await group.next()
            group.cancelAll()
        }
        closedContinuation.finish()
    }

    private func peerHasCertificate() async -> Bool {
        guard isTLS else { return false }
        do {
            return try await channel.channel.nioSSL_peerCertificate().get() != nil
        } catch {
            logger.debug("cannot read the peer certificate", metadata: ["error": "\(error)"])
            return false
        }
    }

    private func makeRequest(_ head: HTTPRequestHead, body: [UInt8], hasCertificate: Bool) -> IncomingRequest {
        let uri = head.uri
        let path: String
        let query: String
        if let mark = uri.firstIndex(of: "?") {
            path = String(uri[..<mark])
            query = String(uri[uri.index(after: mark)...])
        } else {
            path = uri
            query = ""
        }
        var headers: [String: String] = [:]
        for (name, value) in head.headers {
            let key = name.lowercased()
            headers[key] = headers[key].map { "\($0), \(value)" } ?? value
        }
        return IncomingRequest(
            method: head.method.rawValue, path: path, query: QueryParameters(query), headers: headers,
            body: body, hasClientCertificate: hasCertificate)
    }
}
