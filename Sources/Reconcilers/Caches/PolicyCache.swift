import KubeModels
import Manifests
import Synchronization

/// Every ClusterPolicy, fed only by the policy watch (our status writes are overlaid through
/// ``ControllerContext/status(ofPolicy:)``). Thread-safe; one `Mutex` owns the state.
package final class PolicyCache: Sendable {
    private struct State {
        var policies: [String: ClusterPolicy] = [:]
        var resync: [String: ClusterPolicy]?
        var isSynced = false
    }

    private let state = Mutex(State())

    /// Creates an empty cache.
    package init() {}

    /// Whether the initial list has been loaded.
    package var isSynced: Bool { state.withLock { $0.isSynced } }

    /// Every policy, sorted by name.
    package func all() -> [ClusterPolicy] {
        state.withLock { Array($0.policies.values) }.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
    }

    /// One policy by name.
    package func get(_ name: String) -> ClusterPolicy? { state.withLock { $0.policies[name] } }

    /// Starts a full re-list.
    package func beginResync() { state.withLock { $0.resync = [:] } }

    /// Records a policy; returns whether its spec (generation), existence or status changed.
    @discardableResult
    package func upsert(_ policy: ClusterPolicy) -> Bool {
        state.withLock { state in
            let name = policy.metadata.name ?? ""
            if state.resync != nil { state.resync?[name] = policy }
            let old = state.policies[name]
            state.policies[name] = policy
            return old?.metadata.generation != policy.metadata.generation || old?.status != policy.status
                || old?.metadata.deletionTimestamp != policy.metadata.deletionTimestamp
        }
    }

    /// Removes a policy.
    package func remove(_ name: String) { state.withLock { _ = $0.policies.removeValue(forKey: name) } }

    /// Ends a re-list.
    package func finishResync() {
        state.withLock { state in
            if let listed = state.resync { state.policies = listed }
            state.resync = nil
            state.isSynced = true
        }
    }
}
