/// A kubeconfig file (`apiVersion: v1`, `kind: Config`) as kubectl reads it.
///
/// Only the fields a client needs are modelled; unknown fields are ignored on decode. Relative file
/// paths are resolved against the file's folder by ``Kubeconfig/load(path:)``, before merging.
package struct Kubeconfig: Codable, Sendable, Hashable {
    /// `v1`.
    package var apiVersion: String?
    /// `Config`.
    package var kind: String?
    /// Named clusters.
    package var clusters: [NamedCluster]?
    /// Named users (`AuthInfo`).
    package var users: [NamedUser]?
    /// Named contexts.
    package var contexts: [NamedContext]?
    /// The context used when none is requested.
    package var currentContext: String?

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, clusters, users, contexts
        case currentContext = "current-context"
    }

    /// Creates a kubeconfig.
    package init(
        clusters: [NamedCluster] = [], users: [NamedUser] = [], contexts: [NamedContext] = [],
        currentContext: String? = nil
    ) {
        self.apiVersion = "v1"
        self.kind = "Config"
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
    }

    /// A cluster entry with its name.
    package struct NamedCluster: Codable, Sendable, Hashable {
        /// The entry name.
        package var name: String
        /// The cluster.
        package var cluster: Cluster
    }

    /// Where an API server is and how to trust it.
    package struct Cluster: Codable, Sendable, Hashable {
        /// The API server URL.
        package var server: String?
        /// Path of a PEM CA bundle.
        package var certificateAuthority: String?
        /// Base64 PEM CA bundle; wins over ``certificateAuthority``.
        package var certificateAuthorityData: String?
        /// Skip verifying the server certificate.
        package var insecureSkipTLSVerify: Bool?
        /// The name to verify the server certificate against.
        package var tlsServerName: String?
        /// A proxy for requests to this cluster.
        package var proxyURL: String?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
        }

        /// Creates a cluster.
        package init(server: String?, certificateAuthorityData: String? = nil) {
            self.server = server
            self.certificateAuthorityData = certificateAuthorityData
        }
    }

    /// A user entry with its name.
    package struct NamedUser: Codable, Sendable, Hashable {
        /// The entry name.
        package var name: String
        /// The credentials.
        package var user: AuthInfo
    }

    /// How a user authenticates.
    package struct AuthInfo: Codable, Sendable, Hashable {
        /// Path of a PEM client certificate.
        package var clientCertificate: String?
        /// Base64 PEM client certificate; wins over ``clientCertificate``.
        package var clientCertificateData: String?
        /// Path of a PEM client key.
        package var clientKey: String?
        /// Base64 PEM client key; wins over ``clientKey``.
        package var clientKeyData: String?
        /// A bearer token.
        package var token: String?
        /// Path of a file holding a bearer token, re-read as it rotates; wins over ``token``.
        package var tokenFile: String?
        /// Basic-auth user name.
        package var username: String?
        /// Basic-auth password.
        package var password: String?
        /// An exec credential plugin.
        package var exec: ExecConfig?
        /// A legacy auth provider (gcp, azure, oidc); not supported.
        package var authProvider: AuthProvider?

        enum CodingKeys: String, CodingKey {
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case token, tokenFile, username, password, exec
            case authProvider = "auth-provider"
        }

        /// Creates empty credentials.
        package init() {}
    }

    /// The `exec` entry of a user.
    package struct ExecConfig: Codable, Sendable, Hashable {
        /// The command to run.
        package var command: String
        /// Its arguments.
        package var args: [String]?
        /// Extra environment variables.
        package var env: [ExecEnvironmentVariable]?
        /// The ExecCredential API version the plugin speaks.
        package var apiVersion: String?
        /// Shown when the command is missing.
        package var installHint: String?
        /// Whether to pass the cluster in `KUBERNETES_EXEC_INFO`.
        package var provideClusterInfo: Bool?
        /// `Never`, `IfAvailable` or `Always`.
        package var interactiveMode: String?
    }

    /// The `auth-provider` entry of a user (only its name is read, to report it as unsupported).
    package struct AuthProvider: Codable, Sendable, Hashable {
        /// The provider name.
        package var name: String
    }

    /// A context entry with its name.
    package struct NamedContext: Codable, Sendable, Hashable {
        /// The entry name.
        package var name: String
        /// The context.
        package var context: Context
    }

    /// A (cluster, user, namespace) triple.
    package struct Context: Codable, Sendable, Hashable {
        /// The cluster entry name.
        package var cluster: String
        /// The user entry name; empty or absent for no credentials.
        package var user: String?
        /// The default namespace.
        package var namespace: String?
    }
}
