/// One HTTP request as the API layer sees it: method, path, query, headers, complete body, and
/// whether the TLS peer presented a (verified) client certificate.
package struct IncomingRequest: Sendable {
    /// Upper-case method.
    package var method: String
    /// Path without query.
    package var path: String
    /// Parsed query.
    package var query: QueryParameters
    /// Headers by lower-case name (repeated headers joined with `, `).
    package var headers: [String: String]
    /// The body.
    package var body: [UInt8]
    /// Whether the client authenticated with a certificate signed by the server's CA.
    package var hasClientCertificate: Bool

    /// Creates a request.
    package init(method: String, path: String, query: QueryParameters, headers: [String: String], body: [UInt8], hasClientCertificate: Bool) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.hasClientCertificate = hasClientCertificate
    }

    /// A header value by (case-insensitive) name.
    package func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A streamed response body (watch): `run` writes chunks until the stream ends or the task is
/// cancelled (the client went away).
package struct StreamingBody: Sendable {
    /// Produces the body; each call to `write` sends one chunk.
    package var run: @Sendable (_ write: @escaping @Sendable ([UInt8]) async throws -> Void) async -> Void

    /// Creates a streaming body.
    package init(run: @escaping @Sendable (_ write: @escaping @Sendable ([UInt8]) async throws -> Void) async -> Void) {
        self.run = run
    }
}

/// An HTTP response: complete, or streamed with chunked encoding.
package enum OutgoingResponse: Sendable {
    /// Status, headers and the whole body.
    case complete(status: Int, headers: [(String, String)], body: [UInt8])
    /// Status, headers and a body produced over time; the connection closes after it.
    case stream(status: Int, headers: [(String, String)], body: StreamingBody)

    /// A JSON response.
    package static func json(_ status: Int, _ body: [UInt8], headers: [(String, String)] = []) -> OutgoingResponse {
        .complete(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
    }

    /// A Status error response.
    package static func error(_ error: APIError) -> OutgoingResponse {
        .json(error.code, StatusEncoding.bytes(error.status), headers: error.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// The status code.
    package var status: Int {
        switch self {
        case .complete(let status, _, _), .stream(let status, _, _): status
        }
    }
}
