import Synchronization

/// The last eviction failure per node (e.g. "ml/web-1: eviction blocked by PodDisruptionBudget
/// ml/web-pdb"), kept between upgrade passes so the status and the failure can name the cause.
/// Thread-safe; one `Mutex` owns the table.
package final class EvictionErrors: Sendable {
    private let errors = Mutex<[String: String]>([:])

    /// Creates an empty table.
    package init() {}

    /// The last failure on `node`.
    package func get(_ node: String) -> String? { errors.withLock { $0[node] } }

    /// Records (or with `nil` clears) the last failure on `node`.
    package func set(_ node: String, _ message: String?) { errors.withLock { $0[node] = message } }
}
