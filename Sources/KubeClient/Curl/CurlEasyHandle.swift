import CCurlShim

/// One libcurl easy handle, reused across transfers so its connections and TLS sessions are kept.
///
/// - Important: Not `Sendable`: a handle belongs to the one thread that created it (a worker of
///   ``CurlWorkerPool`` or a watch thread) and is used by nothing else.
final class CurlEasyHandle {
    private let raw: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// The sockets of this handle's connections; released after `curl_easy_cleanup`, which closes them.
    private let sockets = CurlSocketRegistry()

    /// Creates a handle.
    /// - Throws: ``CurlError`` of kind `.initialization` when libcurl cannot allocate one.
    init() throws(CurlError) {
        try LibCurl.initialize()
        guard let raw = curl_easy_init() else {
            throw CurlError(kind: .initialization, code: 0, message: "curl_easy_init returned NULL")
        }
        self.raw = raw
        let size = ccurl_error_buffer_size()
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// Runs one transfer to completion on the calling thread.
    /// - Parameters:
    ///   - request: the request to send.
    ///   - cancellation: checked by the callbacks; set it to abort the transfer.
    ///   - handOff: for streaming transfers, where the head and lines go; `nil` collects the body.
    /// - Returns: the response (for streams, its body is empty: lines went to the hand-off).
    /// - Throws: ``CurlError`` when the transfer failed, `CancellationError` when it was cancelled.
    func perform(
        _ request: HTTPRequest, cancellation: TransferCancellation, handOff: StreamHandOff? = nil
    ) throws -> HTTPResponse {
        curl_easy_reset(raw)
        errorBuffer[0] = 0
        let context = CurlTransferContext(handle: raw, cancellation: cancellation, handOff: handOff)
        let contextPointer = Unmanaged.passRetained(context).toOpaque()
        defer { Unmanaged<CurlTransferContext>.fromOpaque(contextPointer).release() }

        var lists = CurlOptionLists()
        defer { lists.free() }
        let transfer = sockets.beginTransfer()
        cancellation.attach(to: sockets, transfer: transfer)
        defer {
            cancellation.detach()
            sockets.endTransfer()
        }
        var code = configure(request, context: contextPointer, isStreaming: handOff != nil, lists: &lists)
        if code == CURLE_OK {
            code = curl_easy_perform(raw)
        }
        if let handOff, code == CURLE_OK, let last = context.splitter.finish() {
            _ = handOff.send(.line(last))
        }
        if code != CURLE_OK {
            if context.wasCancelled || cancellation.isCancelled {
                throw CancellationError()
            }
            throw makeError(code, request: request)
        }
        return HTTPResponse(status: context.status, headers: context.headers, body: context.body)
    }

    private func makeError(_ code: CURLcode, request: HTTPRequest) -> CurlError {
        var message = String(cString: errorBuffer)
        if message.isEmpty { message = String(cString: curl_easy_strerror(code)) }
        var error = CurlError(kind: .transfer, code: Int(code.rawValue), message: message, request: request.description)
        if error.isTLSFailure {
            var verifyResult = 0
            if ccurl_getinfo_long(raw, CURLINFO_SSL_VERIFYRESULT, &verifyResult) == CURLE_OK {
                error.certificateVerificationResult = verifyResult
            }
        }
        return error
    }

    /// libcurl's receive buffer for streams (`CURLOPT_BUFFERSIZE`).
    static let streamReceiveBufferSize = 4096

    private func configure(
        _ request: HTTPRequest, context: UnsafeMutableRawPointer, isStreaming: Bool, lists: inout CurlOptionLists
    ) -> CURLcode {
        var setter = CurlOptionSetter(handle: raw)
        setter.pointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        setter.long(CURLOPT_NOSIGNAL, 1)
        let target = TLSServerNameOverride(url: request.url, serverName: request.tls.serverName)
        setter.string(CURLOPT_URL, target.url)
        if let connectTo = target.connectTo {
            lists.connectTo = curl_slist_append(nil, connectTo)
            setter.slist(CURLOPT_CONNECT_TO, lists.connectTo)
        }
        setter.string(CURLOPT_PROTOCOLS_STR, "http,https")
        setter.long(CURLOPT_FOLLOWLOCATION, 0)
        setter.long(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        setter.long(CURLOPT_TCP_KEEPALIVE, 1)
        if isStreaming {
            // Watch lines are small and a watch lives for minutes: a quarter of the default 16 KiB.
            setter.long(CURLOPT_BUFFERSIZE, Self.streamReceiveBufferSize)
        }
        setter.string(CURLOPT_ACCEPT_ENCODING, "")
        setter.long(CURLOPT_CONNECTTIMEOUT_MS, request.timeouts.connect.milliseconds)
        if let total = request.timeouts.total {
            setter.long(CURLOPT_TIMEOUT_MS, total.milliseconds)
        }
        if let idle = request.timeouts.idle {
            setter.long(CURLOPT_LOW_SPEED_LIMIT, 1)
            setter.long(CURLOPT_LOW_SPEED_TIME, max(1, idle.milliseconds / 1000))
        }
        configureMethod(request, setter: &setter)
        for header in request.headers {
            lists.headers = curl_slist_append(lists.headers, "\(header.name): \(header.value)")
        }
        lists.headers = curl_slist_append(lists.headers, "Expect:")
        setter.slist(CURLOPT_HTTPHEADER, lists.headers)
        configureTLS(request.tls, setter: &setter)
        if let proxy = request.proxyURL {
            setter.string(CURLOPT_PROXY, proxy)
            setter.long(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        }
        setter.writeFunction(curlWriteCallback)
        setter.pointer(CURLOPT_WRITEDATA, context)
        setter.headerFunction(curlHeaderCallback)
        setter.pointer(CURLOPT_HEADERDATA, context)
        setter.progressFunction(curlProgressCallback)
        let socketsPointer = Unmanaged.passUnretained(sockets).toOpaque()
        setter.socketFunctions(open: curlOpenSocketCallback, close: curlCloseSocketCallback)
        setter.pointer(CURLOPT_OPENSOCKETDATA, socketsPointer)
        setter.pointer(CURLOPT_CLOSESOCKETDATA, socketsPointer)
        setter.pointer(CURLOPT_XFERINFODATA, context)
        setter.long(CURLOPT_NOPROGRESS, 0)
        return setter.firstError
    }

    private func configureMethod(_ request: HTTPRequest, setter: inout CurlOptionSetter) {
        switch request.method {
        case .get where request.body == nil:
            setter.long(CURLOPT_HTTPGET, 1)
        case .head:
            setter.long(CURLOPT_NOBODY, 1)
        case .post:
            setter.long(CURLOPT_POST, 1)
        default:
            setter.string(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
        if let body = request.body {
            setter.offset(CURLOPT_POSTFIELDSIZE_LARGE, Int64(body.count))
            setter.copyPostFields(body)
        } else if request.method == .post {
            setter.offset(CURLOPT_POSTFIELDSIZE_LARGE, 0)
            setter.string(CURLOPT_COPYPOSTFIELDS, "")
        }
    }

    private func configureTLS(_ tls: TLSSettings, setter: inout CurlOptionSetter) {
        setter.long(CURLOPT_SSL_VERIFYPEER, tls.skipsVerification ? 0 : 1)
        setter.long(CURLOPT_SSL_VERIFYHOST, tls.skipsVerification ? 0 : 2)
        if let ca = tls.certificateAuthorityPEM {
            setter.blob(CURLOPT_CAINFO_BLOB, ca)
        }
        if let certificate = tls.clientCertificatePEM {
            setter.string(CURLOPT_SSLCERTTYPE, "PEM")
            setter.blob(CURLOPT_SSLCERT_BLOB, certificate)
        }
        if let key = tls.clientKeyPEM {
            setter.string(CURLOPT_SSLKEYTYPE, "PEM")
            setter.blob(CURLOPT_SSLKEY_BLOB, key)
        }
    }
}

@available(*, unavailable)
extension CurlEasyHandle: Sendable {}

/// `curl_slist`s that must outlive one transfer.
private struct CurlOptionLists {
    /// The request headers.
    var headers: UnsafeMutablePointer<curl_slist>?
    /// The `CONNECT_TO` entry for `tls-server-name`.
    var connectTo: UnsafeMutablePointer<curl_slist>?

    /// Frees both lists.
    func free() {
        curl_slist_free_all(headers)
        curl_slist_free_all(connectTo)
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded up, as a C `long`.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
