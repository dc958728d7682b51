import KubeModels

extension SimulatedCluster {
    /// Opens a watch on a collection.
    ///
    /// - No `resourceVersion` (or `0`): the current selected objects arrive first as `ADDED`, then
    ///   live changes.
    /// - A `resourceVersion`: every change after it is replayed from history, then live changes; when
    ///   history no longer reaches back that far the call throws 410 `Expired`.
    /// - `sendInitialEvents=true`: the current objects as `ADDED`, then a `BOOKMARK` annotated
    ///   `k8s.io/initial-events-end`, then live changes.
    ///
    /// The snapshot or replay and the registration happen in one actor turn, so nothing is lost or
    /// delivered twice.
    /// - Throws: ``APIError`` 400 for a malformed resourceVersion, 410 when it is too old.
    package func watch(_ resource: APIResource, namespace: String?, options: ListOptions) throws(APIError) -> WatchSubscription {
        let groupResource = resource.groupResource
        let filter = ObjectFilter(namespace: namespace, labels: options.labelSelector, fields: options.fieldSelector)
        var initial: [WatchDelivery] = []
        let requested = options.resourceVersion ?? ""
        if options.sendInitialEvents || requested.isEmpty || requested == "0" {
            for object in store.objects(groupResource, namespace: namespace) where filter.matches(object) {
                initial.append(.event(.added, object))
            }
            if options.sendInitialEvents {
                initial.append(.bookmark(resourceVersion: store.resourceVersion, initialEventsEnd: true))
            }
        } else {
            guard let version = Int64(requested), version >= 0 else {
                throw APIError.badRequest("invalid resource version: \(requested)")
            }
            if version < store.resourceVersion {
                guard let events = store.events(groupResource, after: version) else {
                    throw APIError.expired("too old resource version: \(version) (\(store.oldestResumableVersion(groupResource)))")
                }
                for event in events {
                    if let type = filter.translate(event) { initial.append(.event(type, event.object)) }
                }
            }
        }
        let (id, stream) = watches.add(resource: groupResource, filter: filter)
        return WatchSubscription(id: id, initial: initial, stream: stream)
    }

    /// Sends a bookmark at the current resourceVersion to one watch, after its pending events.
    package func bookmark(watch id: Int) {
        watches.bookmark(id, resourceVersion: store.resourceVersion)
    }

    /// Closes one watch (its client went away or its timeout passed).
    package func cancelWatch(_ id: Int) {
        watches.remove(id)
    }

    /// Closes every open watch; clients see their streams end and must re-watch.
    package func dropWatches() {
        watches.removeAll()
    }

    /// The number of open watches.
    package var openWatchCount: Int { watches.count }

    /// Changes the number of events kept per resource (shrinking forces 410 for old versions).
    package func setHistoryWindow(_ events: Int) {
        store.setHistoryCapacity(events)
    }

    /// Expires all watch history, so every resume from an old resourceVersion gets 410.
    package func compactHistory() {
        store.compactHistory()
    }
}
