import KubeModels

/// A node's pods of one DaemonSet held crash-looping (an admin operation).
package struct CrashLoopRule: Sendable, Hashable {
    /// Node name.
    package var node: String
    /// The DaemonSet's namespace.
    package var namespace: String
    /// The DaemonSet's name.
    package var daemonSet: String

    /// Creates a rule.
    package init(node: String, namespace: String, daemonSet: String) {
        self.node = node
        self.namespace = namespace
        self.daemonSet = daemonSet
    }
}

/// The restart clock of one crash-looping pod: its containers restart once per second.
package struct CrashLoop: Sendable, Hashable {
    /// When the crash loop started.
    package var since: ContinuousClock.Instant
    /// The restart count when it started.
    package var initialRestarts: Int64
    /// The restart count written last.
    package var restarts: Int64

    /// Creates a restart clock.
    package init(since: ContinuousClock.Instant, initialRestarts: Int64) {
        self.since = since
        self.initialRestarts = initialRestarts
        self.restarts = initialRestarts
    }

    /// The restart count at an instant (one more per whole second since the start).
    package func restarts(at now: ContinuousClock.Instant) -> Int64 {
        let elapsed = now - since
        return initialRestarts + max(0, elapsed.components.seconds)
    }

    /// When the next restart is due.
    package var nextRestart: ContinuousClock.Instant { since.advanced(by: .seconds(restarts - initialRestarts + 1)) }
}

extension ControllerQueue {
    /// Keeps the budget index in step with a PodDisruptionBudget event and marks the budget dirty.
    mutating func noteBudget(_ event: StoredEvent) -> Bool {
        let key = event.object.key
        if event.type == .deleted {
            budgetsByNamespace[key.namespace]?.remove(key.name)
            if budgetsByNamespace[key.namespace]?.isEmpty == true { budgetsByNamespace[key.namespace] = nil }
            dirtyBudgets.remove(key)
            budgetRechecks[key] = nil
            return false
        }
        budgetsByNamespace[key.namespace, default: []].insert(key.name)
        dirtyBudgets.insert(key)
        return true
    }

    /// Marks the budgets of a changed pod's namespace dirty.
    /// - Returns: whether there were any.
    mutating func notePodForBudgets(_ event: StoredEvent) -> Bool {
        let namespace = event.object.key.namespace
        guard let names = budgetsByNamespace[namespace], !names.isEmpty else { return false }
        for name in names { dirtyBudgets.insert(ObjectKey(namespace: namespace, name: name)) }
        return true
    }

    /// Drops the timers of a deleted pod.
    mutating func forgetPod(_ key: ObjectKey) {
        podDeadlines[key] = nil
        completionDeadlines[key] = nil
        crashLoops[key] = nil
    }

    /// Whether a pod is covered by a crash-loop rule.
    func crashLoops(_ pod: StoredObject) -> Bool {
        guard !crashLoopRules.isEmpty, let daemonSet = Self.controllingDaemonSet(of: pod) else { return false }
        let node = pod.value["spec"]?["nodeName"]?.stringValue ?? ""
        return crashLoopRules.contains(CrashLoopRule(node: node, namespace: pod.key.namespace, daemonSet: daemonSet))
    }
}
