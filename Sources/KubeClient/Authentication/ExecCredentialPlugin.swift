import Foundation
import KubeModels

/// A credential returned by an exec plugin (`ExecCredential.status`).
package struct ExecCredential: Sendable, Hashable {
    /// A bearer token, if the plugin returned one.
    package var token: String?
    /// A PEM client certificate, if the plugin returned one (always with ``clientKeyPEM``).
    package var clientCertificatePEM: [UInt8]?
    /// The PEM key of ``clientCertificatePEM``.
    package var clientKeyPEM: [UInt8]?
    /// When the credential stops being valid; `nil` means until the server rejects it.
    package var expiration: Date?

    /// Creates a credential.
    package init(token: String?, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil, expiration: Date?) {
        self.token = token
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.expiration = expiration
    }
}

/// What running an exec plugin printed and how it exited.
package struct ExecPluginOutput: Sendable, Hashable {
    /// Standard output (the `ExecCredential` JSON).
    package var standardOutput: [UInt8]
    /// Standard error (diagnostics, shown on failure).
    package var standardError: [UInt8]
    /// The exit status.
    package var exitCode: Int32

    /// Creates an output.
    package init(standardOutput: [UInt8], standardError: [UInt8] = [], exitCode: Int32 = 0) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.exitCode = exitCode
    }
}

/// The exec credential protocol (`client.authentication.k8s.io`), without I/O: the input a plugin
/// receives in `KUBERNETES_EXEC_INFO`, and the parsing of what it prints.
package enum ExecCredentialPlugin {
    /// The API versions this client speaks.
    package static let supportedAPIVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    /// The `KUBERNETES_EXEC_INFO` JSON for a plugin: `kind: ExecCredential`, `spec.interactive: false`,
    /// and `spec.cluster` when the configuration asks for cluster info.
    package static func execInfo(for configuration: ExecCredentialConfiguration) -> String {
        var spec: [String: JSONValue] = ["interactive": false]
        if configuration.providesClusterInfo, let cluster = configuration.cluster {
            var clusterObject: [String: JSONValue] = ["server": .string(cluster.server)]
            if let name = cluster.tlsServerName { clusterObject["tls-server-name"] = .string(name) }
            if cluster.insecureSkipTLSVerify { clusterObject["insecure-skip-tls-verify"] = true }
            if let ca = cluster.certificateAuthorityData {
                clusterObject["certificate-authority-data"] = .string(Data(ca).base64EncodedString())
            }
            if let proxy = cluster.proxyURL { clusterObject["proxy-url"] = .string(proxy) }
            spec["cluster"] = .object(clusterObject)
        }
        let info: JSONValue = [
            "apiVersion": .string(configuration.apiVersion), "kind": "ExecCredential", "spec": .object(spec),
        ]
        return info.serializedString()
    }

    /// Checks a plugin run and extracts its credential.
    /// - Parameters:
    ///   - output: what the plugin printed and its exit status.
    ///   - configuration: the plugin configuration (for the expected API version and messages).
    /// - Throws: ``ConfigurationError/execPluginFailed(command:exitCode:stderr:)`` on a non-zero exit,
    ///   ``ConfigurationError/execPluginOutputInvalid(command:reason:)`` when the output is not an
    ///   `ExecCredential` of the configured version with a token or a certificate and key.
    package static func credential(
        from output: ExecPluginOutput, configuration: ExecCredentialConfiguration
    ) throws(ConfigurationError) -> ExecCredential {
        let command = configuration.command
        guard output.exitCode == 0 else {
            let stderr = String(decoding: output.standardError.prefix(1024), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw .execPluginFailed(command: command, exitCode: output.exitCode, stderr: stderr)
        }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: Data(output.standardOutput))
        } catch {
            throw .execPluginOutputInvalid(command: command, reason: "output is not JSON")
        }
        guard document["kind"]?.stringValue == "ExecCredential" else {
            throw .execPluginOutputInvalid(command: command, reason: "kind is not ExecCredential")
        }
        let apiVersion = document["apiVersion"]?.stringValue ?? ""
        guard apiVersion == configuration.apiVersion else {
            throw .execPluginOutputInvalid(
                command: command, reason: "apiVersion \"\(apiVersion)\" does not match \"\(configuration.apiVersion)\"")
        }
        guard let status = document["status"], status.objectValue != nil else {
            throw .execPluginOutputInvalid(command: command, reason: "status is missing")
        }
        let token = status["token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let certificate = status["clientCertificateData"]?.stringValue.map { Array($0.utf8) }
        let key = status["clientKeyData"]?.stringValue.map { Array($0.utf8) }
        guard token != nil || (certificate != nil && key != nil) else {
            throw .execPluginOutputInvalid(
                command: command, reason: "status has neither a token nor clientCertificateData and clientKeyData")
        }
        guard (certificate == nil) == (key == nil) else {
            throw .execPluginOutputInvalid(
                command: command, reason: "clientCertificateData and clientKeyData must be given together")
        }
        var expiration: Date?
        if let text = status["expirationTimestamp"]?.stringValue {
            guard let date = parseTimestamp(text) else {
                throw .execPluginOutputInvalid(command: command, reason: "expirationTimestamp \"\(text)\" is not RFC 3339")
            }
            expiration = date
        }
        return ExecCredential(token: token, clientCertificatePEM: certificate, clientKeyPEM: key, expiration: expiration)
    }

    /// Parses an RFC 3339 timestamp, with or without fractional seconds (see ``RFC3339``).
    package static func parseTimestamp(_ text: String) -> Date? {
        RFC3339.date(from: text)
    }
}
