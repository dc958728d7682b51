import CCurlShim
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The sockets one easy handle's connections use, so a cancelled transfer can be woken at once.
///
/// libcurl only notices a cancellation in its progress callback, which a silent connection calls about
/// once a second. The registry opens and closes the handle's sockets itself (`CURLOPT_OPENSOCKETFUNCTION`,
/// `CURLOPT_CLOSESOCKETFUNCTION`); ``interrupt(transfer:)`` shuts them down, so the blocked `poll`
/// returns and the transfer ends within milliseconds. While a transfer is interrupted no new socket
/// opens, so libcurl cannot retry on a fresh connection.
///
/// - Important: Thread-safe; one `Mutex` owns the state. A socket is closed under the lock, so
///   ``interrupt(transfer:)`` never shuts down a descriptor number reused by someone else. It must
///   outlive its easy handle (libcurl closes cached connections in `curl_easy_cleanup`).
final class CurlSocketRegistry: Sendable {
    private struct State {
        var sockets: Set<Int32> = []
        /// The transfer running now, numbered; `nil` between transfers.
        var activeTransfer: UInt64?
        var nextTransfer: UInt64 = 1
        var isInterrupted = false
    }

    private let state = Mutex(State())

    /// Creates an empty registry.
    init() {}

    /// The sockets open now.
    var openSocketCount: Int { state.withLock { $0.sockets.count } }

    /// Marks the start of a transfer; returns its number for ``interrupt(transfer:)``.
    func beginTransfer() -> UInt64 {
        state.withLock { state in
            let number = state.nextTransfer
            state.nextTransfer += 1
            state.activeTransfer = number
            state.isInterrupted = false
            return number
        }
    }

    /// Marks the end of the running transfer; later interrupts for it do nothing.
    func endTransfer() {
        state.withLock { state in
            state.activeTransfer = nil
            state.isInterrupted = false
        }
    }

    /// Shuts down every socket of the handle if `transfer` is still the one running.
    func interrupt(transfer: UInt64) {
        state.withLock { state in
            guard state.activeTransfer == transfer else { return }
            state.isInterrupted = true
            for socket in state.sockets { _ = shutdown(socket, Int32(SHUT_RDWR)) }
        }
    }

    /// Opens a socket for libcurl; `nil` while the transfer is interrupted or when `socket(2)` fails.
    fileprivate func open(family: Int32, type: Int32, protocol: Int32) -> Int32? {
        state.withLock { state in
            guard !state.isInterrupted else { return nil }
            let descriptor = socket(family, type, `protocol`)
            guard descriptor >= 0 else { return nil }
            state.sockets.insert(descriptor)
            return descriptor
        }
    }

    /// Closes a socket libcurl is done with; returns `close(2)`'s result.
    fileprivate func close(_ descriptor: Int32) -> Int32 {
        state.withLock { state in
            state.sockets.remove(descriptor)
            #if canImport(Glibc)
                return Glibc.close(descriptor)
            #else
                return Darwin.close(descriptor)
            #endif
        }
    }
}

/// `CURLOPT_OPENSOCKETFUNCTION`: opens the socket through the handle's ``CurlSocketRegistry``.
let curlOpenSocketCallback: curl_opensocket_callback = { clientData, _, address in
    guard let clientData, let address else { return CURL_SOCKET_BAD }
    let registry = Unmanaged<CurlSocketRegistry>.fromOpaque(clientData).takeUnretainedValue()
    let descriptor = registry.open(
        family: address.pointee.family, type: address.pointee.socktype, protocol: address.pointee.protocol)
    return descriptor ?? CURL_SOCKET_BAD
}

/// `CURLOPT_CLOSESOCKETFUNCTION`: closes the socket through the handle's ``CurlSocketRegistry``.
let curlCloseSocketCallback: curl_closesocket_callback = { clientData, descriptor in
    guard let clientData else { return -1 }
    return Unmanaged<CurlSocketRegistry>.fromOpaque(clientData).takeUnretainedValue().close(descriptor)
}
