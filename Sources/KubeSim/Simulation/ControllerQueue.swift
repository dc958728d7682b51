import KubeModels

/// The pending work of KubeSim's simulated controllers, accumulated from committed events and
/// drained by ``SimulatedCluster/runControllers(now:)``.
///
/// Pure bookkeeping: it decides which DaemonSets need a sync, which owners' dependents need
/// garbage collection, which deleting objects wait on a controller, and when pods become ready.
package struct ControllerQueue: Sendable {
    /// DaemonSets (namespace/name) to sync.
    package var dirtyDaemonSets: Set<ObjectKey> = []
    /// Whether every DaemonSet must be synced (a node changed).
    package var allDaemonSetsDirty = false
    /// Uids of deleted objects whose dependents must be collected.
    package var deletedOwners: [String] = []
    /// Objects being deleted that a controller must finish (namespaces, CRDs, foreground/orphan).
    package var deleting: Set<ObjectReference> = []
    /// Nodes that were removed (their pods must go).
    package var removedNodes: Set<String> = []
    /// When each pending pod (namespace/name) becomes ready.
    package var podDeadlines: [ObjectKey: ContinuousClock.Instant] = [:]
    /// Nodes whose pods are held Pending.
    package var heldNodes: Set<String> = []
    /// Deleting objects that wait for something else to be deleted first (re-checked on deletions).
    package var blockedDeletions: Set<ObjectReference> = []
    /// Owner uids named by new ownerReferences, to check that the owner exists.
    package var ownersToVerify: Set<String> = []
    /// How long a new pod stays Pending.
    package var podReadyDelay: Duration = .zero
    /// Cached node eligibility per DaemonSet (re-evaluated only for nodes that changed).
    package var eligibility: [ObjectKey: EligibilityCache] = [:]
    /// The live pods each DaemonSet (by uid) controls, grouped by node, kept up to date from pod
    /// events so a sync neither re-reads nor regroups every pod. `isAvailable` is recorded as
    /// `isReady`; syncs of DaemonSets with `minReadySeconds` recompute it from ``daemonPodReadySince``.
    package var daemonPods: [String: [String: [DaemonSetPlanner.PodInfo]]] = [:]
    /// When each daemon pod (by DaemonSet uid, then pod name) last became ready.
    package var daemonPodReadySince: [String: [String: Timestamp]] = [:]
    /// Nodes whose `node.kubernetes.io/unschedulable` taint must be checked against `spec.unschedulable`.
    package var nodesToTaint: Set<String> = []
    /// PodDisruptionBudgets (namespace/name) whose status must be recomputed.
    package var dirtyBudgets: Set<ObjectKey> = []
    /// The PodDisruptionBudget names of each namespace (a pod change there dirties them).
    package var budgetsByNamespace: [String: Set<String>] = [:]
    /// When a budget's earliest recorded eviction (`disruptedPods`) expires.
    package var budgetRechecks: [ObjectKey: ContinuousClock.Instant] = [:]
    /// When each running job-like pod (`kubesim.dev/complete-after-seconds`) succeeds.
    package var completionDeadlines: [ObjectKey: ContinuousClock.Instant] = [:]
    /// Pods that run to completion by label (the simulated workload of a pod whose containers exit 0).
    package var completionRules: [CompletionRule] = []
    /// DaemonSets whose pods on a node fail at an init container.
    package var initFailures: [CrashLoopRule: InitFailure] = [:]
    /// The DaemonSets whose pods crash-loop on a node.
    package var crashLoopRules: Set<CrashLoopRule> = []
    /// The pods crash-looping now, with their restart clocks.
    package var crashLoops: [ObjectKey: CrashLoop] = [:]
    /// Live pods without a controller ownerReference, by namespace (candidates for adoption).
    package var orphanPods: [String: Set<String>] = [:]
    /// Namespaces with a new or relabelled orphan pod or ControllerRevision since the last claim pass.
    package var orphanedNamespaces: Set<String> = []
    /// DaemonSets (namespace/name) that must look for orphans to adopt.
    package var claimScans: Set<ObjectKey> = []
    /// DaemonSet pods (namespace/name) whose labels are new or changed: their controller must check
    /// that its selector still matches them.
    package var podsToRecheck: Set<ObjectKey> = []

    /// The DaemonSet collection.
    static let daemonSets = GroupResource(group: "apps", resource: "daemonsets")
    /// The Pod collection.
    static let pods = GroupResource(group: "", resource: "pods")
    /// The Node collection.
    static let nodes = GroupResource(group: "", resource: "nodes")
    /// The PodDisruptionBudget collection.
    static let budgets = GroupResource(group: "policy", resource: "poddisruptionbudgets")
    /// The Namespace collection.
    static let namespaces = GroupResource(group: "", resource: "namespaces")
    /// The CustomResourceDefinition collection.
    static let crds = GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions")

    /// Creates an empty queue.
    package init() {}

    /// Whether nothing waits except pod deadlines in the future.
    package var hasImmediateWork: Bool {
        !dirtyDaemonSets.isEmpty || allDaemonSetsDirty || !deletedOwners.isEmpty || !deleting.isEmpty || !removedNodes.isEmpty
            || !ownersToVerify.isEmpty || !dirtyBudgets.isEmpty || !nodesToTaint.isEmpty || hasClaimWork
    }

    /// The earliest deadline: a pod becoming ready, a job-like pod completing, a crash-looping pod
    /// restarting, a budget's recorded eviction expiring.
    package var nextDeadline: ContinuousClock.Instant? {
        [podDeadlines.values.min(), completionDeadlines.values.min(), budgetRechecks.values.min(), crashLoops.values.map(\.nextRestart).min()]
            .compactMap { $0 }.min()
    }

    /// Records the controller work a committed event causes.
    /// - Parameters:
    ///   - event: the event.
    ///   - dependents: the store's owner index, to skip collection for owners without dependents.
    /// - Returns: whether new immediate work was added.
    ///   - now: the event time, for pod readiness deadlines.
    package mutating func note(_ event: StoredEvent, dependents: [String: Set<ObjectReference>], now: ContinuousClock.Instant) -> Bool {
        var added = false
        switch event.resource {
        case Self.nodes:
            allDaemonSetsDirty = true
            if event.type == .deleted { removedNodes.insert(event.object.key.name) } else { nodesToTaint.insert(event.object.key.name) }
            for key in eligibility.keys { eligibility[key]?.changedNodes.insert(event.object.key.name) }
            added = true
        case Self.daemonSets:
            dirtyDaemonSets.insert(event.object.key)
            if event.type == .deleted { eligibility[event.object.key] = nil }
            noteClaims(ofDaemonSet: event)
            added = true
        case Self.revisions:
            added = noteClaims(ofRevision: event)
        case Self.budgets:
            added = noteBudget(event)
        case Self.pods:
            if event.type == .deleted { forgetPod(event.object.key) }
            if notePodForBudgets(event) { added = true }
            if noteClaims(ofPod: event) { added = true }
            if event.type == .added, Self.isScheduledAndPending(event.object) {
                podDeadlines[event.object.key] = now.advanced(by: podReadyDelay)
                added = true
            }
            if let owner = Self.controllingDaemonSet(of: event.object) {
                recordDaemonPod(event)
                dirtyDaemonSets.insert(ObjectKey(namespace: event.object.key.namespace, name: owner))
                added = true
            }
        default:
            break
        }
        let reference = ObjectReference(resource: event.resource, key: event.object.key)
        if event.type == .added, !event.object.ownerReferences.isEmpty {
            ownersToVerify.formUnion(event.object.ownerReferences.map(\.uid))
            added = true
        }
        if event.type == .deleted {
            deleting.remove(reference)
            blockedDeletions.remove(reference)
            if !blockedDeletions.isEmpty {
                deleting.formUnion(blockedDeletions)
                blockedDeletions = []
                added = true
            }
            if dependents[event.object.uid] != nil {
                deletedOwners.append(event.object.uid)
                added = true
            }
        } else if event.object.isDeleting, needsController(event) {
            deleting.insert(reference)
            added = true
        }
        return added
    }

    private func needsController(_ event: StoredEvent) -> Bool {
        if event.resource == Self.namespaces || event.resource == Self.crds { return true }
        let finalizers = event.object.finalizers
        return finalizers.contains("foregroundDeletion") || finalizers.contains("orphan")
    }

    /// Keeps ``daemonPods`` in step with one pod event.
    private mutating func recordDaemonPod(_ event: StoredEvent) {
        let pod = event.object
        guard let owner = pod.ownerReferences.first(where: { $0.controller == true && $0.kind == "DaemonSet" }) else { return }
        let node = pod.value["spec"]?["nodeName"]?.stringValue ?? ""
        let name = pod.key.name
        removeDaemonPod(name, node: node, ownerUID: owner.uid)
        guard event.type != .deleted, !pod.isDeleting else { return }
        let status = pod.value["status"]
        let ready = PodStatusFactory.isReady(status)
        daemonPods[owner.uid, default: [:]][node, default: []].append(
            DaemonSetPlanner.PodInfo(
                name: name, nodeName: node, revisionHash: pod.labels["controller-revision-hash"] ?? "", isReady: ready, isAvailable: ready,
                created: pod.creationTimestamp ?? Timestamp(secondsSinceEpoch: 0),
                templateGeneration: pod.labels[DaemonSetPlanner.templateGenerationLabel] ?? ""))
        if ready, let since = PodStatusFactory.readySince(status) { daemonPodReadySince[owner.uid, default: [:]][name] = since }
    }

    /// Whether a pod is bound to a node and still Pending without containers (the simulated kubelet
    /// will start it).
    package static func isScheduledAndPending(_ pod: StoredObject) -> Bool {
        !(pod.value["spec"]?["nodeName"]?.stringValue ?? "").isEmpty && pod.value["status"]?["phase"]?.stringValue == "Pending"
            && pod.value["status"]?["containerStatuses"] == nil && pod.value["status"]?["initContainerStatuses"] == nil
    }

    /// The name of the DaemonSet controlling a pod, from its controller ownerReference.
    package static func controllingDaemonSet(of pod: StoredObject) -> String? {
        pod.ownerReferences.first { $0.controller == true && $0.kind == "DaemonSet" }?.name
    }
}

/// A DaemonSet's node verdicts, valid for one pod-spec scheduling fingerprint.
package struct EligibilityCache: Sendable {
    /// The serialized scheduling fields (nodeSelector, affinity, tolerations) the verdicts were made for.
    package var fingerprint: [UInt8]
    /// Verdicts by node name.
    package var decisions: [String: NodeEligibility.Decision]
    /// Nodes that changed since the verdicts were made.
    package var changedNodes: Set<String>

    /// Creates a cache.
    package init(fingerprint: [UInt8], decisions: [String: NodeEligibility.Decision], changedNodes: Set<String> = []) {
        self.fingerprint = fingerprint
        self.decisions = decisions
        self.changedNodes = changedNodes
    }

    /// The scheduling fingerprint of a pod spec.
    package static func fingerprint(of podSpec: JSONValue) -> [UInt8] {
        JSONValue.object([
            "nodeSelector": podSpec["nodeSelector"] ?? .null, "affinity": podSpec["affinity"] ?? .null,
            "tolerations": podSpec["tolerations"] ?? .null,
        ]).serialized()
    }
}
