/// How a request verifies the server and proves the client's identity.
///
/// All material is PEM kept in memory (handed to libcurl with `*_BLOB` options); nothing is written
/// to temporary files. Descriptions never include key material.
package struct TLSSettings: Sendable, Hashable, CustomStringConvertible {
    /// PEM bundle of trusted certificate authorities; `nil` uses the system trust store.
    package var certificateAuthorityPEM: [UInt8]?
    /// PEM client certificate (chain) for mutual TLS.
    package var clientCertificatePEM: [UInt8]?
    /// PEM private key of the client certificate.
    package var clientKeyPEM: [UInt8]?
    /// Skips server certificate and host name verification (kubeconfig `insecure-skip-tls-verify`).
    package var skipsVerification: Bool
    /// The name to verify the server certificate against and to send as SNI, when it differs from the
    /// URL's host (kubeconfig `tls-server-name`).
    package var serverName: String?

    /// Creates TLS settings; by default the server is verified against the system trust store.
    package init(
        certificateAuthorityPEM: [UInt8]? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil,
        skipsVerification: Bool = false, serverName: String? = nil
    ) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.skipsVerification = skipsVerification
        self.serverName = serverName
    }

    /// A summary that says which material is present, never its content.
    package var description: String {
        var parts: [String] = []
        parts.append(certificateAuthorityPEM == nil ? "ca=system" : "ca=inline")
        if clientCertificatePEM != nil { parts.append("client-certificate") }
        if clientKeyPEM != nil { parts.append("client-key=<redacted>") }
        if skipsVerification { parts.append("insecure-skip-verify") }
        if let serverName { parts.append("server-name=\(serverName)") }
        return "TLS(\(parts.joined(separator: ", ")))"
    }
}
