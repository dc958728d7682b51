import KubeModels

extension SimulatedCluster {
    /// Makes a node's pods of a DaemonSet crash-loop (or recover): while the rule holds, its running
    /// pods there, and the pods the DaemonSet creates there later, stay phase Running with every
    /// container not ready, waiting in `CrashLoopBackOff`, their `restartCount` rising by one per
    /// second. Recovering makes them Running and Ready, keeping their restart counts.
    /// - Parameters:
    ///   - node: node name.
    ///   - namespace: the DaemonSet's namespace.
    ///   - daemonSet: the DaemonSet's name.
    ///   - crashLooping: `true` to start, `false` to stop.
    ///   - now: the current instant (restart clocks start here).
    /// - Returns: the names of the pods whose state changed.
    @discardableResult
    package func setCrashLoop(
        node: String, namespace: String, daemonSet: String, crashLooping: Bool, now: ContinuousClock.Instant = .now
    )
        -> [String]
    {
        let rule = CrashLoopRule(node: node, namespace: namespace, daemonSet: daemonSet)
        let pods = store.objects(ControllerQueue.pods, namespace: namespace).filter {
            !$0.isDeleting && $0.value["spec"]?["nodeName"]?.stringValue == node && ControllerQueue.controllingDaemonSet(of: $0) == daemonSet
        }
        var changed: [String] = []
        if crashLooping {
            controllers.crashLoopRules.insert(rule)
            for pod in pods where controllers.crashLoops[pod.key] == nil && pod.value["status"]?["phase"]?.stringValue == "Running" {
                startCrashLoop(pod, now: now)
                changed.append(pod.key.name)
            }
            wakeup.signal()
        } else {
            controllers.crashLoopRules.remove(rule)
            for pod in pods where controllers.crashLoops.removeValue(forKey: pod.key) != nil {
                let status = PodStatusFactory.recovered(readyStatus(of: pod), from: pod.value["status"])
                commit(ControllerQueue.pods, pod.value.setting(["status"], to: status))
                changed.append(pod.key.name)
            }
        }
        return changed
    }

    /// The crash-loop rules in force.
    package var crashLoopRules: Set<CrashLoopRule> { controllers.crashLoopRules }

    /// Puts a pod into `CrashLoopBackOff` and starts its restart clock.
    func startCrashLoop(_ pod: StoredObject, now: ContinuousClock.Instant) {
        let restarts = (pod.value["status"]?["containerStatuses"]?.arrayValue ?? []).compactMap { $0["restartCount"]?.intValue }.max() ?? 0
        controllers.crashLoops[pod.key] = CrashLoop(since: now, initialRestarts: restarts)
        let status = PodStatusFactory.crashLooping(
            current: pod.value["status"], spec: pod.value["spec"] ?? .object([:]), pod: "\(pod.key.name)_\(pod.key.namespace)(\(pod.uid))",
            running: readyStatus(of: pod), restarts: restarts, now: wallClock())
        commit(ControllerQueue.pods, pod.value.setting(["status"], to: status))
    }

    /// Writes the restart counts of crash-looping pods whose next restart is due.
    func advanceCrashLoops(now: ContinuousClock.Instant) {
        for (key, loop) in controllers.crashLoops.sorted(by: { $0.key < $1.key }) where loop.nextRestart <= now {
            guard let pod = store.object(ControllerQueue.pods, key), !pod.isDeleting else {
                controllers.crashLoops[key] = nil
                continue
            }
            var updated = loop
            updated.restarts = loop.restarts(at: now)
            controllers.crashLoops[key] = updated
            commit(
                ControllerQueue.pods,
                pod.value.setting(["status"], to: PodStatusFactory.settingRestarts(pod.value["status"] ?? .object([:]), to: updated.restarts)))
        }
    }
}
