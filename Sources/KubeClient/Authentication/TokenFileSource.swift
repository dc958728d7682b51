import Foundation
import Synchronization

/// A bearer token kept in a file that may be rewritten at any time (a bound service-account token,
/// a kubeconfig `tokenFile`).
///
/// The file is re-read when the cached token is older than the refresh interval, or after
/// ``invalidate()`` (a 401). When a re-read fails the last good token is kept, as kube-rs does,
/// because a rotation in progress may briefly leave the file missing.
package final class TokenFileSource: Sendable {
    private struct State {
        var token: String?
        var readAt: Duration?
        var isStale = false
    }

    /// The token file.
    package let path: String
    /// How long a read token is used before the file is read again.
    package let refreshInterval: Duration
    private let time: TimeSource
    private let state = Mutex(State())

    /// Creates a source; nothing is read until ``token()``.
    package init(path: String, refreshInterval: Duration, time: TimeSource) {
        self.path = path
        self.refreshInterval = refreshInterval
        self.time = time
    }

    /// The current token, re-reading the file when due.
    /// - Throws: ``ConfigurationError/fileUnreadable(field:path:reason:)`` when the file cannot be read
    ///   (or is empty) and no earlier token is known.
    package func token() throws(ConfigurationError) -> String {
        let now = time.now()
        return try state.withLock { (state: inout State) throws(ConfigurationError) -> String in
            if let token = state.token, let readAt = state.readAt, !state.isStale, now - readAt < refreshInterval {
                return token
            }
            state.readAt = now
            state.isStale = false
            do throws(ConfigurationError) {
                let token = try Self.read(path)
                state.token = token
                return token
            } catch {
                if let token = state.token { return token }
                throw error
            }
        }
    }

    /// Marks the cached token stale so the next ``token()`` reads the file again.
    package func invalidate() {
        state.withLock { $0.isStale = true }
    }

    private static func read(_ path: String) throws(ConfigurationError) -> String {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .fileUnreadable(field: "token", path: path, reason: (error as NSError).localizedDescription)
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw .fileUnreadable(field: "token", path: path, reason: "the file is empty") }
        return token
    }
}
