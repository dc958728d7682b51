import Foundation

/// The credentials to put on one request.
package struct RequestCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The `Authorization` header value, if any.
    package var authorization: String?
    /// A client certificate from an exec plugin, overriding the configured one.
    package var clientCertificatePEM: [UInt8]?
    /// The key of ``clientCertificatePEM``.
    package var clientKeyPEM: [UInt8]?

    /// Creates credentials.
    package init(authorization: String? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil) {
        self.authorization = authorization
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }

    /// Which credentials are present, never their values.
    package var description: String {
        let scheme = authorization?.split(separator: " ").first.map(String.init) ?? "none"
        return "RequestCredentials(authorization: \(scheme), clientCertificate: \(clientCertificatePEM != nil))"
    }
}

/// Produces per-request credentials from an ``Authentication``, caching what is expensive to get.
///
/// Fixed tokens and basic auth are computed once; token files are re-read as they rotate
/// (``TokenFileSource``); exec plugins run once per credential lifetime (``ExecCredentialCache``).
/// Shared by every copy of a ``KubeClient``.
package final class CredentialProvider: Sendable {
    private enum Source: Sendable {
        case fixed(RequestCredentials)
        case tokenFile(TokenFileSource)
        case exec(ExecCredentialCache)
    }

    private let source: Source

    /// Creates a provider.
    /// - Parameters:
    ///   - authentication: what the configuration asks for.
    ///   - time: monotonic time for token-file refreshes.
    ///   - wallClock: the date compared with exec credential expiry.
    ///   - execRunner: how exec plugins are run.
    package init(
        authentication: Authentication, time: TimeSource, wallClock: @escaping @Sendable () -> Date = { Date() },
        execRunner: any ExecPluginRunner = ProcessExecPluginRunner()
    ) {
        switch authentication {
        case .none:
            source = .fixed(RequestCredentials())
        case .bearerToken(let token):
            source = .fixed(RequestCredentials(authorization: "Bearer \(token)"))
        case .basic(let username, let password):
            let encoded = Data("\(username):\(password)".utf8).base64EncodedString()
            source = .fixed(RequestCredentials(authorization: "Basic \(encoded)"))
        case .tokenFile(let path, let refreshInterval):
            source = .tokenFile(TokenFileSource(path: path, refreshInterval: refreshInterval, time: time))
        case .exec(let configuration):
            source = .exec(ExecCredentialCache(configuration: configuration, runner: execRunner, wallClock: wallClock))
        }
    }

    /// Whether a 401 might be cured by fetching the credentials again (token file or exec plugin).
    package var isRefreshable: Bool {
        if case .fixed = source { return false }
        return true
    }

    /// The credentials for the next request.
    /// - Throws: ``KubeError`` with reason `.authentication` carrying the ``ConfigurationError``.
    package func credentials() async throws -> RequestCredentials {
        do {
            switch source {
            case .fixed(let credentials):
                return credentials
            case .tokenFile(let file):
                return RequestCredentials(authorization: "Bearer \(try file.token())")
            case .exec(let cache):
                let credential = try await cache.credential()
                return RequestCredentials(
                    authorization: credential.token.map { "Bearer \($0)" },
                    clientCertificatePEM: credential.clientCertificatePEM, clientKeyPEM: credential.clientKeyPEM)
            }
        } catch let error as CancellationError {
            throw error
        } catch {
            throw KubeError(reason: .authentication, underlying: error)
        }
    }

    /// Forgets cached credentials after the server rejected them (401).
    package func invalidate() async {
        switch source {
        case .fixed: break
        case .tokenFile(let file): file.invalidate()
        case .exec(let cache): await cache.invalidate()
        }
    }
}
