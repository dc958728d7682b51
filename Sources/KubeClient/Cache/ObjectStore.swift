import KubeModels
import Synchronization

/// Identifies an object in a store: namespace (nil for cluster-scoped) and name.
package struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The namespace, or `nil` for cluster-scoped objects.
    package var namespace: String?
    /// The name.
    package var name: String

    /// Creates a key.
    package init(namespace: String?, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// The key of an object's metadata.
    package init(_ metadata: ObjectMeta) {
        self.init(namespace: metadata.namespace, name: metadata.name ?? "")
    }

    /// Orders by namespace, then name.
    package static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace ?? "", lhs.name) < (rhs.namespace ?? "", rhs.name)
    }

    /// `namespace/name`, or `name` for cluster-scoped objects.
    package var description: String { namespace.map { "\($0)/\(name)" } ?? name }
}

/// A read-only, always-consistent cache of one kind of object, fed by exactly one ``Watcher``.
///
/// Readers get snapshots (values, so later changes never show through) and look objects up by key or
/// label selector. The single writer is the ``ObjectStoreWriter`` from ``makeWriter()`` (which
/// ``run(_:)`` uses). A projection, given at creation, trims every object before it is stored, so a
/// store of 5,000 nodes keeps only what its consumer reads.
///
/// - Important: Reads never wait for the writer longer than one dictionary update; the store is
///   `Sendable` and may be shared by any number of tasks.
package final class ObjectStore<R: KubeResource>: Sendable {
    private struct State {
        var objects: [ObjectKey: R] = [:]
        var isReady = false
        var hasWriter = false
        var readyWaiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextWaiterID: UInt64 = 0
    }

    private let state = Mutex(State())
    /// Applied to every object before it is stored.
    package let projection: (@Sendable (R) -> R)?

    /// Creates an empty store.
    /// - Parameter projection: trims objects before they are stored, e.g. keeping a node's labels and
    ///   node info only.
    package init(projection: (@Sendable (R) -> R)? = nil) {
        self.projection = projection
    }

    /// Whether a first complete list has been stored.
    package var isReady: Bool { state.withLock { $0.isReady } }

    /// How many objects are stored.
    package var count: Int { state.withLock { $0.objects.count } }

    /// One object, if stored.
    /// - Parameters:
    ///   - name: the name.
    ///   - namespace: the namespace, `nil` for cluster-scoped objects.
    package func get(name: String, namespace: String? = nil) -> R? {
        state.withLock { $0.objects[ObjectKey(namespace: namespace, name: name)] }
    }

    /// All stored objects, ordered by namespace and name.
    package func snapshot() -> [R] {
        let objects = state.withLock { $0.objects }
        return objects.keys.sorted().compactMap { objects[$0] }
    }

    /// The stored objects whose labels match `selector`, ordered by namespace and name.
    package func objects(matching selector: LabelSelector) -> [R] {
        let objects = state.withLock { $0.objects }
        return objects.keys.sorted().compactMap { key in
            guard let object = objects[key], selector.matches(object.metadata.labels) else { return nil }
            return object
        }
    }

    /// Waits until the first complete list has been stored.
    /// - Throws: `CancellationError` when the task is cancelled first.
    package func waitUntilReady() async throws {
        let id = state.withLock { state -> UInt64 in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let step: ReadyWaitStep = state.withLock { state in
                    if state.isReady { return .ready }
                    if Task.isCancelled { return .cancelled }
                    state.readyWaiters.append((id, continuation))
                    return .waiting
                }
                switch step {
                case .ready: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .waiting: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.readyWaiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.readyWaiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Claims the single writer.
    /// - Throws: ``ObjectStoreError/writerExists`` while another writer is alive.
    package func makeWriter() throws(ObjectStoreError) -> ObjectStoreWriter<R> {
        let claimed = state.withLock { state -> Bool in
            if state.hasWriter { return false }
            state.hasWriter = true
            return true
        }
        guard claimed else { throw .writerExists }
        return ObjectStoreWriter(store: self)
    }

    /// Feeds the store from a watcher until the task is cancelled.
    /// - Throws: ``ObjectStoreError/writerExists`` when the store already has a writer.
    package func run(_ watcher: Watcher<R>) async throws(ObjectStoreError) {
        var writer = try makeWriter()
        for await event in watcher {
            writer.apply(event)
        }
    }

    /// Called by the writer when it goes away, so a new one may be made.
    func releaseWriter() {
        state.withLock { $0.hasWriter = false }
    }

    /// Swaps in a complete list and marks the store ready, waking waiters.
    func replaceAll(_ objects: [ObjectKey: R]) {
        let waiters = state.withLock { state in
            state.objects = objects
            state.isReady = true
            defer { state.readyWaiters = [] }
            return state.readyWaiters
        }
        for waiter in waiters { waiter.continuation.resume() }
    }

    /// Stores one (projected) object.
    func upsert(_ object: R) {
        state.withLock { $0.objects[ObjectKey(object.metadata)] = object }
    }

    /// Removes one object.
    func remove(_ key: ObjectKey) {
        state.withLock { $0.objects[key] = nil }
    }
}

private enum ReadyWaitStep { case ready, cancelled, waiting }

/// The single writer of an ``ObjectStore``: applies watcher events, buffering a (re-)list until it is
/// complete and then swapping it in whole.
///
/// Non-copyable, and the store hands out one at a time, so there is provably one writer.
package struct ObjectStoreWriter<R: KubeResource>: ~Copyable {
    private let store: ObjectStore<R>
    private var buffer: [ObjectKey: R]?

/// Creates the writer of `store`; only ``ObjectStore/makeWriter()`` calls this.
    init(store: ObjectStore<R>) {
        self.store = store
    }

    deinit {
        store.releaseWriter()
    }

    /// Applies one watcher event.
    package mutating func apply(_ event: WatcherEvent<R>) {
        switch event {
        case .initStarted:
            buffer = [:]
        case .initApply(let object):
            let stored = store.projection?(object) ?? object
            if buffer == nil { buffer = [:] }
            buffer?[ObjectKey(stored.metadata)] = stored
        case .initDone:
            store.replaceAll(buffer ?? [:])
            buffer = nil
        case .apply(let object):
            store.upsert(store.projection?(object) ?? object)
        case .delete(let object):
            store.remove(ObjectKey(object.metadata))
        }
    }
}

/// Misuse of an ``ObjectStore``.
package enum ObjectStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A second writer was requested while one is alive.
    case writerExists

    /// Explains the misuse.
    package var description: String { "the object store already has a writer; a store is fed by exactly one watcher" }
}
