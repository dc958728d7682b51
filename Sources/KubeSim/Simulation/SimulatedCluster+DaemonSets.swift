import KubeModels

extension SimulatedCluster {
    /// Syncs every dirty DaemonSet: plans with ``DaemonSetPlanner`` and carries the plan out
    /// (revisions, pod deletions and creations, status).
    /// - Parameter now: the current instant (timers of pods that start at once).
    func syncDaemonSets(now: ContinuousClock.Instant) {
        var keys = controllers.dirtyDaemonSets
        if controllers.allDaemonSetsDirty { keys.formUnion(store.objects(ControllerQueue.daemonSets).map(\.key)) }
        controllers.dirtyDaemonSets = []
        controllers.allDaemonSetsDirty = false
        if controllers.hasClaimWork {
            claimDaemonSetObjects()
            keys.formUnion(controllers.dirtyDaemonSets)
            controllers.dirtyDaemonSets = []
        }
        guard !keys.isEmpty else { return }
        let nodeNames = Array(store.sortedKeys(ControllerQueue.nodes, namespace: nil).map(\.name))
        for key in keys.sorted() {
            guard let daemonSet = store.object(ControllerQueue.daemonSets, key), !daemonSet.isDeleting else { continue }
            sync(daemonSet, nodeNames: nodeNames, now: now)
        }
    }

    /// Every node's verdict for a DaemonSet, from the cache where the scheduling fields and the
    /// node are unchanged.
    private func eligibility(of daemonSet: StoredObject, nodeNames: [String]) -> [(name: String, decision: NodeEligibility.Decision)] {
        let podSpec = daemonSet.value["spec"]?["template"]?["spec"] ?? .object([:])
        let fingerprint = EligibilityCache.fingerprint(of: podSpec)
        var cache = controllers.eligibility[daemonSet.key]
        if cache?.fingerprint != fingerprint { cache = EligibilityCache(fingerprint: fingerprint, decisions: [:]) }
        var current = cache ?? EligibilityCache(fingerprint: fingerprint, decisions: [:])
        let stale = current.decisions.isEmpty ? Set(nodeNames) : current.changedNodes
        for name in stale {
            if let node = store.object(ControllerQueue.nodes, ObjectKey(namespace: "", name: name)) {
                current.decisions[name] = NodeEligibility.evaluate(podSpec: podSpec, node: node.value)
            } else {
                current.decisions[name] = nil
            }
        }
        current.changedNodes = []
        controllers.eligibility[daemonSet.key] = current
        return nodeNames.compactMap { name in current.decisions[name].map { (name, $0) } }
    }

    private func sync(_ daemonSet: StoredObject, nodeNames: [String], now instant: ContinuousClock.Instant) {
        let now = wallClock()
        let minReady = daemonSet.value["spec"]?["minReadySeconds"]?.intValue ?? 0
        var podsByNode = controllers.daemonPods[daemonSet.uid] ?? [:]
        if minReady > 0 {
            let readySince = controllers.daemonPodReadySince[daemonSet.uid] ?? [:]
            for (node, nodePods) in podsByNode {
                podsByNode[node] = nodePods.map { pod in
                    var pod = pod
                    pod.isAvailable = pod.isReady && (readySince[pod.name] ?? now).adding(seconds: minReady) <= now
                    return pod
                }
            }
        }
        var revisions: [DaemonSetPlanner.RevisionInfo] = []
        let prefix = daemonSet.key.name + "-"
        for reference in store.dependents[daemonSet.uid] ?? [] where reference.resource == Self.controllerRevisions {
            guard let object = store.object(reference.resource, reference.key),
                object.ownerReferences.contains(where: { $0.uid == daemonSet.uid && $0.controller == true })
            else { continue }
            let name = object.key.name
            revisions.append(
                DaemonSetPlanner.RevisionInfo(
                    name: name, revision: object.value["revision"]?.intValue ?? 0,
                    hash: name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name))
        }
        let plan = DaemonSetPlanner.plan(
            daemonSet: daemonSet.value, eligibility: eligibility(of: daemonSet, nodeNames: nodeNames),
            podsByNode: podsByNode, revisions: revisions)
        let namespace = daemonSet.key.namespace
        if let revision = plan.revisionToCreate {
            commit(
                Self.controllerRevisions,
                makeNew(
                    revisionObject(daemonSet, hash: plan.currentHash, revision: revision),
                    resource: Self.resource(.controllerRevisions)))
        }
        for (name, revision) in plan.revisionsToRenumber {
            if let existing = store.object(Self.controllerRevisions, ObjectKey(namespace: namespace, name: name)) {
                commit(Self.controllerRevisions, existing.value.setting(["revision"], to: .int(revision)))
            }
        }
        for name in plan.revisionsToDelete {
            commitRemoval(Self.controllerRevisions, ObjectKey(namespace: namespace, name: name))
        }
        for name in plan.podsToDelete {
            commitRemoval(ControllerQueue.pods, ObjectKey(namespace: namespace, name: name))
        }
        if !plan.nodesNeedingPods.isEmpty {
            let skeleton = podSkeleton(daemonSet, hash: plan.currentHash)
            let stage: PodStatusFactory.Stage = configuration.podReadyDelay == .zero ? .ready : .scheduled
            for nodeName in plan.nodesNeedingPods {
                let node = store.object(ControllerQueue.nodes, ObjectKey(namespace: "", name: nodeName))?.value
                let held = controllers.heldNodes.contains(nodeName)
                let crashing = controllers.crashLoopRules.contains(CrashLoopRule(node: nodeName, namespace: namespace, daemonSet: daemonSet.key.name))
                let first: PodStatusFactory.Stage = held ? .held : crashing && stage == .ready ? .scheduled : stage
                let pod = commit(ControllerQueue.pods, daemonPod(skeleton, daemonSet, node: node, nodeName: nodeName, stage: first)).object
                if stage == .ready, !held {
                    controllers.podDeadlines[pod.key] = nil
                    if crashing { start(pod, now: instant) } else { scheduleCompletion(of: pod, now: instant) }
                }
            }
        }
        if let current = store.object(ControllerQueue.daemonSets, daemonSet.key), current.value["status"] != plan.status {
            commit(ControllerQueue.daemonSets, current.value.setting(["status"], to: plan.status))
        }
    }

    private func revisionObject(_ daemonSet: StoredObject, hash: String, revision: Int64) -> JSONValue {
        var template = daemonSet.value["spec"]?["template"] ?? .object([:])
        template["$patch"] = "replace"
        var labels = daemonSet.value["spec"]?["template"]?["metadata"]?["labels"]?.stringMap ?? [:]
        labels["controller-revision-hash"] = hash
        return [
            "apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": [
                "name": .string("\(daemonSet.key.name)-\(hash)"), "namespace": .string(daemonSet.key.namespace),
                "labels": JSONValue(stringMap: labels), "annotations": .object(daemonSet.value["metadata"]?["annotations"]?.members ?? [:]),
                "ownerReferences": [controllerReference(daemonSet)],
            ],
            "data": ["spec": ["template": template]],
            "revision": .int(revision),
        ]
    }

    /// The controller ownerReference a DaemonSet puts on its pods and revisions.
    func controllerReference(_ daemonSet: StoredObject) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "DaemonSet", "name": .string(daemonSet.key.name), "uid": .string(daemonSet.uid),
            "controller": true, "blockOwnerDeletion": true,
        ]
    }

    /// The parts of a DaemonSet's pods that do not depend on the node, built once per sync: the
    /// template with the revision labels, the controller reference, the automatic tolerations and the
    /// pod-spec defaults.
    private func podSkeleton(_ daemonSet: StoredObject, hash: String) -> JSONValue {
        let template = daemonSet.value["spec"]?["template"] ?? .object([:])
        var labels = template["metadata"]?["labels"]?.stringMap ?? [:]
        labels["controller-revision-hash"] = hash
        if let generation = DaemonSetPlanner.templateGeneration(of: daemonSet.value) {
            labels[DaemonSetPlanner.templateGenerationLabel] = String(generation)
        }
        var spec = template["spec"] ?? .object([:])
        var tolerations = spec["tolerations"]?.arrayValue ?? []
        for toleration in NodeEligibility.daemonSetTolerations where !tolerations.contains(toleration) { tolerations.append(toleration) }
        spec["tolerations"] = .array(tolerations)
        BuiltinDefaults.defaultPodSpec(&spec)
        var metadata: [String: JSONValue] = [
            "generateName": .string(daemonSet.key.name + "-"), "namespace": .string(daemonSet.key.namespace),
            "labels": JSONValue(stringMap: labels), "ownerReferences": [controllerReference(daemonSet)],
        ]
        if let annotations = template["metadata"]?["annotations"] { metadata["annotations"] = annotations }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata), "spec": spec]
    }

    /// A daemon pod for one node: the skeleton with a generated name, node affinity pinned to the
    /// node and `nodeName` bound, in its first lifecycle stage (already Ready when pods become ready
    /// without delay).
    private func daemonPod(
        _ skeleton: JSONValue, _ daemonSet: StoredObject, node: JSONValue?, nodeName: String, stage: PodStatusFactory.Stage
    ) -> JSONValue {
        var name: String
        repeat {
            name = "\(daemonSet.key.name)-\(RandomNames.suffix(using: &generator))"
        } while store.object(ControllerQueue.pods, ObjectKey(namespace: daemonSet.key.namespace, name: name)) != nil
        var pod = skeleton
        pod.set(["metadata", "name"], to: .string(name))
        var spec = pod["spec"] ?? .object([:])
        spec.set(
            ["affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution"],
            to: [
                "nodeSelectorTerms": [["matchFields": [["key": "metadata.name", "operator": "In", "values": [.string(nodeName)]]]]]
            ])
        spec["nodeName"] = .string(nodeName)
        pod["spec"] = spec
        var stamped = makeNew(pod, resource: Self.resource(.pods))
        let uid = stamped["metadata"]?["uid"]?.stringValue ?? ""
        stamped["status"] = PodStatusFactory.status(
            spec: spec, stage: stage, hostIP: Self.hostIP(of: node), podIP: stage == .scheduled ? "" : Self.podIP(uid: uid),
            since: wallClock(), podUID: uid)
        return stamped
    }

    /// A stable pod address derived from the pod uid.
    static func podIP(uid: String) -> String {
        let hash = RandomNames.fnv1a32(uid.utf8)
        return "10.244.\(hash >> 8 & 0xFF).\(hash & 0xFF | 1)"
    }

    /// The node's InternalIP.
    static func hostIP(of node: JSONValue?) -> String {
        node?["status"]?["addresses"]?.arrayValue?.first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue ?? "10.0.0.1"
    }
}
