/// What a worker reconciles: the whole cluster (policies, components, status) or one node's labels.
package enum ReconcileKey: Hashable, Sendable, CustomStringConvertible {
    /// The active ClusterPolicy's components and every policy's status.
    case cluster
    /// The labels of one node.
    case node(String)

    /// `cluster` or `node/<name>`.
    package var description: String {
        switch self {
        case .cluster: "cluster"
        case .node(let name): "node/\(name)"
        }
    }
}
