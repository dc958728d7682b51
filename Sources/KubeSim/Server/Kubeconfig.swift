/// Renders kubeconfig files for a KubeSim server.
package enum Kubeconfig {
    /// How the kubeconfig's user authenticates.
    package enum Credential: Sendable {
        /// A client certificate and key (PEM).
        case certificate(certificatePEM: String, keyPEM: String)
        /// A bearer token.
        case token(String)
    }

    /// A kubeconfig with one cluster, user and context, all named `kubesim`.
    /// - Parameters:
    ///   - server: the server URL.
    ///   - caPEM: the CA to trust, or `nil` for plain HTTP.
    ///   - credential: how to authenticate.
    package static func render(server: String, caPEM: String?, credential: Credential) -> String {
        var text = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: kubesim
              cluster:
                server: \(server)

            """
        if let caPEM { text += "    certificate-authority-data: \(Base64.encode(Array(caPEM.utf8)))\n" }
        text += """
            contexts:
            - name: kubesim
              context:
                cluster: kubesim
                user: \(Credentials.clientUser)
                namespace: default
            current-context: kubesim
            preferences: {}
            users:
            - name: \(Credentials.clientUser)
              user:

            """
        switch credential {
        case .certificate(let certificate, let key):
            text += "    client-certificate-data: \(Base64.encode(Array(certificate.utf8)))\n"
            text += "    client-key-data: \(Base64.encode(Array(key.utf8)))\n"
        case .token(let token):
            // Quoted: a hex token of digits only would otherwise read as a number, which kubectl rejects.
            text += "    token: '\(token)'\n"
        }
        return text
    }
}
