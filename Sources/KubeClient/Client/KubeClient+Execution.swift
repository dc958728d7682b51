import KubeModels
import Logging

extension KubeClient {
    /// Sends a request and returns its 2xx response.
    ///
    /// Each attempt takes a rate-limit token and a concurrency permit, fetches credentials (re-fetching
    /// once after a 401 when they can change), and on failure asks ``RetryPolicy`` whether and when to
    /// try again. A 429 also slows the shared rate down.
    /// - Parameter request: the built request.
    /// - Returns: the successful response.
    /// - Throws: ``KubeError`` for non-2xx answers (after retries), transport failures (`.transport`
    ///   with the ``CurlError``) and credential failures (`.authentication`); `CancellationError`.
    package func send(_ request: APIRequest) async throws -> HTTPResponse {
        var request = request
        request.isStreaming = false
        guard case .complete(let response) = try await execute(request) else {
            throw KubeError(reason: .unexpectedStatus, request: request.description)
        }
        return response
    }

    /// Opens a streaming request (a watch) and returns it once the server answered 2xx.
    ///
    /// Opening takes a rate-limit token but no concurrency permit (a watch lasts minutes) and is retried
    /// like a GET; the stream itself is never retried here (``Watcher`` does that).
    /// - Throws: like ``send(_:)``.
    package func openStream(_ request: APIRequest) async throws -> HTTPStreamingResponse {
        var request = request
        request.isStreaming = true
        guard case .streaming(let stream) = try await execute(request) else {
            throw KubeError(reason: .unexpectedStatus, request: request.description)
        }
        return stream
    }

    private enum Exchange: Sendable {
        case complete(HTTPResponse)
        case streaming(HTTPStreamingResponse)
    }

    private func execute(_ request: APIRequest) async throws -> Exchange {
        var attempt = 0
        var refreshedCredentials = false
        while true {
            try Task.checkCancellation()
            attempt += 1
            let credentials = try await credentialProvider.credentials()
            let httpRequest = request.makeHTTPRequest(configuration: configuration, credentials: credentials)
            let started = time.now()
            let attemptID = connectivity.start(at: started)
            let outcome: Result<Exchange, any Error>
            do {
                outcome = .success(try await exchange(httpRequest, streaming: request.isStreaming))
                connectivity.finish(attemptID, answered: true, at: time.now())
            } catch let cancellation as CancellationError {
                connectivity.abandon(attemptID)
                throw cancellation
            } catch {
                connectivity.finish(attemptID, answered: false, at: time.now())
                outcome = .failure(error)
            }
            let elapsed = time.now() - started

            let failure: RetryPolicy.Failure
            let error: KubeError
            switch outcome {
            case .success(.streaming(let stream)):
                flowController.recordSuccess()
                log(request, status: stream.status, attempt: attempt, elapsed: elapsed)
                return .streaming(stream)
            case .success(.complete(let response)) where response.isSuccess:
                flowController.recordSuccess()
                log(request, status: response.status, attempt: attempt, elapsed: elapsed)
                return .complete(response)
            case .success(.complete(let response)):
                log(request, status: response.status, attempt: attempt, elapsed: elapsed)
                if response.status == 401, credentialProvider.isRefreshable, !refreshedCredentials {
                    refreshedCredentials = true
                    attempt -= 1
                    await credentialProvider.invalidate()
                    continue
                }
                error = KubeError(response: response, request: request.description)
                if response.status == 429 && request.tooManyRequestsIsAnAnswer { throw error }
                if response.status == 429 { flowController.recordThrottled() }
                failure = .status(response.status, retryAfter: error.retryAfter)
            case .failure(let transportError):
                failure = Self.classify(transportError)
                error = KubeError(reason: .transport, request: request.description, underlying: transportError)
            }
            guard
                let delay = configuration.retry.delay(
                    after: failure, attempt: attempt, isIdempotent: request.isIdempotent, jitter: jitter())
            else {
                throw error
            }
            logger.warning(
                "Retrying Kubernetes API request",
                metadata: [
                    "kube.request": .string(request.description), "kube.attempt": .stringConvertible(attempt),
                    "kube.retry_in_ms": .stringConvertible(delay.milliseconds), "error": .string(error.description),
                ])
            try await time.sleep(delay)
        }
    }

    private func exchange(_ request: HTTPRequest, streaming: Bool) async throws -> Exchange {
        guard streaming else {
            return .complete(try await flowController.withPermit { try await transport.send(request) })
        }
        try await flowController.waitForToken()
        let stream = try await transport.stream(request)
        if (200..<300).contains(stream.status) { return .streaming(stream) }
        var body: [UInt8] = []
        for try await line in stream.lines {
            if !body.isEmpty { body.append(UInt8(ascii: "\n")) }
            body.append(contentsOf: line)
        }
        return .complete(HTTPResponse(status: stream.status, headers: stream.headers, body: body))
    }

    private static func classify(_ error: any Error) -> RetryPolicy.Failure {
        guard let curlError = error as? CurlError else { return .transport }
        if curlError.kind != .transfer || curlError.isTLSFailure { return .tlsFailure }
        return curlError.isConnectFailure ? .connectFailure : .transport
    }

    private func log(_ request: APIRequest, status: Int, attempt: Int, elapsed: Duration) {
        logger.debug(
            "Kubernetes API request",
            metadata: [
                "kube.request": .string(request.description), "kube.status": .stringConvertible(status),
                "kube.attempt": .stringConvertible(attempt), "kube.duration_ms": .stringConvertible(elapsed.milliseconds),
            ])
    }
}
