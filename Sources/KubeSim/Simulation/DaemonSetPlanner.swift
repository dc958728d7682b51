import KubeModels

/// The DaemonSet controller's decisions for one DaemonSet, as a pure function of the DaemonSet,
/// the nodes, its pods and its ControllerRevisions.
///
/// Mirrors `pkg/controller/daemon`: one pod per eligible node; pods removed from nodes that stop
/// matching; `RollingUpdate` replaces pods of an old template while at most `maxUnavailable` desired
/// nodes lack an available pod; `OnDelete` replaces only pods that were deleted; the current template
/// is recorded in a ControllerRevision named `<ds>-<hash>`. A pod counts as updated when it carries
/// the current template hash or the DaemonSet's template generation (`util.IsPodUpdated`), so an
/// adopted pod whose `pod-template-generation` equals the new DaemonSet's is not replaced.
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
        /// `pod-template-generation` label (empty when absent).
        package var templateGeneration: String

        /// Creates pod facts.
        package init(
            name: String, nodeName: String, revisionHash: String, isReady: Bool, isAvailable: Bool, created: Timestamp,
            templateGeneration: String = ""
        ) {
            self.name = name
            self.nodeName = nodeName
            self.revisionHash = revisionHash
            self.isReady = isReady
            self.isAvailable = isAvailable
            self.created = created
            self.templateGeneration = templateGeneration
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
        let eligibility =
            nodes
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
        var podsByNode: [String: [PodInfo]] = [:]
        for pod in pods { podsByNode[pod.nodeName, default: []].append(pod) }
        return plan(daemonSet: daemonSet, eligibility: eligibility, podsByNode: podsByNode, revisions: revisions)
    }

    /// Plans one sync from precomputed node eligibility and the DaemonSet's live pods grouped by node.
    package static func plan(
        daemonSet: JSONValue, eligibility: [(name: String, decision: NodeEligibility.Decision)], podsByNode: [String: [PodInfo]],
        revisions: [RevisionInfo]
    ) -> Plan {
        let spec = daemonSet["spec"] ?? .object([:])
        let template = spec["template"] ?? .object([:])
        let hash = templateHash(template)
        let generation = templateGeneration(of: daemonSet).map(String.init)
        /// `IsPodUpdated` of `pkg/controller/daemon/util`: the pod carries the current template hash,
        /// or the DaemonSet's template generation.
        func isUpdated(_ pod: PodInfo) -> Bool { pod.revisionHash == hash || (generation != nil && pod.templateGeneration == generation) }
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

        /// One node that should run a daemon pod, with the pod kept there (if any).
        struct DesiredNode {
            var name: String
            var pod: PodInfo?
            var needsPod: Bool
        }
        var deleted: Set<String> = []
        var desiredNodes: [DesiredNode] = []
        desiredNodes.reserveCapacity(eligibility.count)
        var misscheduled = 0
        var nodesWithPods = 0
        for (name, decision) in eligibility {
            guard var nodePods = podsByNode[name], !nodePods.isEmpty else {
                if decision.shouldRun {
                    desiredNodes.append(DesiredNode(name: name, pod: nil, needsPod: true))
                    plan.nodesNeedingPods.append(name)
                }
                continue
            }
            nodesWithPods += 1
            if nodePods.count > 1 {
                nodePods.sort { lhs, rhs in
                    let lhsOld = isUpdated(lhs) ? 0 : 1
                    let rhsOld = isUpdated(rhs) ? 0 : 1
                    return (lhsOld, lhs.created.secondsSinceEpoch, lhs.name) < (rhsOld, rhs.created.secondsSinceEpoch, rhs.name)
                }
            }
            if decision.shouldRun {
                desiredNodes.append(DesiredNode(name: name, pod: nodePods[0], needsPod: false))
                deleted.formUnion(nodePods.dropFirst().map(\.name))
            } else if !decision.shouldContinueRunning {
                deleted.formUnion(nodePods.map(\.name))
            } else {
                misscheduled += 1
            }
        }
        if nodesWithPods < podsByNode.values.filter({ !$0.isEmpty }).count {
            let known = Set(eligibility.map(\.name))
            for (node, nodePods) in podsByNode where !known.contains(node) { deleted.formUnion(nodePods.map(\.name)) }
        }

        let desired = desiredNodes.count
        if spec["updateStrategy"]?["type"]?.stringValue != "OnDelete" {
            let budget = max(IntOrPercent.scaled(spec["updateStrategy"]?["rollingUpdate"]?["maxUnavailable"] ?? 1, total: desired), 1)
            var unavailable = desiredNodes.filter { $0.pod?.isAvailable != true }.count
            for index in desiredNodes.indices {
                guard let pod = desiredNodes[index].pod, !isUpdated(pod), !pod.isAvailable else { continue }
                deleted.insert(pod.name)
                desiredNodes[index].pod = nil
            }
            for index in desiredNodes.indices where unavailable < budget {
                guard let pod = desiredNodes[index].pod, !isUpdated(pod), pod.isAvailable else { continue }
                deleted.insert(pod.name)
                desiredNodes[index].pod = nil
                unavailable += 1
            }
        }
        plan.podsToDelete = deleted.sorted()

        let limit = Int(spec["revisionHistoryLimit"]?.intValue ?? 10)
        if revisions.filter({ $0.hash != hash }).count > limit {
            var usedHashes: Set<String> = []
            for nodePods in podsByNode.values {
                for pod in nodePods where !deleted.contains(pod.name) { usedHashes.insert(pod.revisionHash) }
            }
            let history = revisions.filter { $0.hash != hash && !usedHashes.contains($0.hash) }.sorted { $0.revision < $1.revision }
            if history.count > limit { plan.revisionsToDelete = history.prefix(history.count - limit).map(\.name) }
        }

        var (current, ready, available, updated) = (0, 0, 0, 0)
        for node in desiredNodes {
            if let pod = node.pod {
                current += 1
                if pod.isReady { ready += 1 }
                if pod.isAvailable { available += 1 }
                if isUpdated(pod) { updated += 1 }
            } else if node.needsPod {
                current += 1
                updated += 1
            }
        }
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

    /// The pod label carrying the template generation a daemon pod was created from.
    package static let templateGenerationLabel = "pod-template-generation"

    /// A DaemonSet's template generation (its `deprecated.daemonset.template.generation`
    /// annotation), `nil` when absent or malformed.
    package static func templateGeneration(of daemonSet: JSONValue) -> Int64? {
        daemonSet["metadata"]?["annotations"]?[BuiltinLifecycle.templateGenerationAnnotation]?.stringValue.flatMap { Int64($0) }
    }

    /// The `controller-revision-hash` of a pod template: FNV-1a of its canonical JSON, encoded as
    /// Kubernetes encodes revision hashes.
    package static func templateHash(_ template: JSONValue) -> String {
        RandomNames.safeEncode(RandomNames.fnv1a32(template.serialized()))
    }
}
