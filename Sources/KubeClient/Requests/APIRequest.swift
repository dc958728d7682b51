import KubeModels

/// A Kubernetes API call before it meets a server: method, path, query, body and content types.
///
/// Built without I/O by the factories in `APIRequest+Factories.swift`; the client turns it into an
/// ``HTTPRequest`` by adding the server URL, credentials, TLS and timeouts
/// (``APIRequest/makeHTTPRequest(configuration:credentials:)``).
package struct APIRequest: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP method.
    package var method: HTTPMethod
    /// The URL path, e.g. `/apis/apps/v1/namespaces/ns/daemonsets/name`.
    package var path: String
    /// Query parameters in order.
    package var query: [QueryItem]
    /// The body, if any.
    package var body: [UInt8]?
    /// The body's content type.
    package var contentType: String?
    /// The `Accept` header.
    package var accept: String
    /// Whether sending the request twice is harmless (decides retries on 5xx and broken connections).
    package var isIdempotent: Bool
    /// Whether the response is a long-lived stream (a watch).
    package var isStreaming: Bool
    /// Whether a 429 answer is the request's own outcome rather than throttling: an eviction a
    /// PodDisruptionBudget refuses answers 429, and must neither be retried nor slow the client down.
    package var tooManyRequestsIsAnAnswer = false

    /// Creates a request.
    package init(
        method: HTTPMethod, path: String, query: [QueryItem] = [], body: [UInt8]? = nil, contentType: String? = nil,
        accept: String = "application/json", isIdempotent: Bool? = nil, isStreaming: Bool = false
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.contentType = contentType
        self.accept = accept
        self.isIdempotent = isIdempotent ?? (method != .post && method != .patch)
        self.isStreaming = isStreaming
    }

    /// The path followed by the percent-encoded query string.
    package var pathAndQuery: String {
        query.isEmpty ? path : path + "?" + QueryItem.encode(query)
    }

    /// `METHOD /path?query`, for logs and error messages.
    package var description: String { "\(method.rawValue) \(pathAndQuery)" }
}

/// One query parameter.
package struct QueryItem: Sendable, Hashable {
    /// The name.
    package var name: String
    /// The value (unencoded).
    package var value: String

    /// Creates a parameter.
    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Encodes parameters as `name=value&…`, percent-encoding everything but RFC 3986 unreserved
    /// characters, so selectors like `app in (a,b)` travel safely.
    package static func encode(_ items: [QueryItem]) -> String {
        items.map { "\(percentEncode($0.name))=\(percentEncode($0.value))" }.joined(separator: "&")
    }

    /// Percent-encodes every byte outside `A–Z a–z 0–9 - . _ ~`.
    package static func percentEncode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
