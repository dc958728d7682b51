/// A failure of the libcurl transport: either a transfer that ended with a `CURLcode`, or a libcurl
/// library that cannot be used at all.
///
/// The message is the text libcurl wrote to the transfer's `CURLOPT_ERRORBUFFER` (which names the
/// concrete cause, e.g. "SSL certificate problem: unable to get local issuer certificate"), falling
/// back to `curl_easy_strerror`.
package struct CurlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, at the level a caller decides on.
    package enum Kind: Sendable, Hashable {
        /// A transfer ended with the `CURLcode` in ``CurlError/code``.
        case transfer
        /// `curl_global_init` or `curl_easy_init` failed.
        case initialization
        /// The running libcurl is too old or not built on OpenSSL.
        case unsupportedLibrary
    }

    /// The failure kind.
    package var kind: Kind
    /// The raw `CURLcode` (0 when not applicable).
    package var code: Int
    /// Human-readable detail from libcurl's error buffer.
    package var message: String
    /// Method and URL of the failed request, when there was one (never credentials).
    package var request: String?

    /// Creates an error.
    package init(kind: Kind, code: Int, message: String, request: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.request = request
    }

    /// Whether the request certainly never reached the server (name resolution or TCP connect failed),
    /// so that even a non-idempotent request may be retried.
    package var isConnectFailure: Bool {
        kind == .transfer && [Self.couldNotResolveProxy, Self.couldNotResolveHost, Self.couldNotConnect].contains(code)
    }

    /// Whether the TLS handshake or certificate verification failed; retrying will not help.
    package var isTLSFailure: Bool {
        kind == .transfer && [35, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91].contains(code)
    }

    /// Whether the transfer hit its time limit (`CURLE_OPERATION_TIMEDOUT`).
    package var isTimeout: Bool { kind == .transfer && code == 28 }

    /// `CURLE_COULDNT_RESOLVE_PROXY`.
    package static let couldNotResolveProxy = 5
    /// `CURLE_COULDNT_RESOLVE_HOST`.
    package static let couldNotResolveHost = 6
    /// `CURLE_COULDNT_CONNECT`.
    package static let couldNotConnect = 7

    /// `curl: (<code>) <message> [<request>]`.
    package var description: String {
        var text: String
        switch kind {
        case .transfer: text = "curl error \(code): \(message)"
        case .initialization: text = "libcurl initialization failed: \(message)"
        case .unsupportedLibrary: text = "unsupported libcurl: \(message)"
        }
        if let request { text += " (\(request))" }
        return text
    }
}
