import KubeModels
import KubeSim
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A minimal HTTP/1.1 client over NIO for tests: one connection per request, HTTPS with the
/// server's CA and optionally the client certificate, bearer tokens, and line-by-line watch reading.
struct TestHTTPClient: Sendable {
    /// A complete response.
    struct Response: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]

        /// The body parsed as JSON.
        func json() throws -> JSONValue { try JSONValue(parsingUTF8: body) }

        /// A header by case-insensitive name.
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    typealias Connection = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

    let port: Int
    let tls: NIOSSLContext?
    let token: String?

    /// A client for a server, authenticating with its token (default) or its client certificate.
    init(server: KubeSimServer, authentication: Authentication = .token) throws {
        port = server.port
        switch authentication {
        case .token: token = server.token
        case .certificate, .none: token = nil
        case .customToken(let value): token = value
        }
        guard server.useTLS else {
            tls = nil
            return
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(server.caPEM.utf8), format: .pem)])
        configuration.certificateVerification = .noHostnameVerification
        if case .certificate = authentication {
            configuration.certificateChain = [.certificate(try NIOSSLCertificate(bytes: Array(server.clientCertificatePEM.utf8), format: .pem))]
            configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(server.clientKeyPEM.utf8), format: .pem))
        }
        tls = try NIOSSLContext(configuration: configuration)
    }

    /// How the client authenticates.
    enum Authentication {
        case token
        case certificate
        case none
        case customToken(String)
    }

    private func connect() async throws -> Connection {
        let tls = self.tls
        return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: nil)) }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
    }

    private func head(_ method: String, _ path: String, body: [UInt8]?, contentType: String?, accept: String?) -> HTTPRequestHead {
        var headers = HTTPHeaders([("Host", "127.0.0.1:\(port)"), ("User-Agent", "kubesim-tests/1.0")])
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            headers.add(name: "Content-Length", value: String(body.count))
            headers.add(name: "Content-Type", value: contentType ?? "application/json")
        }
        if let accept { headers.add(name: "Accept", value: accept) }
        return HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: path, headers: headers)
    }

    /// Sends one request and reads the whole response.
    func request(
        _ method: String, _ path: String, json body: JSONValue? = nil, rawBody: [UInt8]? = nil, contentType: String? = nil,
        accept: String? = nil
    ) async throws -> Response {
        let bytes = rawBody ?? body?.serialized()
        let connection = try await connect()
        let requestHead = head(method, path, body: bytes, contentType: contentType, accept: accept)
        return try await connection.executeThenClose { inbound, outbound in
            try await outbound.write(.head(requestHead))
            if let bytes { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes)))) }
            try await outbound.write(.end(nil))
            var response = Response(status: 0, headers: [], body: [])
            for try await part in inbound {
                switch part {
                case .head(let head):
                    response.status = Int(head.status.code)
                    response.headers = head.headers.map { ($0.name, $0.value) }
                case .body(let buffer):
                    response.body.append(contentsOf: buffer.readableBytesView)
                case .end:
                    return response
                }
            }
            throw Failure(description: "connection closed before the response ended")
        }
    }

    /// GETs a path and returns its JSON, failing on a non-2xx status.
    func json(_ path: String, accept: String? = nil) async throws -> JSONValue {
        let response = try await request("GET", path, accept: accept)
        guard (200..<300).contains(response.status) else {
            throw Failure(description: "GET \(path): \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        return try response.json()
    }

    /// Opens a watch (or any streamed GET), runs `body` with a reader of its JSON lines, and closes
    /// the connection. A watchdog closes the connection after `timeout`, so a test never hangs.
    func watch<T: Sendable>(
        _ path: String, accept: String? = nil, timeout: Duration = .seconds(15),
        _ body: (inout WatchReader) async throws -> T
    ) async throws -> T {
        let connection = try await connect()
        let requestHead = head("GET", path, body: nil, contentType: nil, accept: accept)
        let channel = connection.channel
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            try await channel.close()
        }
        defer { watchdog.cancel() }
        return try await connection.executeThenClose { inbound, outbound in
            try await outbound.write(.head(requestHead))
            try await outbound.write(.end(nil))
            var reader = WatchReader(iterator: inbound.makeAsyncIterator())
            return try await body(&reader)
        }
    }
}

/// Reads a streamed response: the status line, then one JSON value per line.
struct WatchReader {
    var iterator: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    var buffer: [UInt8] = []
    /// The response status, once the head arrived.
    var status: Int?
    var ended = false

    init(iterator: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator) {
        self.iterator = iterator
    }

    /// The next line as JSON, or `nil` when the stream ended (or the watchdog closed it).
    mutating func next() async throws -> JSONValue? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.isEmpty { continue }
                return try JSONValue(parsingUTF8: line)
            }
            if ended { return nil }
            let part: HTTPClientResponsePart?
            do {
                part = try await iterator.next()
            } catch {
                ended = true
                continue
            }
            switch part {
            case .head(let head)?: status = Int(head.status.code)
            case .body(let bytes)?: buffer.append(contentsOf: bytes.readableBytesView)
            case .end?, nil: ended = true
            }
        }
    }

    /// Reads events until `count` have arrived or the stream ends.
    mutating func next(_ count: Int) async throws -> [JSONValue] {
        var events: [JSONValue] = []
        while events.count < count, let event = try await next() { events.append(event) }
        return events
    }

    /// Reads events until one satisfies `predicate`; returns everything read, that one last.
    mutating func until(_ predicate: (JSONValue) -> Bool) async throws -> [JSONValue] {
        var events: [JSONValue] = []
        while let event = try await next() {
            events.append(event)
            if predicate(event) { return events }
        }
        return events
    }
}
