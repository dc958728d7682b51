import Foundation
import Synchronization

/// The bearer tokens the server accepts, each with the user it authenticates: the generated and
/// configured tokens are the admin; tokens the TokenRequest API issues are their service account.
///
/// - Important: Thread-safe (one `Mutex`).
package final class TokenStore: Sendable {
    private let tokens: Mutex<[String: UserInfo]>

    /// Creates a store accepting `tokens` as the admin.
    package init(_ tokens: Set<String>) {
        self.tokens = Mutex(Dictionary(uniqueKeysWithValues: tokens.map { ($0, UserInfo.admin) }))
    }

    /// Accepts another admin token.
    package func add(_ token: String) {
        tokens.withLock { $0[token] = .admin }
    }

    /// Issues a token for a service account (the TokenRequest API).
    /// - Returns: the new token.
    package func issue(namespace: String, serviceAccount: String) -> String {
        var random = SystemRandomNumberGenerator()
        let token = "sa." + (0..<4).map { _ in String(random.next(), radix: 36) }.joined()
        tokens.withLock { $0[token] = .serviceAccount(namespace: namespace, name: serviceAccount) }
        return token
    }

    /// Whether `token` is accepted.
    package func accepts(_ token: String) -> Bool {
        tokens.withLock { $0[token] != nil }
    }

    /// The user a request authenticates as: a verified client certificate is the admin; an
    /// accepted `Authorization: Bearer` token is its user; anything else is `nil` (401).
    package func user(of request: IncomingRequest) -> UserInfo? {
        if request.hasClientCertificate { return .admin }
        guard let header = request.header("authorization") else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = String(parts[1]).trimming(" ")
        guard var user = tokens.withLock({ $0[token] }) else { return nil }
        // A fingerprint, not the token: statistics are readable by tests and must not leak credentials.
        user.credential = "token " + String(RandomNames.fnv1a32(token.utf8), radix: 16)
        return user
    }

    /// Whether a request is authenticated.
    package func authenticates(_ request: IncomingRequest) -> Bool { user(of: request) != nil }
}
