import CCurlShim
import Synchronization

/// A cancellation flag shared between a waiting task and the thread running its transfer.
///
/// While a transfer runs, the flag is attached to its handle's ``CurlSocketRegistry``, so
/// ``cancel()`` also shuts the transfer's sockets down and a transfer blocked on a silent connection
/// ends at once instead of at libcurl's next progress callback (about a second later).
///
/// - Important: Thread-safe; one `Mutex` owns the state. ``cancel()`` may be called from any thread.
package final class TransferCancellation: Sendable {
    private struct State {
        var isCancelled = false
        var attachment: (registry: CurlSocketRegistry, transfer: UInt64)?
    }

    private let state = Mutex(State())

    /// Creates an unset flag.
    package init() {}

    /// Requests that the transfer stop: interrupts its sockets when it is running, and its callbacks
    /// abort it.
    package func cancel() {
        let attachment = state.withLock { state in
            state.isCancelled = true
            return state.attachment
        }
        attachment.map { $0.registry.interrupt(transfer: $0.transfer) }
    }

    /// Whether ``cancel()`` was called.
    package var isCancelled: Bool { state.withLock { $0.isCancelled } }

    /// Connects the flag to the transfer now running on `registry`'s handle; interrupts it at once
    /// when the flag is already set.
    func attach(to registry: CurlSocketRegistry, transfer: UInt64) {
        let isCancelled = state.withLock { state in
            state.attachment = (registry, transfer)
            return state.isCancelled
        }
        if isCancelled { registry.interrupt(transfer: transfer) }
    }

    /// Disconnects the flag from the transfer, which has ended.
    func detach() {
        state.withLock { $0.attachment = nil }
    }
}

/// Per-transfer state the C callbacks write into, passed to libcurl as an unmanaged pointer.
///
/// - Important: Confined to the thread running the transfer; never shared. It is retained for the
///   whole `curl_easy_perform` call and released right after.
final class CurlTransferContext {
    /// The easy handle, so the header callback can read the response code.
    let handle: UnsafeMutableRawPointer
    /// Set by the waiting task on cancellation.
    let cancellation: TransferCancellation
    /// Where a streaming transfer delivers its head and lines; `nil` for ordinary requests.
    let handOff: StreamHandOff?

    /// The final response's status code, once its head is complete.
    var status = 0
    /// The final response's headers, names lower-cased.
    var headers: [String: String] = [:]
    /// The accumulated body of an ordinary request.
    var body: [UInt8] = []
    /// Splits a streamed body into lines.
    var splitter = LineSplitter()
    /// Whether the transfer was stopped because its consumer went away.
    var wasCancelled = false

    /// Creates the context of one transfer.
    init(handle: UnsafeMutableRawPointer, cancellation: TransferCancellation, handOff: StreamHandOff?) {
        self.handle = handle
        self.cancellation = cancellation
        self.handOff = handOff
    }

    /// Whether the consumer is gone (task cancelled or stream dropped).
    var shouldStop: Bool {
        cancellation.isCancelled || (handOff?.isCancelled ?? false)
    }

    /// Handles one complete header line; returns `false` to abort the transfer.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if shouldStop {
            wasCancelled = true
            return false
        }
        let line = String(decoding: bytes, as: UTF8.self).trimmingTrailingLineBreak()
        if line.hasPrefix("HTTP/") {
            headers = [:]
            return true
        }
        if line.isEmpty {
            var code = 0
            _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
            guard code >= 200 else { return true }
            status = code
            if let handOff, !handOff.send(.head(status: code, headers: headers)) {
                wasCancelled = true
                return false
            }
            return true
        }
        if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            headers[name] = value
        }
        return true
    }

    /// The most bytes reserved up front from `Content-Length`; longer bodies grow as they arrive.
    static let maximumReservation = 64 << 20

    /// Sizes the body buffer from `Content-Length`, so a large list page is not copied as it grows.
    private func reserveBody() {
        guard let length = headers["content-length"].flatMap(Int.init), length > 0 else { return }
        body.reserveCapacity(min(length, Self.maximumReservation))
    }

    /// Handles a piece of the body; returns `false` to abort the transfer.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if shouldStop {
            wasCancelled = true
            return false
        }
        guard let handOff else {
            if body.isEmpty { reserveBody() }
            body.append(contentsOf: bytes)
            return true
        }
        for line in splitter.append(bytes) where !handOff.send(.line(line)) {
            wasCancelled = true
            return false
        }
        return true
    }
}

extension String {
    fileprivate func trimmingTrailingLineBreak() -> String {
        var result = Substring(self)
        while let last = result.last, last == "\n" || last == "\r" || last == "\r\n" { result.removeLast() }
        return String(result)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// libcurl write callback: forwards body bytes to the transfer context.
let curlWriteCallback: curl_write_callback = { pointer, size, count, userData in
    guard let pointer, let userData else { return 0 }
    let context = Unmanaged<CurlTransferContext>.fromOpaque(userData).takeUnretainedValue()
    let length = size * count
    let accepted = context.receiveBody(UnsafeRawBufferPointer(start: pointer, count: length))
    return accepted ? length : 0
}

/// libcurl header callback: one complete header line per call.
let curlHeaderCallback: curl_write_callback = { pointer, size, count, userData in
    guard let pointer, let userData else { return 0 }
    let context = Unmanaged<CurlTransferContext>.fromOpaque(userData).takeUnretainedValue()
    let length = size * count
    let accepted = context.receiveHeaderLine(UnsafeRawBufferPointer(start: pointer, count: length))
    return accepted ? length : 0
}

/// libcurl progress callback: called at least once a second even on a silent connection, so a
/// cancelled transfer stops within about a second.
let curlProgressCallback: curl_xferinfo_callback = { userData, _, _, _, _ in
    guard let userData else { return 1 }
    let context = Unmanaged<CurlTransferContext>.fromOpaque(userData).takeUnretainedValue()
    if context.shouldStop {
        context.wasCancelled = true
        return 1
    }
    return 0
}
