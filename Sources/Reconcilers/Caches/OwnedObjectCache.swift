import KubeModels
import Manifests
import Synchronization

/// The live objects the operator owns (found by the managed-by label), fed only by one watch per
/// kind, plus the full DaemonSets readiness needs. Our own applies are overlaid through
/// ``OwnedObjectsView``. Thread-safe; one `Mutex` owns the state.
package final class OwnedObjectCache: Sendable {
    private struct State {
        var objects: [ObjectIdentity: LiveObject] = [:]
        var daemonSets: [String: DaemonSet] = [:]
        var resync: [ResourceType: Set<ObjectIdentity>] = [:]
        var synced: Set<ResourceType> = []
    }

    private let state = Mutex(State())

    /// Creates an empty cache.
    package init() {}

    /// Whether the initial list of every kind in `types` has been loaded.
    package func isSynced(_ types: [ResourceType]) -> Bool {
        state.withLock { state in types.allSatisfy { state.synced.contains($0) } }
    }

    /// The live summary of an object.
    package func get(_ identity: ObjectIdentity) -> LiveObject? { state.withLock { $0.objects[identity] } }

    /// Every live owned object, in identity order.
    package func all() -> [LiveObject] { state.withLock { Array($0.objects.values) }.sorted { $0.key < $1.key } }

    /// A live DaemonSet by name.
    package func daemonSet(_ name: String) -> DaemonSet? { state.withLock { $0.daemonSets[name] } }

    /// Starts a full re-list of one kind.
    package func beginResync(_ type: ResourceType) { state.withLock { $0.resync[type] = [] } }

    /// Records an object seen by a list or watch.
    /// - Returns: whether anything the reconciler looks at changed.
    @discardableResult
    package func upsert(_ object: LiveObject, daemonSet: DaemonSet? = nil) -> Bool {
        state.withLock { state in
            let identity = object.key
            state.resync[object.resourceType]?.insert(identity)
            let old = state.objects[identity]
            state.objects[identity] = object
            var changed = old != object
            if let daemonSet {
                changed = changed || state.daemonSets[object.name] != daemonSet
                state.daemonSets[object.name] = daemonSet
            }
            return changed
        }
    }

    /// Forgets an object (deleted).
    package func remove(_ identity: ObjectIdentity) {
        state.withLock { state in
            state.objects[identity] = nil
            if identity.resourceType == .daemonSets { state.daemonSets[identity.name] = nil }
        }
    }

    /// Ends a re-list of one kind, dropping objects that were not listed.
    package func finishResync(_ type: ResourceType) {
        state.withLock { state in
            let listed = state.resync.removeValue(forKey: type) ?? []
            for identity in state.objects.keys where identity.resourceType == type && !listed.contains(identity) {
                state.objects[identity] = nil
                if type == .daemonSets { state.daemonSets[identity.name] = nil }
            }
            state.synced.insert(type)
        }
    }
}
