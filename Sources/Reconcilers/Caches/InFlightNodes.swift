import Synchronization

/// A set of node names shared between tasks: the nodes whose pods the upgrade controller waits on
/// (jobs to finish, GPU pods to go, the validator to be ready) — each gets a watch of the pods on that
/// node while it is in the set, so an upgrade step follows the pod change it waits for — and the nodes
/// whose watch runs. Thread-safe; one `Mutex` owns the set.
package final class InFlightNodes: Sendable {
    private let nodes = Mutex<Set<String>>([])

    /// Creates an empty set.
    package init() {}

    /// The nodes wanted now.
    package var all: Set<String> { nodes.withLock { $0 } }

    /// Whether `node` is wanted.
    package func contains(_ node: String) -> Bool { nodes.withLock { $0.contains(node) } }

    /// Adds a node.
    /// - Returns: whether it was not there.
    package func insert(_ node: String) -> Bool { nodes.withLock { $0.insert(node).inserted } }

    /// Removes a node.
    package func remove(_ node: String) { nodes.withLock { _ = $0.remove(node) } }

    /// Replaces the set.
    /// - Returns: whether it changed.
    @discardableResult
    package func replace(with wanted: Set<String>) -> Bool {
        nodes.withLock { nodes in
            guard nodes != wanted else { return false }
            nodes = wanted
            return true
        }
    }
}
