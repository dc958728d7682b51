import KubeModels
import Synchronization

/// Every successful write request, in the order the server answered them, for benchmarks that
/// replay a client's writes (`bench/WriteFloor`): `GET /kubesim/writes` answers
/// `{"writes": [{"method", "path", "query", "contentType", "userAgent", "body"}...]}`, and
/// `DELETE /kubesim/writes` forgets them. Enabled by `kube-sim serve --record-writes`.
///
/// - Important: Thread-safe (one `Mutex`); appending is O(1).
package final class WriteLog: Sendable {
    /// One recorded write.
    package struct Entry: Sendable, Hashable, Codable {
        /// `POST`, `PUT`, `PATCH` or `DELETE`.
        package var method: String
        /// The request path.
        package var path: String
        /// The query parameters (first value of each).
        package var query: [String: String]
        /// The `Content-Type` header.
        package var contentType: String?
        /// The `User-Agent` header.
        package var userAgent: String?
        /// The body as UTF-8 text.
        package var body: String
    }

    private let entries = Mutex<[Entry]>([])

    /// Creates an empty log.
    package init() {}

    /// Appends one write.
    package func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }

    /// The writes so far.
    package var all: [Entry] { entries.withLock { $0 } }

    /// Forgets every write.
    package func reset() { entries.withLock { $0.removeAll() } }
}
