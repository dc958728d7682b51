import KubeModels
import Manifests
import Synchronization

/// The CustomResourceDefinitions the operator cares about (its own, and prometheus-operator's
/// ServiceMonitor) and their schema revision annotation. Thread-safe; one `Mutex` owns the state.
package final class CRDCache: Sendable {
    private struct State {
        var served: [String: String?] = [:]
        var synced: Set<String> = []
    }

    private let state = Mutex(State())

    /// Creates an empty cache.
    package init() {}

    /// Records a served CRD and its `nvidia.com/gpu-operator-schema-revision` annotation.
    package func upsert(_ metadata: ObjectMeta) {
        guard let name = metadata.name else { return }
        state.withLock { $0.served[name] = .some(metadata.annotations?[ClusterPolicyCRD.revisionAnnotation]) }
    }

    /// Forgets a deleted CRD.
    package func remove(_ name: String) { state.withLock { _ = $0.served.removeValue(forKey: name) } }

    /// Marks the initial list of one CRD name as loaded; `present` says whether it was found.
    package func finishResync(_ name: String, present: Bool) {
        state.withLock { state in
            if !present { state.served[name] = nil }
            state.synced.insert(name)
        }
    }

    /// Whether a CRD is served.
    package func isServed(_ name: String) -> Bool { state.withLock { $0.served[name] != nil } }

    /// The revision annotation of a served CRD (`nil` when absent or not served).
    package func revision(_ name: String) -> Int? { state.withLock { ($0.served[name] ?? nil).flatMap { Int($0) } } }

    /// Whether both CRDs' initial lists have loaded.
    package func isSynced(_ names: [String]) -> Bool { state.withLock { state in names.allSatisfy { state.synced.contains($0) } } }
}
