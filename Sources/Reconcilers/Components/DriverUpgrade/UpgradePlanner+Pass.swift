/// One planner pass: the snapshot plus the upgrade slots left, walked node by node.
struct Pass {
    let snapshot: UpgradeSnapshot
    /// Upgrade slots left for `upgrade-required` nodes (upstream's `avail`).
    var slots: Int
    /// Why no slot can be given (a malformed `maxUnavailable`), if so.
    let slotProblem: String?
    /// Why a node without a slot waits, for people: the limits and what uses them up.
    let slotsExplanation: String

    init(snapshot: UpgradeSnapshot) {
        self.snapshot = snapshot
        let policy = snapshot.policy
        let nodes = snapshot.nodes
        let total = nodes.count
        let inProgress = nodes.filter(\.state.isInProgress).count
        let required = nodes.filter { $0.state == .required }.count
        let unavailable = nodes.filter { $0.unschedulable || !$0.isReady }.count + nodes.filter { $0.state == .cordonRequired }.count
        guard let maxUnavailable = policy.maxUnavailableNodes(of: total) else {
            slots = 0
            slotProblem = "driver.upgradePolicy.maxUnavailable \(policy.maxUnavailable) is neither an integer nor a percentage"
            slotsExplanation = ""
            return
        }
        slotProblem = nil
        let unavailableNames = nodes.filter { $0.unschedulable || !$0.isReady }.map(\.name)
        let named = unavailableNames.prefix(3).joined(separator: ", ") + (unavailableNames.count > 3 ? " and more" : "")
        slotsExplanation =
            "waiting for an upgrade slot (maxParallelUpgrades \(policy.maxParallelUpgrades), \(inProgress) in progress; "
            + "maxUnavailable \(policy.maxUnavailable) = \(maxUnavailable) of \(total) node(s), \(unavailable) unavailable"
            + (unavailableNames.isEmpty ? ")" : ": \(named))")
        var available = policy.maxParallelUpgrades == 0 ? required : policy.maxParallelUpgrades - inProgress
        available = min(available, maxUnavailable)
        if unavailable >= maxUnavailable {
            available = 0
        } else if maxUnavailable < total && unavailable + available > maxUnavailable {
            available = maxUnavailable - unavailable
        }
        slots = available
    }

    /// Whether the node's driver pod runs an older revision than its DaemonSet's newest.
    func isOutdated(_ node: UpgradeNode) -> Bool {
        guard let pod = node.driverPod, let daemonSet = pod.daemonSet, let newest = snapshot.newestRevision[daemonSet] else { return false }
        return pod.revisionHash != newest
    }

    /// Whether the node's driver pod is on the newest revision and ready.
    func isCurrentAndReady(_ node: UpgradeNode) -> Bool {
        guard let pod = node.driverPod, pod.daemonSet != nil else { return false }
        return !isOutdated(node) && pod.isReady && !pod.isTerminating
    }

    /// Whether only cosmetic things changed: the pod's and the template's config digests are equal.
    func isRestartOnly(_ node: UpgradeNode) -> Bool {
        guard let pod = node.driverPod, let daemonSet = pod.daemonSet, let digest = pod.digest, !digest.isEmpty else { return false }
        return snapshot.templateDigest[daemonSet] == digest
    }

    /// Advances one node by at most one state.
    mutating func advance(_ node: UpgradeNode, _ step: inout NodeStep) {
        switch node.state {
        case .unknown, .done: detect(node, &step)
        case .required: start(node, &step)
        case .cordonRequired:
            cordon(node, &step)
            step.to = .waitForJobsRequired
        case .waitForJobsRequired: waitForJobs(node, &step)
        case .podDeletionRequired: evictGPUPods(node, &step)
        case .drainRequired: drain(node, &step)
        case .podRestartRequired: restartDriver(node, &step)
        case .validationRequired: validate(node, &step)
        case .failed: recover(node, &step)
        case .uncordonRequired:
            if node.annotations[UpgradeKeys.cordonedByOperator] == "true" && node.unschedulable { step.unschedulable = false }
            finishCleanly(node, &step)
        }
    }

    /// Cordons the node unless it is already unschedulable, recording that this operator did it.
    func cordon(_ node: UpgradeNode, _ step: inout NodeStep) {
        guard !node.unschedulable else { return }
        step.unschedulable = true
        step.annotations[UpgradeKeys.cordonedByOperator] = "true"
    }

    /// Sets an annotation to now unless it is set, and returns its value.
    func startClock(_ key: String, _ node: UpgradeNode, _ step: inout NodeStep) -> Int64 {
        if let started = node.time(key) { return started }
        step.annotations[key] = String(snapshot.now)
        return snapshot.now
    }

    /// Moves the node to `upgrade-failed`, recording why.
    func fail(_ reason: String, _ step: inout NodeStep) {
        step.to = .failed
        step.failure = reason
        step.annotations[UpgradeKeys.failureReason] = String(reason.prefix(500))
    }

    /// The end of a node's upgrade: `upgrade-done` directly when the node was unschedulable before the
    /// upgrade, else `uncordon-required`.
    func finish(_ node: UpgradeNode, _ step: inout NodeStep) {
        if node.annotations[UpgradeKeys.initialUnschedulable] != nil {
            finishCleanly(node, &step)
        } else {
            step.to = .uncordonRequired
            if node.annotations[UpgradeKeys.failureReason] != nil { step.annotations[UpgradeKeys.failureReason] = .some(nil) }
        }
    }

    /// `upgrade-done`, with every annotation of the upgrade removed.
    func finishCleanly(_ node: UpgradeNode, _ step: inout NodeStep) {
        step.to = .done
        Self.clearUpgradeAnnotations(node, &step)
    }

    /// Removes the annotations an upgrade leaves on a node (not the operator-managed `enabled` marker,
    /// nor a person's `requested`).
    static func clearUpgradeAnnotations(_ node: UpgradeNode, _ step: inout NodeStep) {
        for key in UpgradeKeys.annotations where key != UpgradeKeys.enabled && key != UpgradeKeys.requested && node.annotations[key] != nil {
            step.annotations[key] = .some(nil)
        }
    }
}
