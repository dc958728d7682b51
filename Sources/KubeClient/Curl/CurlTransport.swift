import Foundation

/// The libcurl implementation of ``HTTPTransport``.
///
/// Ordinary requests run on a small pool of dedicated threads (``CurlWorkerPool``), each reusing one
/// easy handle; every stream (watch) gets its own dedicated thread for its lifetime. Verification is on
/// unless a request's ``TLSSettings`` say otherwise; CA, client certificate and key go to libcurl from
/// memory; redirects are never followed; HTTP/2 is used when the server offers it.
///
/// - Important: `curl_easy_perform` never runs on the cooperative pool. Cancelling a waiting task shuts
///   its transfer's sockets down (``CurlSocketRegistry``), so it ends within milliseconds even on a
///   silent connection; the progress callback, which libcurl calls about once a second, is the backstop
///   (for a transfer still resolving a name). Dropping a stream's line sequence cancels its transfer.
package final class CurlTransport: HTTPTransport {
    private let pool: CurlWorkerPool
    /// How many lines a stream buffers before its transfer thread waits for the consumer.
    package let streamBufferCapacity: Int

    /// Creates a transport, initializing libcurl first if nothing has.
    /// - Parameters:
    ///   - maximumConcurrentTransfers: the most ordinary requests in flight at once (threads started).
    ///   - streamBufferCapacity: lines a watch may read ahead of its consumer.
    ///   - idleThreadLifetime: how long a request thread (with its handle and connection) waits for
    ///     work before it exits; the last one stays.
    /// - Throws: ``CurlError`` when libcurl cannot be initialized or does not qualify (see ``LibCurl``).
    package init(
        maximumConcurrentTransfers: Int = 32, streamBufferCapacity: Int = 8, idleThreadLifetime: Duration = .seconds(30)
    ) throws(CurlError) {
        try LibCurl.initialize()
        pool = CurlWorkerPool(maximumThreads: maximumConcurrentTransfers, idleLifetime: idleThreadLifetime)
        self.streamBufferCapacity = streamBufferCapacity
    }

    /// The request threads running now; idle ones exit after the idle lifetime.
    package var requestThreadCount: Int { pool.threadCount }

    deinit {
        pool.shutDown()
    }

    /// Sends one request on a worker thread and waits for the complete response.
    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let cancellation = TransferCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                pool.submit(CurlJob(request: request, cancellation: cancellation) { continuation.resume(with: $0) })
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    /// Starts a stream on its own thread and returns once the response head arrived.
    package func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        let cancellation = TransferCancellation()
        let handOff = StreamHandOff(capacity: streamBufferCapacity, transferCancellation: cancellation)
        let thread = Thread {
            Self.runStream(request, handOff: handOff, cancellation: cancellation)
        }
        thread.name = "kubeclient-watch"
        thread.start()

        let reader = StreamLineReader(handOff: handOff)
        guard case .head(let status, let headers)? = try await handOff.next() else {
            throw CurlError(
                kind: .transfer, code: 0, message: "the stream ended before a response arrived",
                request: request.description)
        }
        let lines = AsyncThrowingStream<[UInt8], any Error>(unfolding: { try await reader.nextLine() })
        return HTTPStreamingResponse(status: status, headers: headers, lines: lines)
    }

    private static func runStream(_ request: HTTPRequest, handOff: StreamHandOff, cancellation: TransferCancellation) {
        do {
            let handle = try CurlEasyHandle()
            _ = try handle.perform(request, cancellation: cancellation, handOff: handOff)
            handOff.finish(throwing: nil)
        } catch {
            handOff.finish(throwing: error)
        }
    }
}

/// The consumer side of one stream; dropping it (with the line sequence that captured it) cancels the
/// transfer, so a consumer that simply stops iterating does not leave a thread behind.
final class StreamLineReader: Sendable {
    private let handOff: StreamHandOff

    /// Creates the reader of one stream.
    init(handOff: StreamHandOff) {
        self.handOff = handOff
    }

    deinit {
        handOff.cancel()
    }

    /// The next body line, or `nil` at the end of the stream.
    func nextLine() async throws -> [UInt8]? {
        while let item = try await handOff.next() {
            if case .line(let line) = item { return line }
        }
        return nil
    }
}
