import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The listening socket: binds 127.0.0.1, wraps connections in TLS (when configured) and HTTP/1.1,
/// and serves each connection with an ``HTTPConnection`` in a child task.
///
/// - Important: ``run(handler:)`` returns when the server channel closes (``close()``) or its task is
///   cancelled; connection tasks are children of it, so nothing outlives the listener.
package struct HTTPListener: Sendable {
    /// One accepted HTTP/1.1 connection.
    typealias ConnectionChannel = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private let serverChannel: NIOAsyncChannel<ConnectionChannel, Never>
    private let isTLS: Bool
    private let logger: Logger

    /// The bound port.
    package let port: Int

    /// Binds a listener.
    /// - Parameters:
    ///   - port: the port (0 picks one).
    ///   - tls: the TLS context, or `nil` for plain HTTP.
    ///   - logger: connection-level logging.
    /// - Throws: ``KubeSimError`` when binding fails.
    package static func bind(port: Int, tls: NIOSSLContext?, logger: Logger) async throws(KubeSimError) -> HTTPListener {
        do {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: 512)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                        return try ConnectionChannel(wrappingChannelSynchronously: channel)
                    }
                }
            guard let bound = channel.channel.localAddress?.port else {
                throw KubeSimError(.listen, "the listening socket has no port")
            }
            return HTTPListener(serverChannel: channel, isTLS: tls != nil, logger: logger, port: bound)
        } catch let error as KubeSimError {
            throw error
        } catch {
            throw KubeSimError(.listen, "cannot listen on 127.0.0.1:\(port)", underlying: error)
        }
    }

    private init(serverChannel: NIOAsyncChannel<ConnectionChannel, Never>, isTLS: Bool, logger: Logger, port: Int) {
        self.serverChannel = serverChannel
        self.isTLS = isTLS
        self.logger = logger
        self.port = port
    }

    /// Accepts connections until the listener is closed or the task cancelled.
    /// - Parameter handler: answers each request.
    package func run(handler: @escaping @Sendable (IncomingRequest) async -> OutgoingResponse) async {
        let isTLS = self.isTLS
        let logger = self.logger
        do {
            try await withThrowingDiscardingTaskGroup { group in
                try await serverChannel.executeThenClose { inbound in
                    for try await connection in inbound {
                        group.addTask {
                            await HTTPConnection(channel: connection, isTLS: isTLS, logger: logger).run(handler: handler)
                        }
                    }
                }
                group.cancelAll()
            }
        } catch is CancellationError {
            logger.debug("listener cancelled")
        } catch {
            logger.debug("listener stopped", metadata: ["error": "\(error)"])
        }
    }

    /// Closes the listening socket (open connections end when their tasks are cancelled).
    package func close() async {
        do {
            try await serverChannel.channel.close()
        } catch {
            logger.debug("closing the listener failed", metadata: ["error": "\(error)"])
        }
    }
}
