import KubeModels

/// Pods that run to completion: those whose labels match every label of the rule succeed
/// `afterSeconds` after they start, as a real pod whose containers exit 0 does (KubeSim runs no
/// containers, so a test says which pods are finite workloads, e.g. `app=nvidia-cuda-validator`).
package struct CompletionRule: Sendable, Hashable {
    /// Labels a pod must carry (all of them).
    package var labels: [String: String]
    /// Seconds from start to `Succeeded`.
    package var afterSeconds: Int64

    /// Creates a rule.
    package init(labels: [String: String], afterSeconds: Int64 = 0) {
        self.labels = labels
        self.afterSeconds = afterSeconds
    }

    /// Whether a pod's labels match.
    func matches(_ podLabels: [String: String]) -> Bool {
        labels.allSatisfy { podLabels[$0.key] == $0.value }
    }
}

extension SimulatedCluster {
    /// Adds (or, for the same labels, replaces) a completion rule; `afterSeconds < 0` removes it.
    /// Pods already running that match get their completion timer now.
    /// - Returns: the rules in force.
    @discardableResult
    package func setCompletionRule(_ rule: CompletionRule) -> [CompletionRule] {
        controllers.completionRules.removeAll { $0.labels == rule.labels }
        guard rule.afterSeconds >= 0 else { return controllers.completionRules }
        controllers.completionRules.append(rule)
        let now = ContinuousClock.now
        for pod in store.objects(ControllerQueue.pods)
        where !pod.isDeleting && pod.value["status"]?["phase"]?.stringValue == "Running" && controllers.completionDeadlines[pod.key] == nil
            && rule.matches(pod.labels)
        {
            controllers.completionDeadlines[pod.key] = now.advanced(by: .seconds(rule.afterSeconds))
        }
        wakeup.signal()
        return controllers.completionRules
    }

    /// The first completion rule a pod matches.
    func completionRule(for pod: StoredObject) -> CompletionRule? {
        controllers.completionRules.first { $0.matches(pod.labels) }
    }

    /// Sets (non-nil) or removes (nil) extended resources in a node's capacity and allocatable, as a
    /// device plugin registering with the kubelet does (`nvidia.com/gpu: "4"`).
    /// - Returns: the updated node, or `nil` when there is no such node.
    @discardableResult
    package func setNodeResources(name: String, resources: [String: String?]) -> StoredObject? {
        guard let node = store.object(ControllerQueue.nodes, ObjectKey(namespace: "", name: name)) else { return nil }
        var value = node.value
        for field in ["capacity", "allocatable"] {
            var current = value["status"]?[field]?.members ?? [:]
            for (resource, quantity) in resources { current[resource] = quantity.map { .string($0) } }
            value.set(["status", field], to: .object(current))
        }
        guard value != node.value else { return node }
        return commit(ControllerQueue.nodes, value).object
    }
}
