import KubeModels
import Logging

extension SimulatedCluster {
    /// The DaemonSet controller's claim step (`PodControllerRefManager.ClaimPods` and the
    /// ControllerRevision equivalent): releases DaemonSet pods whose labels no longer match their
    /// controller's selector, and lets DaemonSets adopt the orphan pods and ControllerRevisions of
    /// their namespace that their selector matches. Neither happens while the DaemonSet is being
    /// deleted; pods being deleted are not adopted. The writes wake the DaemonSets involved.
    func claimDaemonSetObjects() {
        let rechecks = controllers.podsToRecheck
        controllers.podsToRecheck = []
        for key in rechecks.sorted() {
            guard let pod = store.object(ControllerQueue.pods, key), let owner = ControllerClaims.controllerReference(of: pod),
                owner.kind == "DaemonSet",
                let daemonSet = store.object(ControllerQueue.daemonSets, ObjectKey(namespace: key.namespace, name: owner.name)),
                daemonSet.uid == owner.uid, let selector = ControllerClaims.selector(of: daemonSet.value)
            else { continue }
            let decision = ControllerClaims.decide(pod, controllerUID: daemonSet.uid, controllerIsDeleting: daemonSet.isDeleting, selector: selector)
            if decision == .release {
                logger.debug("releasing pod", metadata: ["pod": "\(key)", "daemonset": "\(daemonSet.key)"])
                commit(ControllerQueue.pods, ControllerClaims.releasing(pod.value, from: daemonSet.uid))
            }
        }
        for namespace in controllers.orphanedNamespaces {
            controllers.claimScans.formUnion(store.sortedKeys(ControllerQueue.daemonSets, namespace: namespace))
        }
        controllers.orphanedNamespaces = []
        let scans = controllers.claimScans
        controllers.claimScans = []
        for key in scans.sorted() {
            guard let daemonSet = store.object(ControllerQueue.daemonSets, key), !daemonSet.isDeleting,
                let selector = ControllerClaims.selector(of: daemonSet.value)
            else { continue }
            adoptOrphans(for: daemonSet, selector: selector)
        }
    }

    /// Adopts the orphan pods and ControllerRevisions of a DaemonSet's namespace that its selector
    /// matches.
    private func adoptOrphans(for daemonSet: StoredObject, selector: LabelSelector) {
        let namespace = daemonSet.key.namespace
        let reference = controllerReference(daemonSet)
        for name in (controllers.orphanPods[namespace] ?? []).sorted() {
            guard let pod = store.object(ControllerQueue.pods, ObjectKey(namespace: namespace, name: name)),
                ControllerClaims.decide(pod, controllerUID: daemonSet.uid, controllerIsDeleting: false, selector: selector) == .adopt
            else { continue }
            logger.debug("adopting pod", metadata: ["pod": "\(pod.key)", "daemonset": "\(daemonSet.key)"])
            commit(ControllerQueue.pods, ControllerClaims.adopting(pod.value, by: reference))
        }
        for revision in store.objects(Self.controllerRevisions, namespace: namespace)
        where ControllerClaims.decide(revision, controllerUID: daemonSet.uid, controllerIsDeleting: false, selector: selector) == .adopt {
            commit(Self.controllerRevisions, ControllerClaims.adopting(revision.value, by: reference))
        }
    }
}
