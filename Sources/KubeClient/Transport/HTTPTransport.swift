/// The I/O edge of the client: sends fully built HTTP requests and returns raw responses.
///
/// Everything above this protocol (paths, query strings, headers, bodies, auth, retries, flow control,
/// Status mapping, watch state) is pure and testable with a scripted transport; the libcurl
/// implementation is ``CurlTransport``.
///
/// - Important: Implementations must be safe to call from many tasks at once and must never block a
///   thread of the cooperative pool. Cancelling the calling task must end the transfer promptly (within
///   about a second, even on a silent stream) and surface as `CancellationError`.
package protocol HTTPTransport: Sendable {
    /// Sends one request and returns the complete response, whatever its status code.
    /// - Parameter request: the request, with absolute URL, headers, body and TLS material.
    /// - Returns: the status, headers and body. Non-2xx statuses are returned, not thrown.
    /// - Throws: a transport error (``CurlError`` for libcurl) when no HTTP response was received, or
    ///   `CancellationError` when the calling task was cancelled.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// Starts a streaming request (a watch) and returns once the response head has arrived.
    /// - Parameter request: the request; its ``RequestTimeouts/total`` is normally `nil`.
    /// - Returns: the status and headers, plus the body split into newline-terminated lines (empty
    ///   lines dropped), independent of how the body was chunked on the wire.
    /// - Throws: a transport error when no response head arrived, or `CancellationError`.
    /// - Important: Dropping the returned line stream (or cancelling the task iterating it) ends the
    ///   transfer. The line stream applies back-pressure: the transfer does not read ahead of the
    ///   consumer by more than a small bounded number of lines.
    func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse
}

/// An HTTP method the Kubernetes API uses.
package enum HTTPMethod: String, Sendable, Hashable {
    /// `GET`.
    case get = "GET"
    /// `POST`.
    case post = "POST"
    /// `PUT`.
    case put = "PUT"
    /// `PATCH`.
    case patch = "PATCH"
    /// `DELETE`.
    case delete = "DELETE"
    /// `HEAD`.
    case head = "HEAD"
}

/// One request header.
package struct HTTPHeader: Sendable, Hashable {
    /// The header name as sent.
    package var name: String
    /// The header value.
    package var value: String

    /// Creates a header.
    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Whether the value must never appear in logs or descriptions.
    package var isSensitive: Bool {
        let lowered = name.lowercased()
        return lowered == "authorization" || lowered == "proxy-authorization" || lowered == "cookie"
    }
}

/// Connect and total time limits of one request.
package struct RequestTimeouts: Sendable, Hashable {
    /// How long establishing the connection (TCP and TLS) may take.
    package var connect: Duration
    /// How long the whole transfer may take; `nil` for watch streams, which end by server timeout,
    /// idle detection or cancellation instead.
    package var total: Duration?
    /// For streams: the transfer fails when fewer than one byte per second arrived over this period.
    package var idle: Duration?

    /// Creates timeouts.
    package init(connect: Duration, total: Duration?, idle: Duration? = nil) {
        self.connect = connect
        self.total = total
        self.idle = idle
    }
}

/// A fully built HTTP request: absolute URL, headers, body and the TLS material to use.
package struct HTTPRequest: Sendable, Hashable, CustomStringConvertible {
    /// The method.
    package var method: HTTPMethod
    /// The absolute URL, including the percent-encoded query string.
    package var url: String
    /// Headers in sending order.
    package var headers: [HTTPHeader]
    /// The body, if any.
    package var body: [UInt8]?
    /// Server verification and client certificate.
    package var tls: TLSSettings
    /// A proxy URL (`http://`, `https://`, `socks5://`), if any.
    package var proxyURL: String?
    /// Time limits.
    package var timeouts: RequestTimeouts

    /// Creates a request.
    package init(
        method: HTTPMethod, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil,
        tls: TLSSettings = TLSSettings(), proxyURL: String? = nil,
        timeouts: RequestTimeouts = RequestTimeouts(connect: .seconds(10), total: .seconds(60))
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.tls = tls
        self.proxyURL = proxyURL
        self.timeouts = timeouts
    }

    /// The value of the first header named `name` (case-insensitive).
    package func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// Method and URL only; header values that carry credentials are never included.
    package var description: String { "\(method.rawValue) \(url)" }
}

/// A complete HTTP response.
package struct HTTPResponse: Sendable, Hashable {
    /// The HTTP status code.
    package var status: Int
    /// Response headers, names lower-cased; a repeated header keeps its last value.
    package var headers: [String: String]
    /// The body bytes.
    package var body: [UInt8]

    /// Creates a response.
    package init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is 2xx.
    package var isSuccess: Bool { (200..<300).contains(status) }
}

/// The head of a streaming response plus its body as a sequence of lines.
package struct HTTPStreamingResponse: Sendable {
    /// The HTTP status code.
    package var status: Int
    /// Response headers, names lower-cased.
    package var headers: [String: String]
    /// The body, one element per non-empty line, without the line terminator.
    package var lines: AsyncThrowingStream<[UInt8], any Error>

    /// Creates a streaming response.
    package init(status: Int, headers: [String: String] = [:], lines: AsyncThrowingStream<[UInt8], any Error>) {
        self.status = status
        self.headers = headers
        self.lines = lines
    }
}
