extension Pass {
    /// `""` / `upgrade-done`: an outdated driver pod or an explicit request starts an upgrade.
    func detect(_ node: UpgradeNode, _ step: inout NodeStep) {
        let requested = node.annotations[UpgradeKeys.requested] == "true"
        if isOutdated(node) || requested {
            step.to = .required
            if node.unschedulable && node.annotations[UpgradeKeys.cordonedByOperator] == nil {
                step.annotations[UpgradeKeys.initialUnschedulable] = "true"
            }
        } else if node.state == .unknown {
            step.to = .done
        }
    }

    /// `upgrade-required`: takes a slot (an already cordoned node needs none) and cordons, or, when
    /// only cosmetic things changed, cordons and goes straight to the driver restart.
    mutating func start(_ node: UpgradeNode, _ step: inout NodeStep) {
        let requested = node.annotations[UpgradeKeys.requested] == "true"
        if requested { step.annotations[UpgradeKeys.requested] = .some(nil) }
        if node.skip {
            step.waitingFor = "skipped: the node carries \(UpgradeKeys.skip)=true"
            return
        }
        if let slotProblem {
            step.waitingFor = slotProblem
            return
        }
        guard slots > 0 || node.unschedulable else {
            step.waitingFor = slotsExplanation
            return
        }
        if !node.unschedulable { slots -= 1 }
        if !requested && isRestartOnly(node) {
            cordon(node, &step)
            step.to = .podRestartRequired
        } else {
            step.to = .cordonRequired
        }
    }

    /// `wait-for-jobs-required`: waits for the selected pods to finish, at most the timeout.
    func waitForJobs(_ node: UpgradeNode, _ step: inout NodeStep) {
        guard snapshot.policy.waitPodSelector != nil, !node.waitPods.isEmpty else {
            step.to = .podDeletionRequired
            if node.annotations[UpgradeKeys.waitForJobsStart] != nil { step.annotations[UpgradeKeys.waitForJobsStart] = .some(nil) }
            return
        }
        let timeout = Int64(snapshot.policy.waitTimeoutSeconds)
        let started = startClock(UpgradeKeys.waitForJobsStart, node, &step)
        if timeout > 0 && snapshot.now >= started + timeout {
            step.to = .podDeletionRequired
            step.annotations[UpgradeKeys.waitForJobsStart] = .some(nil)
            return
        }
        let pods = NameList.abbreviated(node.waitPods.map(\.description), limit: 3)
        step.waitingFor =
            "waiting for \(node.waitPods.count) pod(s) to complete (\(pods)) since \(UpgradeClock.time(started))"
            + (timeout > 0 ? ", at most until \(UpgradeClock.time(started + timeout))" : "")
    }

    /// `pod-deletion-required`: evicts the node's GPU pods; pods that cannot be evicted, or a timeout,
    /// fall back to the drain when it is enabled, else fail the node.
    func evictGPUPods(_ node: UpgradeNode, _ step: inout NodeStep) {
        let policy = snapshot.policy
        if node.gpuPods.isEmpty {
            step.to = .podRestartRequired
            if node.annotations[UpgradeKeys.podDeletionStart] != nil { step.annotations[UpgradeKeys.podDeletionStart] = .some(nil) }
            return
        }
        let blocked = node.gpuPods.compactMap { pod -> String? in
            if pod.isDaemonSetPod { return "\(pod) (a DaemonSet's pod)" }
            if !pod.hasController && !policy.forceDeletion { return "\(pod) (no controller; set podDeletion.force to evict it)" }
            if pod.usesEmptyDir && !policy.deleteEmptyDir { return "\(pod) (emptyDir; set podDeletion.deleteEmptyDir to evict it)" }
            return nil
        }
        if !blocked.isEmpty {
            drainOrFail("GPU pods cannot be evicted: " + blocked.joined(separator: ", "), node, &step)
            return
        }
        let started = startClock(UpgradeKeys.podDeletionStart, node, &step)
        let timeout = Int64(policy.deletionTimeoutSeconds)
        if timeout > 0 && snapshot.now >= started + timeout {
            let cause = node.lastEvictionError.map { ": \($0)" } ?? ""
            drainOrFail("evicting GPU pods did not finish within \(timeout) s\(cause)", node, &step)
            return
        }
        step.evict = node.gpuPods
        let cause = node.lastEvictionError.map { "; last attempt: \($0)" } ?? ""
        step.waitingFor =
            "evicting \(node.gpuPods.count) GPU pod(s) (\(node.gpuPods.prefix(3).map(\.description).joined(separator: ", "))) "
            + "since \(UpgradeClock.time(started))\(cause)"
    }

    /// Falls back to the drain when enabled, else fails the node.
    func drainOrFail(_ reason: String, _ node: UpgradeNode, _ step: inout NodeStep) {
        guard snapshot.policy.drainEnabled else {
            fail(reason + ". Retry: fix the cause, then label the node \(UpgradeKeys.state)=upgrade-required", &step)
            return
        }
        step.to = .drainRequired
        step.annotations[UpgradeKeys.podDeletionStart] = String(snapshot.now)
    }

    /// `drain-required`: removes the pods the drain selects (DaemonSet pods aside).
    func drain(_ node: UpgradeNode, _ step: inout NodeStep) {
        let policy = snapshot.policy
        guard policy.drainEnabled else {
            step.to = .podRestartRequired
            return
        }
        cordon(node, &step)
        let blocked = node.drainPods.compactMap { pod -> String? in
            if !pod.hasController && !policy.drainForce { return "\(pod) (no controller; set drain.force)" }
            if pod.usesEmptyDir && !policy.drainDeleteEmptyDir { return "\(pod) (emptyDir; set drain.deleteEmptyDir)" }
            return nil
        }
        if !blocked.isEmpty {
            fail("the drain cannot remove: " + blocked.joined(separator: ", "), &step)
            return
        }
        if node.drainPods.isEmpty {
            step.to = .podRestartRequired
            if node.annotations[UpgradeKeys.podDeletionStart] != nil { step.annotations[UpgradeKeys.podDeletionStart] = .some(nil) }
            return
        }
        let started = startClock(UpgradeKeys.podDeletionStart, node, &step)
        let timeout = Int64(policy.drainTimeoutSeconds)
        if timeout > 0 && snapshot.now >= started + timeout {
            fail("the drain did not finish within \(timeout) s" + (node.lastEvictionError.map { ": \($0)" } ?? ""), &step)
            return
        }
        step.evict = node.drainPods
        step.waitingFor =
            "draining \(node.drainPods.count) pod(s) since \(UpgradeClock.time(started))"
            + (node.lastEvictionError.map { "; last attempt: \($0)" } ?? "")
    }

    /// `pod-restart-required`: deletes the outdated driver pod, then waits (bounded) for its
    /// replacement to be ready.
    func restartDriver(_ node: UpgradeNode, _ step: inout NodeStep) {
        let started = startClock(UpgradeKeys.podRestartStart, node, &step)
        if let pod = node.driverPod, !pod.isTerminating, pod.daemonSet == nil || isOutdated(node) {
            step.deleteDriverPod = pod.name
            step.waitingFor = "restarting the driver pod \(pod.name)"
            return
        }
        if isCurrentAndReady(node) {
            step.to = .validationRequired
            step.annotations[UpgradeKeys.podRestartStart] = .some(nil)
            return
        }
        if let pod = node.driverPod, pod.notReadyRestarts > UpgradePlanner.maximumRestarts {
            fail("the driver pod \(pod.name) restarted \(pod.notReadyRestarts) times without becoming ready", &step)
            return
        }
        if snapshot.now >= started + UpgradePlanner.podRestartTimeout {
            fail("the driver pod did not become ready within \(UpgradePlanner.podRestartTimeout) s", &step)
            return
        }
        let name = node.driverPod?.name ?? "(not created yet)"
        step.waitingFor = "waiting for the driver pod \(name) to be ready since \(UpgradeClock.time(started))"
    }

    /// `validation-required`: waits (bounded) for the validator pods on the node to be ready.
    func validate(_ node: UpgradeNode, _ step: inout NodeStep) {
        if !node.validators.isEmpty && node.validators.allSatisfy({ $0 }) {
            finish(node, &step)
            if node.annotations[UpgradeKeys.validationStart] != nil { step.annotations[UpgradeKeys.validationStart] = .some(nil) }
            return
        }
        let started = startClock(UpgradeKeys.validationStart, node, &step)
        if snapshot.now >= started + UpgradePlanner.validationTimeout {
            let what = node.validators.isEmpty ? "no validator pod ran on the node" : "the validator pod was not ready"
            fail("\(what) within \(UpgradePlanner.validationTimeout) s", &step)
            return
        }
        step.waitingFor = "waiting for the validator since \(UpgradeClock.time(started))"
    }

    /// `upgrade-failed`: a current, ready driver pod ends the failure; otherwise the node waits for
    /// someone to act, and says how.
    func recover(_ node: UpgradeNode, _ step: inout NodeStep) {
        if isCurrentAndReady(node) {
            finish(node, &step)
            return
        }
        let reason = node.annotations[UpgradeKeys.failureReason] ?? "see the node's events"
        step.waitingFor = "failed: \(reason)"
    }
}

/// Formats unix seconds as `HH:MM:SS` UTC for status messages.
package enum UpgradeClock {
    /// `HH:MM:SS` (UTC) of a unix time.
    package static func time(_ seconds: Int64) -> String {
        let day = ((seconds % 86_400) + 86_400) % 86_400
        let hours = day / 3600
        let minutes = day % 3600 / 60
        let rest = day % 60
        return [hours, minutes, rest].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
    }
}
