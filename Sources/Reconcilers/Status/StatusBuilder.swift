import Manifests

/// Computes a ClusterPolicy's status from a reconcile's outcome, purely, keeping each condition's
/// `lastTransitionTime` when its status did not change so an unchanged cluster yields an identical
/// status (and therefore no write).
package enum StatusBuilder {
    /// What the reconcile found, beyond per-component results.
    package enum Outcome: Sendable, Hashable {
        /// Components were reconciled; see the component statuses.
        case reconciled
        /// No node has an NVIDIA GPU.
        case noGPUNodes
        /// No node carries NFD labels, so GPUs cannot be found.
        case nfdLabelsMissing
        /// The reconcile failed (render error, API error); the message says why.
        case failed(String)
        /// NVIDIA's own operator still runs against this cluster; nothing was written. The message
        /// names what shows it running and how to stop it.
        case upstreamOperatorRunning(String)
        /// Components were reconciled, but some GPU nodes do not carry their labels yet (so their
        /// operands are not scheduled yet): not ready, whatever the DaemonSets say.
        case labellingNodes(pending: [String])
    }

    /// A condition whose status changed, for Events.
    package struct Transition: Sendable, Hashable {
        /// The condition type.
        package var type: String
        /// Its new status.
        package var status: ConditionStatus
        /// Its new reason.
        package var reason: String
        /// Its new message.
        package var message: String
    }

    /// Builds the status.
    /// - Parameters:
    ///   - outcome: the overall outcome.
    ///   - components: per-component statuses, in apply order (all components, disabled ones included).
    ///   - namespace: the operand namespace.
    ///   - generation: the policy generation reconciled.
    ///   - previous: the status currently stored, for transition times.
    ///   - now: RFC 3339 timestamp used for conditions that change.
    ///   - foreign: objects labelled as ours that this operator did not create and keeps (descriptions);
    ///     a non-empty list adds a `ForeignObjects` condition naming them.
    ///   - flavors: the GPU nodes of each runtime flavour; a non-empty list adds a `RuntimeFlavors`
    ///     condition naming what was detected (and, when mixed, which nodes run which).
    /// - Returns: the new status and the conditions that changed status.
    package static func build(
        outcome: Outcome, components: [ComponentStatus], namespace: String, generation: Int64?,
        previous: ClusterPolicyStatus?, now: String, foreign: [String] = [], flavors: [ClusterFactsBuilder.FlavorNodes] = []
    ) -> (status: ClusterPolicyStatus, transitions: [Transition]) {
        var conditions: [Condition] = []
        let notReady = components.filter { $0.state == .notReady || $0.state == .failed }
        let ready: Bool
        switch outcome {
        case .failed(let message):
            ready = false
            conditions.append(condition(PolicyConditionType.ready, .false, .error, message))
            conditions.append(condition(PolicyConditionType.error, .true, .reconcileFailed, message))
        case .upstreamOperatorRunning(let message):
            ready = false
            conditions.append(condition(PolicyConditionType.ready, .false, .upstreamOperatorRunning, message))
            conditions.append(condition(PolicyConditionType.error, .true, .upstreamOperatorRunning, message))
        case .labellingNodes(let pending):
            ready = false
            conditions.append(
                condition(
                    PolicyConditionType.ready, .false, .nodesNotLabelled,
                    "\(pending.count) GPU node(s) not labelled yet, so their operands are not scheduled: \(NameList.abbreviated(pending, limit: 5))"))
            conditions.append(condition(PolicyConditionType.error, .false, .ready, ""))
        case .noGPUNodes:
            ready = true
            conditions.append(
                condition(
                    PolicyConditionType.ready, .true, .noGPUNodes,
                    "No node has an NVIDIA GPU (none carries feature.node.kubernetes.io/pci-10de.present, pci-0300_10de.present or "
                        + "pci-0302_10de.present=true); nothing to deploy"))
            conditions.append(condition(PolicyConditionType.error, .false, .ready, ""))
        case .nfdLabelsMissing:
            ready = true
            conditions.append(
                condition(
                    PolicyConditionType.ready, .true, .nfdLabelsMissing,
                    "No node carries Node Feature Discovery labels (feature.node.kubernetes.io/*), so GPU nodes cannot be found: "
                        + "a GPU node needs feature.node.kubernetes.io/pci-10de.present=true (or pci-0300_10de / pci-0302_10de); "
                        + "install NFD (kubectl apply -k config/nfd, see docs/NFD.md)"))
            conditions.append(condition(PolicyConditionType.error, .false, .ready, ""))
        case .reconciled where notReady.isEmpty:
            ready = true
            conditions.append(condition(PolicyConditionType.ready, .true, .reconciled, "All components are ready"))
            conditions.append(condition(PolicyConditionType.error, .false, .ready, ""))
        case .reconciled:
            ready = false
            let names = notReady.map(\.component.rawValue).joined(separator: ", ")
            let message = "ClusterPolicy is not ready; components not ready: \(names)"
            conditions.append(condition(PolicyConditionType.ready, .false, .error, message))
            conditions.append(condition(PolicyConditionType.error, .true, .operandNotReady, message))
        }
        for status in components {
            let (value, reason): (ConditionStatus, ConditionReason) =
                switch status.state {
                case .ready: (.true, .ready)
                case .disabled: (.true, .disabled)
                case .notReady: (.false, .notReady)
                case .failed: (.false, .failed)
                }
            conditions.append(condition(status.component.conditionType, value, reason, status.message))
        }
        if !foreign.isEmpty {
            let message =
                "\(foreign.count) object(s) labelled \(OwnershipLabels.managedByKey)=\(OwnershipLabels.managedByValue) were not created "
                + "by this operator and are not rendered from this policy, so they are kept, not deleted: \(NameList.abbreviated(foreign, limit: 5)). "
                + "Delete them if nothing uses them (see docs/MIGRATING.md)"
            conditions.append(condition(PolicyConditionType.foreignObjects, .true, .foreignObjectsKept, message))
        }
        if let flavorCondition = runtimeFlavorsCondition(flavors) { conditions.append(flavorCondition) }
        var transitions: [Transition] = []
        let old = Dictionary((previous?.conditions ?? []).map { ($0.type, $0) }, uniquingKeysWith: { first, _ in first })
        for index in conditions.indices {
            conditions[index].observedGeneration = generation
            if let before = old[conditions[index].type], before.status == conditions[index].status {
                conditions[index].lastTransitionTime = before.lastTransitionTime
            } else {
                conditions[index].lastTransitionTime = now
                let changed = conditions[index]
                transitions.append(Transition(type: changed.type, status: changed.status, reason: changed.reason, message: changed.message))
            }
        }
        let status = ClusterPolicyStatus(
            state: ready ? .ready : .notReady, namespace: namespace,
            observedGeneration: generation, conditions: conditions)
        return (status, transitions)
    }

    /// The status of a policy that is not the active one.
    package static func ignored(
        activePolicy: String, namespace: String, generation: Int64?, previous: ClusterPolicyStatus?, now: String
    ) -> ClusterPolicyStatus {
        let message = "Ignored: ClusterPolicy \(activePolicy) is older and is the one in effect; delete this one"
        var ready = condition(PolicyConditionType.ready, .false, .ignored, message)
        var error = condition(PolicyConditionType.error, .true, .ignored, message)
        for index in [0, 1] {
            var item = index == 0 ? ready : error
            item.observedGeneration = generation
            item.lastTransitionTime = previous?.conditions?.first { $0.type == item.type && $0.status == item.status }?.lastTransitionTime ?? now
            if index == 0 { ready = item } else { error = item }
        }
        return ClusterPolicyStatus(state: .ignored, namespace: namespace, observedGeneration: generation, conditions: [ready, error])
    }

    /// `RuntimeFlavors`: what the GPU nodes run; with several flavours, which nodes run which and
    /// that each gets its own container-toolkit DaemonSet.
    static func runtimeFlavorsCondition(_ flavors: [ClusterFactsBuilder.FlavorNodes]) -> Condition? {
        guard let first = flavors.first else { return nil }
        guard flavors.count > 1 else {
            return condition(
                PolicyConditionType.runtimeFlavors, .true, .runtimeDetected,
                "GPU nodes run \(first.flavor) (\(first.nodes.count) node(s)); the container toolkit is configured for it")
        }
        let parts = flavors.map { "\($0.flavor) on \(NameList.abbreviated($0.nodes, limit: 5))" }
        return condition(
            PolicyConditionType.runtimeFlavors, .true, .mixedRuntimeFlavors,
            "GPU nodes run \(flavors.count) runtime flavours, each configured by its own container-toolkit DaemonSet "
                + "(nodes labelled \(RuntimeFlavor.nodeLabel)): \(parts.joined(separator: "; "))")
    }

    private static func condition(_ type: String, _ status: ConditionStatus, _ reason: ConditionReason, _ message: String) -> Condition {
        Condition(type: type, status: status, lastTransitionTime: "", reason: reason.rawValue, message: message)
    }
}
