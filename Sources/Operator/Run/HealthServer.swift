import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 server for the kubelet's probes and Prometheus: `/healthz` (the process is alive),
/// `/readyz` (caches synced; a standby replica is ready too) and `/metrics`.
///
/// - Important: runs on NIO's event loops, never on the cooperative pool's threads; ``run(host:port:)``
///   returns when its task is cancelled.
struct HealthServer: Sendable {
    /// Answers for the probe paths; called on an event-loop thread, so they must not block.
    struct Answers: Sendable {
        var isReady: @Sendable () -> Bool
        var metrics: @Sendable () -> [UInt8]
    }

    let answers: Answers

    /// Binds and serves until the calling task is cancelled.
    /// - Parameter bound: called with the port bound (the one asked for, or the one chosen for 0).
    /// - Throws: when the address cannot be bound.
    func run(host: String, port: Int, bound: @Sendable (Int) -> Void = { _ in }) async throws {
        let answers = self.answers
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(ProbeHandler(answers: answers))
                }
            }
            .bind(host: host, port: port).get()
        bound(channel.localAddress?.port ?? port)
        await withTaskCancellationHandler {
            try? await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }
}

/// Answers one request per call with the probe or metrics body.
private final class ProbeHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let answers: HealthServer.Answers
    private var path = ""

    init(answers: HealthServer.Answers) { self.answers = answers }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            path = String(head.uri.prefix { $0 != "?" })
        case .body:
            break
        case .end:
            let (status, body, type): (HTTPResponseStatus, [UInt8], String) =
                switch path {
                case "/healthz": (.ok, Array("ok\n".utf8), "text/plain")
                case "/readyz":
                    answers.isReady()
                        ? (.ok, Array("ok\n".utf8), "text/plain") : (.serviceUnavailable, Array("caches not synced\n".utf8), "text/plain")
                case "/metrics": (.ok, answers.metrics(), "text/plain; version=0.0.4")
                default: (.notFound, Array("not found\n".utf8), "text/plain")
                }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: type)
            headers.add(name: "Content-Length", value: String(body.count))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
