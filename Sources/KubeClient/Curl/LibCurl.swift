import CCurlShim

/// Process-wide libcurl set-up: `curl_global_init` exactly once, then a check that the library can
/// do what the client needs.
package enum LibCurl {
    /// Initializes libcurl once per process and checks its version and TLS backend.
    ///
    /// Call it at the top of `main`, before any thread starts; ``CurlTransport`` calls it too, so a
    /// forgotten call still initializes before the first transfer. Later calls return the first
    /// call's outcome without doing anything.
    /// - Throws: ``CurlError`` of kind `.initialization` when `curl_global_init` fails, or
    ///   `.unsupportedLibrary` when libcurl is older than 7.77.0 or not built on OpenSSL.
    package static func initialize() throws(CurlError) {
        try initialization.get()
    }

    /// The running library's version text, e.g. `7.88.1`, and TLS backend, e.g. `OpenSSL/3.0.11`.
    package static var versionDescription: String {
        let version = String(cString: ccurl_version_text())
        let tls = ccurl_ssl_version_text().map { String(cString: $0) } ?? "no TLS"
        return "libcurl \(version) (\(tls))"
    }

    /// Whether the running libcurl can speak HTTP/2.
    package static var supportsHTTP2: Bool { ccurl_supports_http2() != 0 }

    private static let initialization: Result<Void, CurlError> = {
        let code = ccurl_global_init()
        guard code == CURLE_OK else {
            return .failure(
                CurlError(kind: .initialization, code: Int(code.rawValue), message: String(cString: curl_easy_strerror(code))))
        }
        let requirement = LibCurlRequirement()
        let tls = ccurl_ssl_version_text().map { String(cString: $0) }
        if let problem = requirement.problem(versionNumber: ccurl_version_number(), tlsBackend: tls) {
            return .failure(CurlError(kind: .unsupportedLibrary, code: 0, message: problem))
        }
        return .success(())
    }()
}

/// The libcurl features the client relies on, checked once at start-up.
package struct LibCurlRequirement: Sendable, Hashable {
    /// The oldest usable version as `0xXXYYZZ`: 7.77.0 brought `CURLOPT_CAINFO_BLOB`.
    package var minimumVersionNumber: UInt32 = 0x07_4D_00
    /// The TLS backend prefix required for in-memory client certificates (`CURLOPT_SSLCERT_BLOB`).
    package var requiredTLSBackendPrefix = "OpenSSL"

    /// Creates the default requirement (7.77.0 on OpenSSL).
    package init() {}

    /// Describes why a library does not qualify, or returns `nil` when it does.
    /// - Parameters:
    ///   - versionNumber: `curl_version_info()->version_num`.
    ///   - tlsBackend: `curl_version_info()->ssl_version`, e.g. `OpenSSL/3.0.11`; `nil` without TLS.
    package func problem(versionNumber: UInt32, tlsBackend: String?) -> String? {
        if versionNumber < minimumVersionNumber {
            return "libcurl \(Self.format(versionNumber)) is too old; 7.77.0 or newer is required "
                + "(for in-memory CA certificates, CURLOPT_CAINFO_BLOB)"
        }
        guard let tlsBackend, tlsBackend.hasPrefix(requiredTLSBackendPrefix) else {
            return "libcurl is built on \(tlsBackend ?? "no TLS library"); an OpenSSL build is required "
                + "for in-memory client certificates (on Debian/Ubuntu install libcurl4-openssl-dev)"
        }
        return nil
    }

    /// Formats `0xXXYYZZ` as `X.Y.Z`.
    package static func format(_ versionNumber: UInt32) -> String {
        "\(versionNumber >> 16).\((versionNumber >> 8) & 0xFF).\(versionNumber & 0xFF)"
    }
}
