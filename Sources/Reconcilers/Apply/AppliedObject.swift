import KubeModels

/// An owned object as our own apply left it: the summary the apply plan reads and, for a DaemonSet,
/// the full object readiness reads.
package struct AppliedObject: Sendable {
    /// The summary of the server's answer.
    package var live: LiveObject
    /// The DaemonSet the server answered, for DaemonSets.
    package var daemonSet: DaemonSet?

    /// Creates the record.
    package init(live: LiveObject, daemonSet: DaemonSet?) {
        self.live = live
        self.daemonSet = daemonSet
    }
}

/// One of our writes to an owned object that the watch may not have delivered yet.
package enum OwnedWrite: Sendable {
    /// We applied it; the server answered this.
    case applied(AppliedObject)
    /// We deleted it.
    case deleted
    /// We asked for its deletion and the server keeps it until finalizers run (an orphaning delete
    /// of a DaemonSet being replaced): it reads as this summary, marked deleting.
    case deleting(LiveObject)
}

/// The owned objects as the loop must see them: the watch cache, overlaid with our own applies the
/// watch has not delivered yet (``WriteExpectations``). Reading through this instead of writing into
/// the cache keeps the cache's watch its only writer.
package struct OwnedObjectsView: Sendable {
    /// The watch-fed cache.
    package let cache: OwnedObjectCache
    /// Our applies not yet seen by the watch.
    package let writes: WriteExpectations<ObjectIdentity, OwnedWrite>
    /// The loop's time (expectations expire).
    package let now: @Sendable () -> Duration

    /// The live summary of an object.
    package func live(_ identity: ObjectIdentity) -> LiveObject? {
        let cached = cache.get(identity)
        switch writes.pending(identity, cachedVersion: cached?.resourceVersion, now: now()) {
        case .applied(let applied): return applied.live
        case .deleted: return nil
        case .deleting(let going): return going
        case nil: return cached
        }
    }

    /// Every live owned object, in identity order, as the loop must see it.
    package func all() -> [LiveObject] { cache.all().compactMap { live($0.key) } }

    /// A live DaemonSet by namespace and name.
    package func daemonSet(namespace: String, name: String) -> DaemonSet? {
        let identity = ObjectIdentity(resourceType: .daemonSets, namespace: namespace, name: name)
        let cached = cache.get(identity)
        switch writes.pending(identity, cachedVersion: cached?.resourceVersion, now: now()) {
        case .applied(let applied): return applied.daemonSet
        case .deleted, .deleting: return nil
        case nil: return cache.daemonSet(name)
        }
    }
}
