import KubeModels
import Manifests

/// Which ClusterPolicy is in effect when several exist: the oldest by creation time, ties broken by
/// name (reference §6.5). Every other one is reported `ignored`.
package enum ActivePolicy {
    /// The active policy among `policies`, or `nil` when there are none.
    package static func select(_ policies: [ClusterPolicy]) -> ClusterPolicy? {
        policies.filter { $0.metadata.deletionTimestamp == nil }.min { lhs, rhs in
            let left = lhs.metadata.creationTimestamp ?? ""
            let right = rhs.metadata.creationTimestamp ?? ""
            if left != right { return left < right }
            return (lhs.metadata.name ?? "") < (rhs.metadata.name ?? "")
        }
    }
}
