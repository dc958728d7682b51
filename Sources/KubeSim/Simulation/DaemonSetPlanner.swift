import KubeModels

/// The DaemonSet controller's decisions for one DaemonSet, as a pure function of the DaemonSet,
/// the nodes, its pods and its ControllerRevisions.
///
/// Mirrors `pkg/controller/daemon`: one pod per eligible node; pods removed from nodes that stop
/// matching; `RollingUpdate` replaces pods of an old template while at most `maxUnavailable` desired
/// nodes lack an available pod; `OnDelete` replaces only pods that were deleted; the current template
/// is recorded in a ControllerRevision named `<ds>-<hash>`.
package enum DaemonSetPlanner {
    /// What the planner needs to know about one pod of the DaemonSet.
    package struct PodInfo: Sendable, Hashable {
        /// Pod name.
        package var name: String
        /// `spec.nodeName`.
        package var nodeName: String
        /// `controller-revision-hash` label.
        package var revisionHash: String
        /// Ready condition is True.
        package var isReady: Bool
        /// Ready for at least `minReadySeconds`.
        package var isAvailable: Bool
        /// Creation time (older pods are kept when a node has duplicates).
        package var created: Timestamp

        /// Creates pod facts.
        package init(name: String, nodeName: String, revisionHash: String, isReady: Bool, isAvailable: Bool, created: Timestamp) {
            self.name = name
            self.nodeName = nodeName
            self.revisionHash = revisionHash
            self.isReady = isReady
            self.isAvailable = isAvailable
            self.created = created
        }
    }

    /// What the planner needs to know about one ControllerRevision of the DaemonSet.
    package struct RevisionInfo: Sendable, Hashable {
        /// Revision object name (`<ds>-<hash>`).
        package var name: String
        /// `.revision`.
        package var revision: Int64
        /// The template hash (name without the `<ds>-` prefix).
        package var hash: String

        /// Creates revision facts.
        package init(name: String, revision: Int64, hash: String) {
            self.name = name
            self.revision = revision
            self.hash = hash
        }
    }

    /// The actions to take and the resulting status.
    package struct Plan: Sendable {
        /// Hash of the current template.
        package var currentHash: String
        /// The revision number of the current template.
        package var currentRevision: Int64
        /// A ControllerRevision to create for the current template.
        package var revisionToCreate: Int64?
        /// Existing revisions to renumber (a template came back): name → new revision.
        package var revisionsToRenumber: [String: Int64] = [:]
        /// Old revisions to delete (beyond `revisionHistoryLimit`, unused by any pod).
        package var revisionsToDelete: [String] = []
        /// Nodes that get a new pod of the current template.
        package var nodesNeedingPods: [String] = []
        /// Pods to delete.
        package var podsToDelete: [String] = []
        /// The DaemonSet status after these actions.
        package var status: JSONValue = .object([:])
    }

    /// Plans one sync.
    /// - Parameters:
    ///   - daemonSet: the DaemonSet object.
    ///   - nodes: every Node object.
    ///   - pods: the DaemonSet's live (not deleting) pods.
    ///   - revisions: the DaemonSet's ControllerRevisions.
    package static func plan(daemonSet: JSONValue, nodes: [JSONValue], pods: [PodInfo], revisions: [RevisionInfo]) -> Plan {
        let podSpec = daemonSet["spec"]?["template"]?["spec"] ?? .object([:])
        let eligibility = nodes
            .map { (name: $0["metadata"]?["name"]?.stringValue ?? "", decision: NodeEligibility.evaluate(podSpec: podSpec, node: $0)) }
            .sorted { $0.name < $1.name }
        return plan(daemonSet: daemonSet, eligibility: eligibility, pods: pods, revisions: revisions)
    }

    /// Plans one sync from precomputed node eligibility (the controller caches it per DaemonSet and
    /// re-evaluates only nodes that changed).
    /// - Parameters:
    ///   - daemonSet: the DaemonSet object.
    ///   - eligibility: every node's name and verdict, sorted by name.
    ///   - pods: the DaemonSet's live (not deleting) pods.
    ///   - revisions: the DaemonSet's ControllerRevisions.
    package static func plan(
        daemonSet: JSONValue, eligibility: [(name: String, decision: NodeEligibility.Decision)], pods: [PodInfo], revisions: [RevisionInfo]
    ) -> Plan {
        let spec = daemonSet["spec"] ?? .object([:])
        let template = spec["template"] ?? .object([:])
        let hash = templateHash(template)
        let maxRevision = revisions.map(\.revision).max() ?? 0
        var plan = Plan(currentHash: hash, currentRevision: maxRevision)
        if let existing = revisions.first(where: { $0.hash == hash }) {
            if existing.revision < maxRevision {
                plan.revisionsToRenumber[existing.name] = maxRevision + 1
                plan.currentRevision = maxRevision + 1
            } else {
                plan.currentRevision = existing.revision
            }
        } else {
            plan.revisionToCreate = maxRevision + 1
            plan.currentRevision = maxRevision + 1
        }

        var podsByNode: [String: [PodInfo]] = [:]
        for pod in pods { podsByNode[pod.nodeName, default: []].append(pod) }
        var deleted: Set<String> = []
        var desiredNodes: [String] = []
        var misscheduled = 0
        let nodeNames = Set(eligibility.map(\.name))
        for (nodeName, nodePods) in podsByNode where !nodeNames.contains(nodeName) {
            deleted.formUnion(nodePods.map(\.name))
        }
        for (name, decision) in eligibility {
            let nodePods = (podsByNode[name] ?? []).sorted { lhs, rhs in
                let lhsOld = lhs.revisionHash != hash ? 1 : 0
                let rhsOld = rhs.revisionHash != hash ? 1 : 0
                return (lhsOld, lhs.created.secondsSinceEpoch, lhs.name) < (rhsOld, rhs.created.secondsSinceEpoch, rhs.name)
            }
            if decision.shouldRun {
                desiredNodes.append(name)
                if nodePods.isEmpty {
                    plan.nodesNeedingPods.append(name)
                } else {
                    deleted.formUnion(nodePods.dropFirst().map(\.name))
                }
            } else if !decision.shouldContinueRunning {
                deleted.formUnion(nodePods.map(\.name))
            } else if !nodePods.isEmpty {
                misscheduled += 1
            }
        }

        let desired = desiredNodes.count
        var podOnNode: [String: PodInfo] = [:]
        for name in desiredNodes { podOnNode[name] = podsByNode[name]?.first { !deleted.contains($0.name) } }
        if spec["updateStrategy"]?["type"]?.stringValue != "OnDelete" {
            let maxUnavailable = scaled(spec["updateStrategy"]?["rollingUpdate"]?["maxUnavailable"] ?? 1, total: desired)
            var unavailable = desiredNodes.filter { podOnNode[$0]?.isAvailable != true }.count
            let oldPods = desiredNodes.compactMap { podOnNode[$0] }.filter { $0.revisionHash != hash }
            for pod in oldPods where !pod.isAvailable {
                deleted.insert(pod.name)
                podOnNode[pod.nodeName] = nil
            }
            for pod in oldPods where pod.isAvailable && unavailable < max(maxUnavailable, 1) {
                deleted.insert(pod.name)
                podOnNode[pod.nodeName] = nil
                unavailable += 1
            }
        }
        plan.podsToDelete = pods.map(\.name).filter(deleted.contains).sorted()

        let usedHashes = Set(pods.filter { !deleted.contains($0.name) }.map(\.revisionHash))
        let limit = Int(spec["revisionHistoryLimit"]?.intValue ?? 10)
        let history = revisions.filter { $0.hash != hash && !usedHashes.contains($0.hash) }.sorted { $0.revision < $1.revision }
        if history.count > limit { plan.revisionsToDelete = history.prefix(history.count - limit).map(\.name) }

        let current = desiredNodes.filter { podOnNode[$0] != nil || plan.nodesNeedingPods.contains($0) }.count
        let ready = desiredNodes.filter { podOnNode[$0]?.isReady == true }.count
        let available = desiredNodes.filter { podOnNode[$0]?.isAvailable == true }.count
        let updated = desiredNodes.filter { node in
            podOnNode[node].map { $0.revisionHash == hash } ?? plan.nodesNeedingPods.contains(node)
        }.count
        var status: [String: JSONValue] = [
            "currentNumberScheduled": .int(Int64(current)), "desiredNumberScheduled": .int(Int64(desired)),
            "numberMisscheduled": .int(Int64(misscheduled)), "numberReady": .int(Int64(ready)),
        ]
        if let generation = daemonSet["metadata"]?["generation"]?.intValue { status["observedGeneration"] = .int(generation) }
        if updated > 0 { status["updatedNumberScheduled"] = .int(Int64(updated)) }
        if available > 0 { status["numberAvailable"] = .int(Int64(available)) }
        if desired - available > 0 { status["numberUnavailable"] = .int(Int64(desired - available)) }
        if let collisions = daemonSet["status"]?["collisionCount"] { status["collisionCount"] = collisions }
        plan.status = .object(status)
        return plan
    }

    /// The `controller-revision-hash` of a pod template: FNV-1a of its canonical JSON, encoded as
    /// Kubernetes encodes revision hashes.
    package static func templateHash(_ template: JSONValue) -> String {
        RandomNames.safeEncode(RandomNames.fnv1a32(template.serialized()))
    }

    /// An int-or-percent value scaled against `total` (percentages round up), e.g. `25%` of 10 → 3.
    package static func scaled(_ value: JSONValue, total: Int) -> Int {
        if let number = value.intValue { return Int(number) }
        if let text = value.stringValue {
            if text.hasSuffix("%"), let percent = Int(text.dropLast()) {
                return (percent * total + 99) / 100
            }
            if let number = Int(text) { return number }
        }
        return 1
    }
}
