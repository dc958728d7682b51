import Foundation
import KubeModels
import Logging

/// The operator's only way to talk to Kubernetes: typed and untyped calls over one API server,
/// with authentication, client-side flow control, retries and Status-to-error mapping.
///
/// A `Sendable` value: copies share one credential cache and one flow controller, so every copy
/// counts against the same rate limit. Build one with ``infer(kubeconfigPath:context:logger:)`` or
/// ``init(configuration:transport:clock:logger:dependencies:)``.
///
/// Namespaces: for calls on one object (`get`, `create`, `patch`, `delete`, …) a `nil` namespace
/// means ``defaultNamespace``; for `list` and `watch` it means all namespaces. Cluster-scoped types
/// ignore the namespace.
package struct KubeClient: Sendable {
    /// Server, TLS, auth and limits.
    package let configuration: ClientConfiguration
    /// Where requests go.
    package let transport: any HTTPTransport
    /// Time for backoff, token refreshes and rate limiting.
    package let time: TimeSource
    /// Logs requests at debug level and retries at warning level; never credentials.
    package let logger: Logger
    /// Credentials shared by every copy of the client.
    let credentialProvider: CredentialProvider
    /// The rate limiter and concurrency bound shared by every copy of the client.
    let flowController: FlowController
    /// A random number in `0..<1` for backoff jitter.
    let jitter: @Sendable () -> Double
    /// Whether the server answers, shared by every copy of the client (``serverSilence``).
    let connectivity = APIConnectivity()

    /// Creates a client.
    /// - Parameters:
    ///   - configuration: server, TLS, auth and limits.
    ///   - transport: the I/O edge (``CurlTransport`` in production, a scripted transport in tests).
    ///   - clock: the clock retries, backoff and rate limiting use.
    ///   - logger: where requests are logged.
    ///   - dependencies: wall clock, exec plugin runner and jitter source.
    package init(
        configuration: ClientConfiguration, transport: any HTTPTransport,
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "swift-gpu-operator.kubeclient"),
        dependencies: ClientDependencies = ClientDependencies()
    ) {
        let time = TimeSource(clock: clock)
        self.configuration = configuration
        self.transport = transport
        self.time = time
        var logger = logger
        logger[metadataKey: "kube.server"] = .string(configuration.server)
        self.logger = logger
        credentialProvider = CredentialProvider(
            authentication: configuration.authentication, time: time, wallClock: dependencies.wallClock,
            execRunner: dependencies.execRunner)
        flowController = FlowController(settings: configuration.flowControl, time: time)
        jitter = dependencies.jitter
    }

    /// How long the API server has not answered this client's requests, or `nil` while it answers.
    package var serverSilence: Duration? { connectivity.silence(at: time.now()) }

    /// The namespace object calls use when none is given (from the kubeconfig context or the pod).
    package var defaultNamespace: String { configuration.defaultNamespace }

    /// The current client-side request rate, lowered after 429 answers.
    package var currentRequestRate: Double { flowController.currentRate }

    /// Builds a client from a kubeconfig or, failing that, the in-cluster environment, sending with
    /// libcurl.
    /// - Parameters:
    ///   - kubeconfigPath: an explicit kubeconfig (`--kubeconfig`); only it is tried when given.
    ///   - context: a context other than `current-context`.
    ///   - logger: where requests are logged.
    /// - Throws: ``ConfigurationError`` (with both reasons when neither source works), or ``CurlError``
    ///   when libcurl is unusable (older than 7.77 or not OpenSSL).
    package static func infer(
        kubeconfigPath: String? = nil, context: String? = nil, logger: Logger
    ) throws -> KubeClient {
        let configuration = try ClientConfiguration.infer(kubeconfigPath: kubeconfigPath, context: context)
        let transport = try CurlTransport(
            maximumConcurrentTransfers: configuration.flowControl.maximumConcurrentRequests)
        logger.info(
            "Kubernetes client configured",
            metadata: [
                "kube.server": .string(configuration.server), "kube.namespace": .string(configuration.defaultNamespace),
                "kube.auth": .string(configuration.authentication.description),
                "libcurl": .string(LibCurl.versionDescription),
            ])
        return KubeClient(configuration: configuration, transport: transport, logger: logger)
    }

    /// The namespace for a call on one object of `type`.
    func objectNamespace(_ type: ResourceType, _ namespace: String?) -> String? {
        type.isNamespaced ? (namespace ?? defaultNamespace) : nil
    }

    /// The namespace for a collection call on `type` (`nil` = all namespaces).
    func collectionNamespace(_ type: ResourceType, _ namespace: String?) -> String? {
        type.isNamespaced ? namespace : nil
    }
}

/// Injectable collaborators of a ``KubeClient`` that tests replace.
package struct ClientDependencies: Sendable {
    /// The current date, compared with exec credential expiry.
    package var wallClock: @Sendable () -> Date
    /// Runs exec credential plugins.
    package var execRunner: any ExecPluginRunner
    /// A random number in `0..<1` for retry jitter.
    package var jitter: @Sendable () -> Double

    /// Creates the production dependencies (system date, child processes, system randomness).
    package init(
        wallClock: @escaping @Sendable () -> Date = { Date() },
        execRunner: any ExecPluginRunner = ProcessExecPluginRunner(),
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.wallClock = wallClock
        self.execRunner = execRunner
        self.jitter = jitter
    }
}
