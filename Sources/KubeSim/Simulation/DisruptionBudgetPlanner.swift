import KubeModels

/// The disruption controller's status for one PodDisruptionBudget, as a pure function of the budget,
/// the pods it selects and the time.
///
/// Mirrors `pkg/controller/disruption`: `expectedPods` is the number of selected pods for an integer
/// `minAvailable`, else the summed scale of the pods' controllers; `desiredHealthy` comes from
/// `minAvailable` or `expectedPods − maxUnavailable` (percentages rounded up); `currentHealthy` counts
/// selected pods that are Ready, not being deleted and not recently evicted (`disruptedPods`, for two
/// minutes); `disruptionsAllowed` is `currentHealthy − desiredHealthy`, never negative, and 0 while no
/// pods are expected. A budget whose pods' controllers have no scale fails safe (0 disruptions,
/// `DisruptionAllowed=False`, reason `SyncFailed`).
///
/// KubeSim serves no ReplicaSets, StatefulSets or ReplicationControllers: a pod controlled by one of
/// those kinds that is not stored counts its controller as scaled to the selected pods it controls.
package enum DisruptionBudgetPlanner {
    /// How long an eviction recorded in `disruptedPods` keeps its pod out of `currentHealthy`.
    package static let deletionTimeoutSeconds: Int64 = 120

    /// What the planner needs to know about one selected pod.
    package struct PodFacts: Sendable, Hashable {
        /// Pod name.
        package var name: String
        /// Ready condition is True.
        package var isReady: Bool
        /// `deletionTimestamp` is set.
        package var isDeleting: Bool
        /// The controller ownerReference, if any.
        package var controller: OwnerReference?

        /// Creates pod facts.
        package init(name: String, isReady: Bool, isDeleting: Bool, controller: OwnerReference?) {
            self.name = name
            self.isReady = isReady
            self.isDeleting = isDeleting
            self.controller = controller
        }

        /// The facts of a stored pod.
        package init(_ pod: StoredObject) {
            self.init(
                name: pod.key.name, isReady: PodStatusFactory.isReady(pod.value["status"]), isDeleting: pod.isDeleting,
                controller: pod.ownerReferences.first { $0.controller == true })
        }
    }

    /// The new status and when the budget must be looked at again (an entry of `disruptedPods` expires).
    package struct Outcome: Sendable {
        /// The budget's new `status`.
        package var status: JSONValue
        /// When the earliest kept `disruptedPods` entry expires.
        package var recheck: Timestamp?
    }

    /// Kinds whose scale the disruption controller reads (group, kind).
    static let scalableKinds: Set<[String]> = [
        ["apps", "ReplicaSet"], ["apps", "StatefulSet"], ["apps", "Deployment"], ["", "ReplicationController"],
    ]

    /// Computes a budget's status.
    /// - Parameters:
    ///   - budget: the PodDisruptionBudget object.
    ///   - pods: the pods its selector selects.
    ///   - ownerReplicas: `spec.replicas` of stored controllers, by uid.
    ///   - now: the current time.
    package static func status(budget: JSONValue, pods: [PodFacts], ownerReplicas: [String: Int], now: Timestamp) -> Outcome {
        let spec = budget["spec"] ?? .object([:])
        var status = budget["status"]?.members ?? [:]
        let generation = budget["metadata"]?["generation"]?.intValue ?? 1
        let counts: (expected: Int, desired: Int)
        switch expectedCounts(spec: spec, pods: pods, ownerReplicas: ownerReplicas) {
        case .failure(let failure):
            status["disruptionsAllowed"] = 0
            let observed = status["observedGeneration"]?.intValue ?? 0
            status["conditions"] = setCondition(
                status["conditions"], status: false, reason: "SyncFailed", message: failure.message, generation: observed, now: now)
            return Outcome(status: .object(status), recheck: nil)
        case .success(let value):
            counts = value
        }
        var disrupted: [String: JSONValue] = [:]
        var recheck: Timestamp?
        let recorded = status["disruptedPods"]?.members ?? [:]
        for pod in pods where !pod.isDeleting {
            guard let text = recorded[pod.name]?.stringValue, let time = Timestamp(rfc3339: text) else { continue }
            let expiry = time.adding(seconds: deletionTimeoutSeconds)
            guard expiry >= now else { continue }
            disrupted[pod.name] = .string(text)
            recheck = min(recheck ?? expiry, expiry)
        }
        let healthy = pods.filter { $0.isReady && !$0.isDeleting && disrupted[$0.name] == nil }.count
        let allowed = counts.expected <= 0 ? 0 : max(0, healthy - counts.desired)
        status["currentHealthy"] = .int(Int64(healthy))
        status["desiredHealthy"] = .int(Int64(counts.desired))
        status["expectedPods"] = .int(Int64(counts.expected))
        status["disruptionsAllowed"] = .int(Int64(allowed))
        status["disruptedPods"] = disrupted.isEmpty ? nil : .object(disrupted)
        status["observedGeneration"] = .int(generation)
        status["conditions"] = allowedCondition(status["conditions"], allowed: allowed, generation: generation, now: now)
        return Outcome(status: .object(status), recheck: recheck)
    }

    /// The `DisruptionAllowed` condition for a number of allowed disruptions (`SufficientPods` or
    /// `InsufficientPods`), as `UpdateDisruptionAllowedCondition` sets it.
    package static func allowedCondition(_ conditions: JSONValue?, allowed: Int, generation: Int64, now: Timestamp) -> JSONValue {
        setCondition(
            conditions, status: allowed > 0, reason: allowed > 0 ? "SufficientPods" : "InsufficientPods", message: "", generation: generation,
            now: now)
    }

    /// Why the expected pod count cannot be computed.
    struct ScaleFailure: Error {
        /// The controller's message (`Failed to calculate the number of expected pods: ...`).
        var message: String
    }

    /// `expectedPods` and `desiredHealthy`, as `getExpectedPodCount` computes them.
    static func expectedCounts(spec: JSONValue, pods: [PodFacts], ownerReplicas: [String: Int]) -> Result<(expected: Int, desired: Int), ScaleFailure>
    {
        if let maxUnavailable = spec["maxUnavailable"] {
            return expectedScale(pods: pods, ownerReplicas: ownerReplicas).map { expected in
                (expected, max(0, expected - IntOrPercent.scaled(maxUnavailable, total: expected)))
            }
        }
        guard let minAvailable = spec["minAvailable"] else { return .success((0, 0)) }
        if let number = minAvailable.intValue { return .success((pods.count, Int(number))) }
        return expectedScale(pods: pods, ownerReplicas: ownerReplicas).map { expected in
            (expected, IntOrPercent.scaled(minAvailable, total: expected))
        }
    }

    /// The summed scale of the selected pods' controllers (pods without a controller are ignored).
    static func expectedScale(pods: [PodFacts], ownerReplicas: [String: Int]) -> Result<Int, ScaleFailure> {
        var scales: [String: Int] = [:]
        for pod in pods {
            guard let controller = pod.controller else { continue }
            let group = controller.apiVersion.contains("/") ? String(controller.apiVersion.prefix { $0 != "/" }) : ""
            if let replicas = ownerReplicas[controller.uid] {
                scales[controller.uid] = replicas
            } else if scalableKinds.contains([group, controller.kind]) {
                scales[controller.uid, default: 0] += 1
            } else {
                let resource = controller.kind.lowercased() + "s" + (group.isEmpty ? "" : ".\(group)")
                return .failure(
                    ScaleFailure(message: "Failed to calculate the number of expected pods: \(resource) does not implement the scale subresource"))
            }
        }
        return .success(scales.values.reduce(0, +))
    }

    /// `conditions` with the `DisruptionAllowed` condition set as `meta.SetStatusCondition` sets it
    /// (the transition time changes only when the status does).
    static func setCondition(
        _ conditions: JSONValue?, status: Bool, reason: String, message: String, generation: Int64, now: Timestamp
    ) -> JSONValue {
        var list = conditions?.arrayValue ?? []
        let statusText = JSONValue.string(status ? "True" : "False")
        let index = list.firstIndex { $0["type"]?.stringValue == "DisruptionAllowed" }
        let previous = index.map { list[$0] }
        var condition: JSONValue = [
            "type": "DisruptionAllowed", "status": statusText, "reason": .string(reason), "message": .string(message),
            "lastTransitionTime": previous?["status"] == statusText ? previous?["lastTransitionTime"] ?? .string(now.rfc3339) : .string(now.rfc3339),
        ]
        if generation > 0 { condition["observedGeneration"] = .int(generation) }
        if let index { list[index] = condition } else { list.append(condition) }
        return .array(list)
    }
}
