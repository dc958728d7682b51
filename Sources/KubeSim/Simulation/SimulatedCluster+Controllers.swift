import KubeModels
import Logging

extension SimulatedCluster {
    /// The ControllerRevision collection.
    static let controllerRevisions = GroupResource(group: "apps", resource: "controllerrevisions")

    /// Runs the simulated controllers until their pending work is done (bounded per call): finishes
    /// deletions waiting on controllers, garbage-collects dependents, removes pods of removed nodes,
    /// advances pods whose readiness delay, run time (job-like pods) or restart back-off (crash-looping
    /// pods) has passed, syncs dirty DaemonSets and recomputes dirty PodDisruptionBudgets.
    /// - Parameter now: the current instant, for the pods' and budgets' deadlines.
    /// - Returns: the next deadline, if any.
    package func runControllers(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        for _ in 0..<64 {
            if !controllers.deleting.isEmpty { processDeletions() }
            if !controllers.ownersToVerify.isEmpty {
                let uids = controllers.ownersToVerify
                controllers.ownersToVerify = []
                for uid in uids where store.uidIndex[uid] == nil && store.dependents[uid] != nil {
                    controllers.deletedOwners.append(uid)
                }
            }
            if !controllers.deletedOwners.isEmpty { collectGarbage() }
            if !controllers.removedNodes.isEmpty { removePodsOfRemovedNodes() }
            if !controllers.nodesToTaint.isEmpty { taintUnschedulableNodes() }
            advancePods(now: now)
            if controllers.allDaemonSetsDirty || !controllers.dirtyDaemonSets.isEmpty || controllers.hasClaimWork { syncDaemonSets(now: now) }
            if !controllers.dirtyBudgets.isEmpty || !controllers.budgetRechecks.isEmpty { syncBudgets(now: now) }
            if !controllers.hasImmediateWork { break }
        }
        if controllers.hasImmediateWork { wakeup.signal() }
        return controllers.nextDeadline
    }

    // MARK: Deletions that wait on controllers

    private func processDeletions() {
        let pending = controllers.deleting
        controllers.deleting = []
        for reference in pending {
            guard let object = store.object(reference.resource, reference.key), object.isDeleting else { continue }
            let done: Bool
            if reference.resource == ControllerQueue.namespaces {
                done = finishNamespace(object)
            } else if reference.resource == ControllerQueue.crds {
                done = finishDefinition(object)
            } else {
                done = finishPropagation(reference, object)
            }
            if !done { controllers.blockedDeletions.insert(reference) }
        }
    }

    /// Deletes a terminating namespace's contents; removes the namespace once empty.
    private func finishNamespace(_ namespace: StoredObject) -> Bool {
        let name = namespace.key.name
        var remaining = 0
        for resource in registry.resources where resource.type.isNamespaced {
            for object in store.objects(resource.groupResource, namespace: name) {
                controllerDelete(resource.groupResource, object.key)
                if store.object(resource.groupResource, object.key) != nil { remaining += 1 }
            }
        }
        guard remaining == 0 else { return false }
        let value = namespace.value.setting(["spec", "finalizers"], to: nil)
        if namespace.finalizers.isEmpty {
            commitRemoval(ControllerQueue.namespaces, namespace.key, finalValue: value)
        } else {
            commit(ControllerQueue.namespaces, value)
        }
        return true
    }

    /// Deletes a deleting CRD's custom resources; then lets the CRD go.
    private func finishDefinition(_ crd: StoredObject) -> Bool {
        guard crd.finalizers.contains(BuiltinLifecycle.crdCleanupFinalizer) else { return true }
        let group = crd.value["spec"]?["group"]?.stringValue ?? ""
        let plural = crd.value["spec"]?["names"]?["plural"]?.stringValue ?? ""
        let collection = GroupResource(group: group, resource: plural)
        for object in store.objects(collection) { controllerDelete(collection, object.key) }
        guard store.count(collection) == 0 else { return false }
        store.dropCollection(collection)
        removeFinalizer(BuiltinLifecycle.crdCleanupFinalizer, from: crd, in: ControllerQueue.crds)
        return true
    }

    /// Handles the `foregroundDeletion` and `orphan` finalizers.
    private func finishPropagation(_ reference: ObjectReference, _ object: StoredObject) -> Bool {
        let dependents = store.dependents[object.uid] ?? []
        if object.finalizers.contains("orphan") {
            for dependent in dependents.sorted(by: { $0.description < $1.description }) {
                guard let current = store.object(dependent.resource, dependent.key) else { continue }
                commit(dependent.resource, ControllerClaims.releasing(current.value, from: object.uid))
            }
            removeFinalizer("orphan", from: object, in: reference.resource)
            return true
        }
        if object.finalizers.contains("foregroundDeletion") {
            for dependent in dependents { controllerDelete(dependent.resource, dependent.key) }
            guard (store.dependents[object.uid] ?? []).isEmpty else { return false }
            if let current = store.object(reference.resource, reference.key) {
                removeFinalizer("foregroundDeletion", from: current, in: reference.resource)
            }
        }
        return true
    }

    /// Removes one finalizer; the object goes away when it was the last.
    func removeFinalizer(_ finalizer: String, from object: StoredObject, in resource: GroupResource) {
        let remaining = object.finalizers.filter { $0 != finalizer }
        let value = object.value.setting(["metadata", "finalizers"], to: remaining.isEmpty ? nil : .array(remaining.map { .string($0) }))
        if remaining.isEmpty, object.isDeleting {
            commitRemoval(resource, object.key, finalValue: value)
        } else {
            commit(resource, value)
        }
    }

    // MARK: Garbage collection

    /// Deletes dependents whose owners are all gone; drops dangling references from the others.
    private func collectGarbage() {
        let owners = controllers.deletedOwners
        controllers.deletedOwners = []
        for uid in owners {
            for reference in store.dependents[uid] ?? [] {
                guard let dependent = store.object(reference.resource, reference.key) else { continue }
                let references = dependent.ownerReferences
                let alive = references.filter { isAlive(owner: $0, of: dependent) }
                if alive.isEmpty {
                    logger.debug("garbage-collecting dependent", metadata: ["object": "\(reference)", "owner": "\(uid)"])
                    controllerDelete(reference.resource, reference.key)
                } else if alive.count < references.count {
                    let kept = (dependent.value["metadata"]?["ownerReferences"]?.arrayValue ?? []).filter { entry in
                        alive.contains { $0.uid == entry["uid"]?.stringValue }
                    }
                    commit(reference.resource, dependent.value.setting(["metadata", "ownerReferences"], to: .array(kept)))
                }
            }
        }
    }

    /// Whether an owner exists where a dependent may reference it (a namespaced owner must be in the
    /// dependent's namespace; cluster-scoped owners are valid for everyone). An owner of a kind the
    /// server does not serve counts as alive: the garbage collector cannot resolve it, so it leaves
    /// the dependent alone (a pod may name a Job or ReplicaSet KubeSim does not serve).
    private func isAlive(owner: OwnerReference, of dependent: StoredObject) -> Bool {
        guard registry.resources.contains(where: { $0.apiVersion == owner.apiVersion && $0.type.kind == owner.kind }) else { return true }
        guard let (reference, _) = store.object(uid: owner.uid) else { return false }
        return reference.key.namespace.isEmpty || reference.key.namespace == dependent.key.namespace
    }

    private func removePodsOfRemovedNodes() {
        let nodes = controllers.removedNodes
        controllers.removedNodes = []
        for pod in store.objects(ControllerQueue.pods) where nodes.contains(pod.value["spec"]?["nodeName"]?.stringValue ?? "") {
            commitRemoval(ControllerQueue.pods, pod.key)
        }
    }
}
