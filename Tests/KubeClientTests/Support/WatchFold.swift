import KubeClient
import KubeModels

/// The objects a ``Watcher``'s events describe, folded into a plain dictionary the way any consumer
/// that keeps state must fold them: a (re-)list is buffered from `initStarted` and swapped in whole at
/// `initDone`, so objects deleted while the watch was down disappear.
///
/// Keys are `namespace/name`, or `name` for cluster-scoped objects.
struct WatchFold<Object: KubeResource>: Sendable {
    /// The objects as of the last event.
    private(set) var objects: [String: Object] = [:]
    /// How many complete lists have been swapped in.
    private(set) var listsCompleted = 0
    private var relist: [String: Object]?

    /// An empty fold.
    init() {}

    /// The key of an object.
    static func key(_ object: Object) -> String {
        let name = object.metadata.name ?? ""
        return object.metadata.namespace.map { "\($0)/\(name)" } ?? name
    }

    /// Applies one event.
    mutating func apply(_ event: WatcherEvent<Object>) {
        switch event {
        case .initStarted:
            relist = [:]
        case .initApply(let object):
            if relist == nil { relist = [:] }
            relist?[Self.key(object)] = object
        case .initDone:
            objects = relist ?? [:]
            relist = nil
            listsCompleted += 1
        case .apply(let object):
            objects[Self.key(object)] = object
        case .delete(let object):
            objects[Self.key(object)] = nil
        }
    }

    /// Folds every event of `watcher` into `fold` until the task is cancelled.
    static func run(_ watcher: Watcher<Object>, into fold: Locked<WatchFold<Object>>) async {
        for await event in watcher {
            fold.withLock { $0.apply(event) }
        }
    }
}
