import Foundation
import KubeClient
import KubeModels
import KubeSim
import Logging
import TestSupport

/// Starts KubeSim servers for integration tests and builds libcurl clients for them.
enum KubeSimHarness {
    /// A logger that drops everything (the server's and the client's logs would drown test output).
    static let quietLogger = Logger(label: "kubeclient-tests") { _ in SwiftLogNoOpLogHandler() }

    /// Runs `body` against a fresh server and stops it afterwards, whatever happens.
    static func withServer<T: Sendable>(
        _ configure: (inout KubeSimOptions) -> Void = { _ in }, _ body: (KubeSimServer) async throws -> T
    ) async throws -> T {
        var options = KubeSimOptions()
        options.podReadyDelay = .milliseconds(10)
        configure(&options)
        let server = try await KubeSimServer.start(options, logger: quietLogger)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// The server's CA as bytes.
    static func certificateAuthority(_ server: KubeSimServer) -> [UInt8] { Array(server.caPEM.utf8) }

    /// A configuration that trusts the server's CA and authenticates as given.
    static func configuration(
        _ server: KubeSimServer, authentication: Authentication = .none, clientCertificate: Bool = false
    ) -> ClientConfiguration {
        var tls = TLSSettings(certificateAuthorityPEM: certificateAuthority(server))
        if clientCertificate {
            tls.clientCertificatePEM = Array(server.clientCertificatePEM.utf8)
            tls.clientKeyPEM = Array(server.clientKeyPEM.utf8)
        }
        return ClientConfiguration(server: server.url, tls: tls, authentication: authentication)
    }

    /// A libcurl client for a configuration.
    static func client(
        _ configuration: ClientConfiguration, clock: any Clock<Duration> = ContinuousClock()
    ) throws -> KubeClient {
        KubeClient(
            configuration: configuration,
            transport: try CurlTransport(maximumConcurrentTransfers: configuration.flowControl.maximumConcurrentRequests),
            clock: clock, logger: quietLogger)
    }

    /// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
    static func eventually(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }
}
