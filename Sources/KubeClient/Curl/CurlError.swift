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
    /// For TLS failures, OpenSSL's certificate verification result (`CURLINFO_SSL_VERIFYRESULT`, an
    /// `X509_V_ERR_*` code; 0 when verification itself succeeded).
    package var certificateVerificationResult: Int?

    /// Creates an error.
    package init(kind: Kind, code: Int, message: String, request: String? = nil, certificateVerificationResult: Int? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.request = request
        self.certificateVerificationResult = certificateVerificationResult
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

    /// What a TLS failure means for the person configuring the client, or `nil` for other failures.
    ///
    /// OpenSSL's own text can be cryptic (a wrong CA whose name matches the real one fails with
    /// "asn1 encoding routines::EVP lib"), so the verification result is translated when there is one.
    package var explanation: String? {
        guard isTLSFailure else { return nil }
        if let result = certificateVerificationResult, result != 0 {
            return "the server certificate could not be verified against the configured certificate authority: "
                + "\(Self.verificationFailure(result)) (X509 error \(result))"
        }
        switch code {
        case 58: return "the client certificate or key could not be used"
        case 77: return "the certificate authority bundle could not be loaded"
        case 60: return "the server certificate could not be verified against the configured certificate authority"
        default:
            return "the TLS handshake failed; check the certificate authority, the client certificate and key, "
                + "and tls-server-name"
        }
    }

    /// OpenSSL's description of common `X509_V_ERR_*` codes.
    package static func verificationFailure(_ result: Int) -> String {
        switch result {
        case 1: "the signature could not be checked with the trusted CA's key (is it a different CA with the same name?)"
        case 2: "unable to get issuer certificate"
        case 7: "certificate signature failure (signed by a different key than the trusted CA's)"
        case 9: "certificate is not yet valid"
        case 10: "certificate has expired"
        case 18: "self-signed certificate"
        case 19: "self-signed certificate in certificate chain"
        case 20: "unable to get local issuer certificate (the issuing CA is not trusted)"
        case 21: "unable to verify the first certificate"
        case 62: "host name mismatch (see tls-server-name)"
        case 64: "IP address mismatch"
        default: "verification error"
        }
    }

    /// `curl error <code>: <explanation> (libcurl: <message>) (<request>)`.
    package var description: String {
        var text: String
        switch kind {
        case .transfer:
            text = explanation.map { "curl error \(code): \($0) (libcurl: \(message))" } ?? "curl error \(code): \(message)"
        case .initialization: text = "libcurl initialization failed: \(message)"
        case .unsupportedLibrary: text = "unsupported libcurl: \(message)"
        }
        if let request { text += " (\(request))" }
        return text
    }
}
