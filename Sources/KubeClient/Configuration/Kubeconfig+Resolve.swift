import Foundation

extension Kubeconfig {
    /// Turns one context of this kubeconfig into a client configuration, reading the files it names.
    ///
    /// Precedence follows kubectl: `*-data` fields win over file paths; for credentials an `exec`
    /// plugin wins over `tokenFile`, which wins over `token`, which wins over basic auth; a client
    /// certificate is used alongside any of them.
    /// - Parameters:
    ///   - context: the context name; `nil` uses `current-context`.
    ///   - tokenRefreshInterval: how often a `tokenFile` is re-read.
    /// - Throws: ``ConfigurationError`` naming the missing context, cluster or user, the unreadable
    ///   file, the bad base64 field, or the unsupported auth provider.
    package func makeConfiguration(
        context: String? = nil, tokenRefreshInterval: Duration = .seconds(60)
    ) throws(ConfigurationError) -> ClientConfiguration {
        let contextName: String
        if let context, !context.isEmpty {
            contextName = context
        } else if let current = currentContext, !current.isEmpty {
            contextName = current
        } else {
            throw .noCurrentContext
        }
        guard let namedContext = contexts?.first(where: { $0.name == contextName }) else {
            throw .contextNotFound(contextName)
        }
        let selected = namedContext.context
        guard let cluster = clusters?.first(where: { $0.name == selected.cluster })?.cluster else {
            throw .clusterNotFound(selected.cluster)
        }
        var user = AuthInfo()
        if let userName = selected.user, !userName.isEmpty {
            guard let found = users?.first(where: { $0.name == userName })?.user else {
                throw .userNotFound(userName)
            }
            user = found
        }

        let server = try Self.validatedServer(cluster.server, cluster: selected.cluster)
        var tls = TLSSettings(
            skipsVerification: cluster.insecureSkipTLSVerify ?? false, serverName: cluster.tlsServerName)
        tls.certificateAuthorityPEM = try Self.material(
            data: cluster.certificateAuthorityData, file: cluster.certificateAuthority, field: "certificate-authority")
        tls.clientCertificatePEM = try Self.material(
            data: user.clientCertificateData, file: user.clientCertificate, field: "client-certificate")
        tls.clientKeyPEM = try Self.material(data: user.clientKeyData, file: user.clientKey, field: "client-key")

        let authentication = try Self.authentication(
            for: user,
            cluster: ExecClusterInfo(
                server: server, tlsServerName: cluster.tlsServerName,
                insecureSkipTLSVerify: cluster.insecureSkipTLSVerify ?? false,
                certificateAuthorityData: tls.certificateAuthorityPEM, proxyURL: cluster.proxyURL),
            tokenRefreshInterval: tokenRefreshInterval)

        let namespace = selected.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return ClientConfiguration(
            server: server, tls: tls, authentication: authentication, proxyURL: cluster.proxyURL,
            defaultNamespace: namespace)
    }

    private static func validatedServer(_ server: String?, cluster: String) throws(ConfigurationError) -> String {
        guard let server, let components = URLComponents(string: server),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = components.host, !host.isEmpty
        else {
            throw .invalidServer(cluster: cluster, server: server ?? "")
        }
        return server
    }

    private static func authentication(
        for user: AuthInfo, cluster: ExecClusterInfo, tokenRefreshInterval: Duration
    ) throws(ConfigurationError) -> Authentication {
        if let provider = user.authProvider {
            throw .unsupportedAuthentication(
                "auth-provider \"\(provider.name)\" (use an exec credential plugin instead)")
        }
        if let exec = user.exec {
            let apiVersion = exec.apiVersion ?? ""
            guard ExecCredentialPlugin.supportedAPIVersions.contains(apiVersion) else {
                throw .unsupportedAuthentication(
                    "exec plugin apiVersion \"\(apiVersion)\" (supported: "
                        + ExecCredentialPlugin.supportedAPIVersions.joined(separator: ", ") + ")")
            }
            if exec.interactiveMode == "Always" {
                throw .unsupportedAuthentication(
                    "exec plugin \(exec.command) requires interactiveMode Always, but there is no terminal")
            }
            return .exec(
                ExecCredentialConfiguration(
                    command: exec.command, arguments: exec.args ?? [], environment: exec.env ?? [],
                    apiVersion: apiVersion, installHint: exec.installHint,
                    providesClusterInfo: exec.provideClusterInfo ?? false, interactiveMode: exec.interactiveMode,
                    cluster: cluster))
        }
        if let tokenFile = user.tokenFile, !tokenFile.isEmpty {
            return .tokenFile(path: tokenFile, refreshInterval: tokenRefreshInterval)
        }
        if let token = user.token, !token.isEmpty {
            return .bearerToken(token)
        }
        if let username = user.username, !username.isEmpty {
            return .basic(username: username, password: user.password ?? "")
        }
        return .none
    }

    /// Decodes inline base64 material, or reads the named file, or returns `nil` when neither is set.
    private static func material(data: String?, file: String?, field: String) throws(ConfigurationError) -> [UInt8]? {
        if let data, !data.isEmpty {
            let compact = data.filter { !$0.isWhitespace }
            guard let decoded = Data(base64Encoded: compact) else {
                throw .invalidBase64(field: "\(field)-data")
            }
            return Array(decoded)
        }
        if let file, !file.isEmpty {
            do {
                return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                throw .fileUnreadable(field: field, path: file, reason: (error as NSError).localizedDescription)
            }
        }
        return nil
    }
}
