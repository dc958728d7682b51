import KubeModels

extension SimulatedCluster {
    /// The annotation that makes a running pod succeed after a number of seconds (a job-like pod).
    package static let completeAfterAnnotation = "kubesim.dev/complete-after-seconds"

    /// Moves pods whose readiness delay has passed to Running/Ready (or to the held state when their
    /// node is held, or crash-looping under a crash-loop rule), and job-like pods whose run time has
    /// passed to Succeeded.
    func advancePods(now: ContinuousClock.Instant) {
        let due = controllers.podDeadlines.filter { $0.value <= now }.map(\.key)
        for key in due.sorted() {
            controllers.podDeadlines[key] = nil
            guard let pod = store.object(ControllerQueue.pods, key), !pod.isDeleting else { continue }
            start(pod, now: now)
        }
        let completed = controllers.completionDeadlines.filter { $0.value <= now }.map(\.key)
        for key in completed.sorted() {
            controllers.completionDeadlines[key] = nil
            guard let pod = store.object(ControllerQueue.pods, key), !pod.isDeleting,
                pod.value["status"]?["phase"]?.stringValue == "Running"
            else { continue }
            commit(
                ControllerQueue.pods,
                pod.value.setting(["status"], to: PodStatusFactory.succeeded(pod.value["status"] ?? .object([:]), now: wallClock())))
        }
        if !controllers.crashLoops.isEmpty { advanceCrashLoops(now: now) }
    }

    /// Starts a scheduled pod as the simulated kubelet would: held on a held node, crash-looping under
    /// a crash-loop rule, else Running and Ready (with its completion timer for a job-like pod).
    func start(_ pod: StoredObject, now: ContinuousClock.Instant) {
        let nodeName = pod.value["spec"]?["nodeName"]?.stringValue ?? ""
        if controllers.heldNodes.contains(nodeName) {
            setStage(.held, of: pod)
        } else if let failure = initFailure(of: pod) {
            startInitFailure(pod, failure)
        } else if controllers.crashLoops(pod) {
            startCrashLoop(pod, now: now)
        } else {
            setStage(.ready, of: pod)
            scheduleCompletion(of: pod, now: now)
        }
    }

    /// Arms the completion timer of a job-like pod that just started running.
    func scheduleCompletion(of pod: StoredObject, now: ContinuousClock.Instant) {
        if let text = pod.annotations[Self.completeAfterAnnotation], let seconds = Int64(text), seconds >= 0 {
            controllers.completionDeadlines[pod.key] = now.advanced(by: .seconds(seconds))
        } else if let rule = completionRule(for: pod) {
            controllers.completionDeadlines[pod.key] = now.advanced(by: .seconds(rule.afterSeconds))
        }
    }

    /// The status of a pod running and ready, as the simulated kubelet renders it.
    func readyStatus(of pod: StoredObject) -> JSONValue {
        let nodeName = pod.value["spec"]?["nodeName"]?.stringValue ?? ""
        let node = store.object(ControllerQueue.nodes, ObjectKey(namespace: "", name: nodeName))
        return PodStatusFactory.status(
            spec: pod.value["spec"] ?? .object([:]), stage: .ready, hostIP: Self.hostIP(of: node?.value), podIP: Self.podIP(uid: pod.uid),
            since: wallClock(), podUID: pod.uid)
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
                controllers.crashLoops[pod.key] = nil
                setStage(.held, of: pod)
            }
        } else {
            guard controllers.heldNodes.remove(node) != nil else { return }
            let deadline = ContinuousClock.now.advanced(by: configuration.podReadyDelay)
            for pod in pods where pod.value["status"]?["phase"]?.stringValue == "Pending" {
                controllers.podDeadlines[pod.key] = deadline
            }
            wakeup.signal()
        }
    }

    /// The nodes whose pods are currently held.
    package var heldNodes: Set<String> { controllers.heldNodes }
}
