import Foundation
import Synchronization

/// The bearer tokens the server accepts.
///
/// - Important: Thread-safe (one `Mutex`).
package final class TokenStore: Sendable {
    private let tokens: Mutex<Set<String>>

    /// Creates a store accepting `tokens`.
    package init(_ tokens: Set<String>) {
        self.tokens = Mutex(tokens)
    }

    /// Accepts another token.
    package func add(_ token: String) {
        tokens.withLock { _ = $0.insert(token) }
    }

    /// Whether `token` is accepted.
    package func accepts(_ token: String) -> Bool {
        tokens.withLock { $0.contains(token) }
    }

    /// Whether a request is authenticated: a verified client certificate, or an accepted
    /// `Authorization: Bearer` token.
    package func authenticates(_ request: IncomingRequest) -> Bool {
        if request.hasClientCertificate { return true }
        guard let header = request.header("authorization") else { return false }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return accepts(String(parts[1]).trimming(" "))
    }
}
