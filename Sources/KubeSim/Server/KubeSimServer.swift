import Foundation
import KubeModels
import Logging
import NIOSSL

/// A running KubeSim: a loopback Kubernetes API server with simulated nodes, DaemonSet controller,
/// garbage collector and fault injection, for tests, the demo and benchmarks.
///
/// ```swift
/// var options = KubeSimOptions()
/// options.gpuNodes = 3
/// let server = try await KubeSimServer.start(options)
/// defer { Task { await server.stop() } }
/// try server.kubeconfig().write(toFile: path, atomically: true, encoding: .utf8)
/// ```
///
/// - Important: `Sendable`; every method may be called from any task. The server runs in one task
///   started by ``start(_:)`` (listener and controller loop are its children) until ``stop()``.
package final class KubeSimServer: Sendable {
    /// The server URL, e.g. `https://127.0.0.1:41234`.
    package let url: String
    /// The generated CA certificate (PEM).
    package let caPEM: String
    /// The client certificate the kubeconfig uses (PEM, `CN=kubesim-admin`, `O=system:masters`).
    package let clientCertificatePEM: String
    /// The client certificate's key (PKCS#8 PEM).
    package let clientKeyPEM: String
    /// A bearer token the server accepts.
    package let token: String
    /// The port listened on.
    package let port: Int
    /// Whether the server speaks HTTPS.
    package let useTLS: Bool

    /// The simulated cluster (in-process access for tests).
    let cluster: SimulatedCluster
    /// The admin operations shared with `/kubesim/`.
    let admin: AdminAPI
    private let listener: HTTPListener
    private let running: Task<Void, Never>
    private let logger: Logger

    private init(
        url: String, credentials: Credentials, token: String, port: Int, useTLS: Bool, cluster: SimulatedCluster,
        admin: AdminAPI, listener: HTTPListener, running: Task<Void, Never>, logger: Logger
    ) {
        self.url = url
        self.caPEM = credentials.caPEM
        self.clientCertificatePEM = credentials.clientCertificatePEM
        self.clientKeyPEM = credentials.clientKeyPEM
        self.token = token
        self.port = port
        self.useTLS = useTLS
        self.cluster = cluster
        self.admin = admin
        self.listener = listener
        self.running = running
        self.logger = logger
    }

    /// Starts a server: generates credentials, seeds the nodes, listens, and starts the simulated
    /// controllers. Returns once the server accepts connections.
    /// - Parameters:
    ///   - options: listening and simulation options.
    ///   - logger: where the server logs (`kubesim` at `.info` by default).
    /// - Throws: ``KubeSimError`` when credentials cannot be generated or the port cannot be bound.
    package static func start(_ options: KubeSimOptions, logger: Logger = Logger(label: "kubesim")) async throws -> KubeSimServer {
        let credentials = try Credentials.generate()
        var random = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(random.next(), radix: 16) }.joined()
        let cluster = SimulatedCluster(configuration: .init(options: options), wallClock: { Timestamp.now() }, logger: logger)
        await cluster.seedNodes(gpu: options.gpuNodes, cpu: options.cpuNodes)
        let tls = options.useTLS ? try makeTLSContext(credentials) : nil
        let listener = try await HTTPListener.bind(port: options.port, tls: tls, logger: logger)
        let scheme = options.useTLS ? "https" : "http"
        let url = "\(scheme)://127.0.0.1:\(listener.port)"
        let faults = FaultInjector()
        let stats = StatsRecorder(recordingWrites: options.recordWrites)
        let churn = ChurnDriver(options.churn)
        let tokens = TokenStore(Set([token] + options.tokens))
        let admin = AdminAPI(
            cluster: cluster, faults: faults, stats: stats, tokens: tokens, churn: churn, defaultHistoryWindow: options.historyWindow)
        var configured = APIHandler(
            cluster: cluster, faults: faults, stats: stats, tokens: tokens, admin: admin, bookmarkInterval: options.bookmarkInterval,
            serverAddress: "127.0.0.1:\(listener.port)", logger: logger)
        configured.authorizesWithRBAC = options.rbac
        let handler = configured
        let running = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await listener.run(handler: handler.handle) }
                group.addTask { await runControllerLoop(cluster) }
                group.addTask { await churn.run(cluster) }
                await group.next()
                group.cancelAll()
            }
        }
        logger.info("kubesim listening", metadata: ["url": "\(url)", "gpuNodes": "\(options.gpuNodes)", "cpuNodes": "\(options.cpuNodes)"])
        return KubeSimServer(
            url: url, credentials: credentials, token: token, port: listener.port, useTLS: options.useTLS,
            cluster: cluster, admin: admin, listener: listener, running: running, logger: logger)
    }

    /// Stops listening, closes every connection and watch, and stops the controllers.
    package func stop() async {
        await cluster.dropWatches()
        await listener.close()
        running.cancel()
        await running.value
        logger.info("kubesim stopped", metadata: ["url": "\(url)"])
    }

    /// A kubectl-compatible kubeconfig for this server.
    /// - Parameter useToken: authenticate with the bearer token instead of the client certificate
    ///   (always the token for plain HTTP).
    package func kubeconfig(useToken: Bool = false) -> String {
        let credential: Kubeconfig.Credential =
            useToken || !useTLS
            ? .token(token) : .certificate(certificatePEM: clientCertificatePEM, keyPEM: clientKeyPEM)
        return Kubeconfig.render(server: url, caPEM: useTLS ? caPEM : nil, credential: credential)
    }

    private static func makeTLSContext(_ credentials: Credentials) throws(KubeSimError) -> NIOSSLContext {
        do {
            let ca = try NIOSSLCertificate(bytes: Array(credentials.caPEM.utf8), format: .pem)
            let certificate = try NIOSSLCertificate(bytes: Array(credentials.serverCertificatePEM.utf8), format: .pem)
            let key = try NIOSSLPrivateKey(bytes: Array(credentials.serverKeyPEM.utf8), format: .pem)
            var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key))
            configuration.trustRoots = .certificates([ca])
            configuration.certificateVerification = .optionalVerification
            configuration.minimumTLSVersion = .tlsv12
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw KubeSimError(.credentials, "cannot build the TLS context", underlying: error)
        }
    }
}

/// Runs the simulated controllers whenever there is work or a pod deadline passes, until cancelled.
///
/// Wake-ups are coalesced so that a burst of writes (an operator labelling thousands of nodes) is
/// handled in a few controller passes rather than one per write: after a pass the loop waits at
/// least `minimumCoalescing`, and four times as long as the pass took (at most 250 ms), so the
/// controllers never hold the cluster actor for more than about a fifth of the time.
func runControllerLoop(_ cluster: SimulatedCluster, minimumCoalescing: Duration = .milliseconds(5)) async {
    while !Task.isCancelled {
        let started = ContinuousClock.now
        let deadline = await cluster.runControllers(now: .now)
        let coalescing = max(minimumCoalescing, min((ContinuousClock.now - started) * 4, .milliseconds(250)))
        await cluster.wakeup.wait(until: deadline)
        do {
            try await Task.sleep(for: coalescing)
        } catch {
            return
        }
    }
}
