import KubeModels

/// A node's pods of a DaemonSet whose named init container keeps failing with a termination
/// message (what a validator check with `WITH_WAIT=false` looks like while its condition does not
/// hold: `Init:CrashLoopBackOff`, the reason in `lastState.terminated.message`).
package struct InitFailure: Sendable, Hashable {
    /// The failing init container.
    package var container: String
    /// Its termination message.
    package var message: String

    /// Creates a failure.
    package init(container: String, message: String) {
        self.container = container
        self.message = message
    }
}

extension PodStatusFactory {
    /// A pod held at a failing init container: the ones before it completed, it waiting in
    /// `CrashLoopBackOff` after a run that exited 1 with `message`, the rest and the app containers
    /// waiting in `PodInitializing`.
    static func initFailing(held: JSONValue, spec: JSONValue, failure: InitFailure, since: Timestamp, podUID: String) -> JSONValue {
        let time = JSONValue.string(since.rfc3339)
        let initContainers = spec["initContainers"]?.arrayValue ?? []
        let failing = initContainers.firstIndex { $0["name"]?.stringValue == failure.container } ?? 0
        var status = held
        status["initContainerStatuses"] = .array(
            initContainers.enumerated().map { index, container in
                if index < failing { return terminated(container, since: time, uid: podUID, index: index) }
                guard index == failing else { return waiting(container, reason: "PodInitializing") }
                var state = waiting(container, reason: "CrashLoopBackOff")
                state["restartCount"] = 1
                state["lastState"] = [
                    "terminated": [
                        "exitCode": 1, "reason": "Error", "message": .string(failure.message), "startedAt": time, "finishedAt": time,
                        "containerID": .string("containerd://\(podUID)-init-\(index)"),
                    ]
                ]
                return state
            })
        return status
    }
}

extension SimulatedCluster {
    /// Makes (with a failure) or stops making (`nil`) a node's pods of a DaemonSet fail at an init
    /// container; current pods change now, later ones when they start.
    /// - Returns: the names of the pods whose state changed.
    @discardableResult
    package func setInitFailure(node: String, namespace: String, daemonSet: String, failure: InitFailure?) -> [String] {
        let rule = CrashLoopRule(node: node, namespace: namespace, daemonSet: daemonSet)
        controllers.initFailures[rule] = failure
        let pods = store.objects(ControllerQueue.pods, namespace: namespace).filter {
            !$0.isDeleting && $0.value["spec"]?["nodeName"]?.stringValue == node && ControllerQueue.controllingDaemonSet(of: $0) == daemonSet
        }
        for pod in pods { start(pod, now: .now) }
        wakeup.signal()
        return pods.map(\.key.name)
    }

    /// The init failure a pod is under, if any.
    func initFailure(of pod: StoredObject) -> InitFailure? {
        guard !controllers.initFailures.isEmpty, let daemonSet = ControllerQueue.controllingDaemonSet(of: pod) else { return nil }
        let node = pod.value["spec"]?["nodeName"]?.stringValue ?? ""
        return controllers.initFailures[CrashLoopRule(node: node, namespace: pod.key.namespace, daemonSet: daemonSet)]
    }

    /// Puts a pod into its init failure.
    func startInitFailure(_ pod: StoredObject, _ failure: InitFailure) {
        let nodeName = pod.value["spec"]?["nodeName"]?.stringValue ?? ""
        let node = store.object(ControllerQueue.nodes, ObjectKey(namespace: "", name: nodeName))
        let spec = pod.value["spec"] ?? .object([:])
        let held = PodStatusFactory.status(
            spec: spec, stage: .held, hostIP: Self.hostIP(of: node?.value), podIP: Self.podIP(uid: pod.uid), since: wallClock(), podUID: pod.uid)
        let status = PodStatusFactory.initFailing(held: held, spec: spec, failure: failure, since: wallClock(), podUID: pod.uid)
        commit(ControllerQueue.pods, pod.value.setting(["status"], to: status))
    }
}
