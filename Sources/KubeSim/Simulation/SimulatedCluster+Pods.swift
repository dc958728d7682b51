import KubeModels

extension SimulatedCluster {
    /// Moves pods whose readiness delay has passed to Running/Ready, or to the held state when
    /// their node is held.
    func advancePods(now: ContinuousClock.Instant) {
        let due = controllers.podDeadlines.filter { $0.value <= now }.map(\.key)
        for key in due.sorted() {
            controllers.podDeadlines[key] = nil
            guard let pod = store.object(ControllerQueue.pods, key), !pod.isDeleting else { continue }
            let nodeName = pod.value["spec"]?["nodeName"]?.stringValue ?? ""
            setStage(controllers.heldNodes.contains(nodeName) ? .held : .ready, of: pod)
        }
    }

    /// Rewrites a pod's status for a lifecycle stage (a write by the simulated kubelet).
    func setStage(_ stage: PodStatusFactory.Stage, of pod: StoredObject) {
        let nodeName = pod.value["spec"]?["nodeName"]?.stringValue ?? ""
        let node = store.object(ControllerQueue.nodes, ObjectKey(namespace: "", name: nodeName))
        let podIP = Self.podIP(uid: pod.uid)
        let status = PodStatusFactory.status(
            spec: pod.value["spec"] ?? .object([:]), stage: stage, hostIP: Self.hostIP(of: node?.value), podIP: podIP,
            since: wallClock(), podUID: pod.uid)
        commit(ControllerQueue.pods, pod.value.setting(["status"], to: status))
    }

    /// Holds (or releases) the pods of a node: held pods stay Pending with their first init
    /// container running; released pods become Ready after the readiness delay.
    /// - Parameters:
    ///   - node: node name.
    ///   - held: `true` to hold, `false` to release.
    package func holdPods(onNode node: String, held: Bool) {
        let pods = store.objects(ControllerQueue.pods).filter { $0.value["spec"]?["nodeName"]?.stringValue == node && !$0.isDeleting }
        if held {
            controllers.heldNodes.insert(node)
            for pod in pods {
                controllers.podDeadlines[pod.key] = nil
                setStage(.held, of: pod)
            }
        } else {
            guard controllers.heldNodes.remove(node) != nil else { return }
            let deadline = ContinuousClock.now.advanced(by: configuration.podReadyDelay)
            for pod in pods where !PodStatusFactory.isReady(pod.value["status"]) {
                controllers.podDeadlines[pod.key] = deadline
            }
            wakeup.signal()
        }
    }

    /// The nodes whose pods are currently held.
    package var heldNodes: Set<String> { controllers.heldNodes }
}
