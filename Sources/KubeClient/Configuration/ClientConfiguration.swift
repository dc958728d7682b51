/// Everything a ``KubeClient`` needs to reach one API server: where it is, how to trust it, how to
/// authenticate, and how politely to talk to it.
///
/// Built from a kubeconfig (``Kubeconfig``), from the in-cluster environment (``InClusterConfiguration``),
/// by ``ClientConfiguration/infer(kubeconfigPath:context:environment:)``, or by hand in tests.
/// A value: copying it copies no runtime state (token caches live in the client).
package struct ClientConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// The API server base URL, e.g. `https://10.0.0.1:6443`, without a trailing slash.
    package var server: String
    /// Server verification and client certificate.
    package var tls: TLSSettings
    /// How requests authenticate (besides a client certificate in ``tls``).
    package var authentication: Authentication
    /// A proxy URL from the kubeconfig's `proxy-url`, if any.
    package var proxyURL: String?
    /// The namespace object-level calls use when none is given.
    package var defaultNamespace: String
    /// Time limits of ordinary requests and watches.
    package var timeouts: ClientTimeouts
    /// Client-side rate and concurrency limits.
    package var flowControl: FlowControlSettings
    /// When and how failed requests are retried.
    package var retry: RetryPolicy
    /// Items per page of automatically paged lists.
    package var listPageSize: Int
    /// The `User-Agent` header.
    package var userAgent: String

    /// Creates a configuration.
    /// - Parameters:
    ///   - server: the API server base URL; a trailing slash is removed.
    ///   - tls: server verification and client certificate.
    ///   - authentication: token, token file, basic or exec credentials.
    ///   - proxyURL: an optional proxy.
    ///   - defaultNamespace: the namespace object calls use when none is given.
    package init(
        server: String, tls: TLSSettings = TLSSettings(), authentication: Authentication = .none,
        proxyURL: String? = nil, defaultNamespace: String = "default"
    ) {
        var server = server
        while server.hasSuffix("/") { server.removeLast() }
        self.server = server
        self.tls = tls
        self.authentication = authentication
        self.proxyURL = proxyURL
        self.defaultNamespace = defaultNamespace
        self.timeouts = ClientTimeouts()
        self.flowControl = FlowControlSettings()
        self.retry = RetryPolicy()
        self.listPageSize = 500
        self.userAgent = ProjectVersion.userAgent
    }

    /// Server, namespace, TLS summary and auth kind; never secrets.
    package var description: String {
        "ClientConfiguration(server: \(server), namespace: \(defaultNamespace), \(tls), auth: \(authentication))"
    }
}

/// Time limits of a client's requests.
package struct ClientTimeouts: Sendable, Hashable {
    /// How long TCP and TLS set-up may take.
    package var connect: Duration = .seconds(10)
    /// How long an ordinary request may take in total.
    package var request: Duration = .seconds(60)
    /// The `timeoutSeconds` sent with watches; the server ends the watch after it (the watcher re-watches).
    package var watchServerTimeout: Duration = .seconds(290)
    /// How much longer than the watch's `timeoutSeconds` a silent watch connection is kept before it is
    /// considered dead.
    package var watchIdleMargin: Duration = .seconds(10)
    /// When set, a watch connection that delivered less than one byte per second over this period is
    /// considered dead, instead of `timeoutSeconds` + ``watchIdleMargin``. Useful only where the server
    /// sends bookmarks more often than this.
    package var watchIdle: Duration?

    /// Creates the default timeouts (10 s connect, 60 s request, 290 s watch).
    package init() {}
}

/// How a request proves who it is, besides a TLS client certificate.
package enum Authentication: Sendable, Hashable, CustomStringConvertible {
    /// No credentials (or only a client certificate).
    case none
    /// A fixed bearer token.
    case bearerToken(String)
    /// A bearer token read from a file and re-read at most every `refreshInterval` (bound service-account
    /// tokens rotate), and at once after a 401.
    case tokenFile(path: String, refreshInterval: Duration)
    /// HTTP basic authentication (kubeconfig `username`/`password`).
    case basic(username: String, password: String)
    /// An exec credential plugin (`client.authentication.k8s.io/v1` or `v1beta1`).
    case exec(ExecCredentialConfiguration)

    /// The kind of credential, never its value.
    package var description: String {
        switch self {
        case .none: "none"
        case .bearerToken: "bearer-token"
        case .tokenFile(let path, _): "token-file(\(path))"
        case .basic(let username, _): "basic(\(username))"
        case .exec(let configuration): "exec(\(configuration.command))"
        }
    }
}

/// An exec credential plugin as a kubeconfig `users[].user.exec` entry describes it.
package struct ExecCredentialConfiguration: Sendable, Hashable {
    /// The command; a relative path containing `/` is already resolved against the kubeconfig's folder.
    package var command: String
    /// Arguments.
    package var arguments: [String]
    /// Extra environment variables, in order.
    package var environment: [ExecEnvironmentVariable]
    /// `client.authentication.k8s.io/v1` or `client.authentication.k8s.io/v1beta1`.
    package var apiVersion: String
    /// Shown when the command cannot be started.
    package var installHint: String?
    /// Whether `KUBERNETES_EXEC_INFO` carries the cluster (server, CA) in `spec.cluster`.
    package var providesClusterInfo: Bool
    /// `Never`, `IfAvailable` or `Always`; an operator has no terminal, so `Always` cannot work.
    package var interactiveMode: String?
    /// The cluster the credential is for, passed when ``providesClusterInfo`` is set.
    package var cluster: ExecClusterInfo?

    /// Creates an exec configuration.
    package init(
        command: String, arguments: [String] = [], environment: [ExecEnvironmentVariable] = [],
        apiVersion: String = "client.authentication.k8s.io/v1", installHint: String? = nil,
        providesClusterInfo: Bool = false, interactiveMode: String? = nil, cluster: ExecClusterInfo? = nil
    ) {
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.apiVersion = apiVersion
        self.installHint = installHint
        self.providesClusterInfo = providesClusterInfo
        self.interactiveMode = interactiveMode
        self.cluster = cluster
    }
}

/// One `env` entry of an exec plugin configuration.
package struct ExecEnvironmentVariable: Codable, Sendable, Hashable {
    /// The variable name.
    package var name: String
    /// The value.
    package var value: String

    /// Creates an entry.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The cluster an exec plugin is asked to authenticate to (`ExecCredential.spec.cluster`).
package struct ExecClusterInfo: Sendable, Hashable {
    /// The API server URL.
    package var server: String
    /// The kubeconfig's `tls-server-name`.
    package var tlsServerName: String?
    /// The kubeconfig's `insecure-skip-tls-verify`.
    package var insecureSkipTLSVerify: Bool
    /// The CA bundle (PEM), if any.
    package var certificateAuthorityData: [UInt8]?
    /// The kubeconfig's `proxy-url`.
    package var proxyURL: String?

    /// Creates cluster info.
    package init(
        server: String, tlsServerName: String? = nil, insecureSkipTLSVerify: Bool = false,
        certificateAuthorityData: [UInt8]? = nil, proxyURL: String? = nil
    ) {
        self.server = server
        self.tlsServerName = tlsServerName
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.certificateAuthorityData = certificateAuthorityData
        self.proxyURL = proxyURL
    }
}
