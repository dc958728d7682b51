import KubeModels

extension ControllerQueue {
    /// The ControllerRevision collection.
    static let revisions = GroupResource(group: "apps", resource: "controllerrevisions")

    /// Whether adoption or release work waits.
    var hasClaimWork: Bool { !claimScans.isEmpty || !orphanedNamespaces.isEmpty || !podsToRecheck.isEmpty }

    /// Keeps the claim bookkeeping in step with one pod event: forgets the pod in the cache of a
    /// DaemonSet that stopped controlling it (released or orphaned) and wakes that DaemonSet, indexes
    /// orphans (a new or relabelled orphan makes its namespace's DaemonSets look for it), and queues a
    /// DaemonSet pod whose labels are new or changed for a selector re-check.
    /// - Returns: whether new immediate work was added.
    mutating func noteClaims(ofPod event: StoredEvent) -> Bool {
        let pod = event.object
        let key = pod.key
        var added = false
        let owner = event.type == .deleted ? nil : ControllerClaims.controllerReference(of: pod)
        if event.type == .modified, let previous = event.previous, let old = ControllerClaims.controllerReference(of: previous),
            old.kind == "DaemonSet", old.uid != owner?.uid
        {
            removeDaemonPod(key.name, node: previous.value["spec"]?["nodeName"]?.stringValue ?? "", ownerUID: old.uid)
            dirtyDaemonSets.insert(ObjectKey(namespace: key.namespace, name: old.name))
            added = true
        }
        let labelsChanged = event.previous?.labels != pod.labels
        if event.type != .deleted, owner == nil, !pod.isDeleting {
            let isNew = orphanPods[key.namespace, default: []].insert(key.name).inserted
            if isNew || labelsChanged {
                orphanedNamespaces.insert(key.namespace)
                added = true
            }
        } else if orphanPods[key.namespace]?.remove(key.name) != nil, orphanPods[key.namespace]?.isEmpty == true {
            orphanPods[key.namespace] = nil
        }
        if let owner, owner.kind == "DaemonSet", labelsChanged {
            podsToRecheck.insert(key)
            added = true
        }
        return added
    }

    /// Notes a ControllerRevision event: a new orphan makes its namespace's DaemonSets look for it.
    /// - Returns: whether new immediate work was added.
    mutating func noteClaims(ofRevision event: StoredEvent) -> Bool {
        guard event.type != .deleted, !event.object.isDeleting, ControllerClaims.controllerReference(of: event.object) == nil else {
            return false
        }
        orphanedNamespaces.insert(event.object.key.namespace)
        return true
    }

    /// Notes a DaemonSet event: a new DaemonSet looks for orphans to adopt; a deleted one's pod
    /// cache is dropped.
    mutating func noteClaims(ofDaemonSet event: StoredEvent) {
        switch event.type {
        case .added:
            claimScans.insert(event.object.key)
        case .deleted:
            claimScans.remove(event.object.key)
            daemonPods[event.object.uid] = nil
            daemonPodReadySince[event.object.uid] = nil
        default:
            break
        }
    }

    /// Drops one pod from a DaemonSet's pod cache.
    mutating func removeDaemonPod(_ name: String, node: String, ownerUID: String) {
        daemonPods[ownerUID]?[node]?.removeAll { $0.name == name }
        if daemonPods[ownerUID]?[node]?.isEmpty == true { daemonPods[ownerUID]?[node] = nil }
        daemonPodReadySince[ownerUID]?[name] = nil
    }
}
