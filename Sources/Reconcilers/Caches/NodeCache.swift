import KubeClient
import KubeModels
import Manifests
import Synchronization

/// The operator's view of the cluster's nodes: one ``NodeSnapshot`` per node, fed only by the node
/// watch (our own label patches are overlaid through ``ControllerContext/node(_:)``). Thread-safe;
/// one `Mutex` owns the state.
package final class NodeCache: Sendable {
    /// What changed for a node, so the controller enqueues only the work that change needs.
    package struct Change: Sendable, Hashable {
        /// The node's labels may need a patch.
        package var needsLabelReconcile: Bool
        /// Cluster facts (GPU nodes, OS, kernels, runtime) may have changed.
        package var affectsFacts: Bool
        /// What the driver-upgrade controller reads changed: the upgrade state or skip label, an
        /// upgrade annotation, the cordon or readiness.
        package var affectsUpgrade = false
    }

    private struct State {
        var nodes: [String: NodeSnapshot] = [:]
        var resync: [String: NodeSnapshot]?
        var isSynced = false
    }

    private let state = Mutex(State())
    /// Shares label keys and values across the snapshots.
    private let interner = StringInterner()
    /// Shares whole projected label sets: converged nodes of one GPU model carry identical ones.
    private let labelSets = Interner<[String: String]>(capacity: 4_096) { !$0.isEmpty }

    /// Creates an empty cache.
    package init() {}

    /// Projects a Node to what the operator keeps.
    /// - Parameter interner: shares repeated strings with other snapshots (the cache's own does).
    package static func snapshot(of node: Node, interner: StringInterner? = nil) -> NodeSnapshot {
        var snapshot = NodeSnapshot.projecting(
            name: node.metadata.name ?? "", labels: node.metadata.labels ?? [:],
            containerRuntimeVersion: node.status?.nodeInfo?.containerRuntimeVersion,
            resourceVersion: node.metadata.resourceVersion, interner: interner)
        if let annotations = node.metadata.annotations {
            for key in UpgradeKeys.annotations { if let value = annotations[key] { snapshot.upgradeAnnotations[key] = value } }
        }
        snapshot.runtimeFlavor = RuntimeFlavor.detect(
            kubeletVersion: node.status?.nodeInfo?.kubeletVersion, containerRuntimeVersion: node.status?.nodeInfo?.containerRuntimeVersion,
            labels: node.metadata.labels ?? [:], annotations: node.metadata.annotations ?? [:])
        snapshot.unschedulable = node.spec?.unschedulable ?? false
        snapshot.isReady = node.status?.conditions?.first { $0.type == "Ready" }.map { $0.status == "True" } ?? true
        return snapshot
    }

    /// Projects a Node with this cache's shared strings and label sets, for snapshots kept outside the
    /// cache (the write expectations of our own label patches: thousands at once while converging).
    package func project(_ node: Node) -> NodeSnapshot {
        var snapshot = Self.snapshot(of: node, interner: interner)
        snapshot.labels = labelSets.intern(snapshot.labels)
        return snapshot
    }

    /// Whether the initial list has been loaded.
    package var isSynced: Bool { state.withLock { $0.isSynced } }

    /// The snapshot of one node.
    package func get(_ name: String) -> NodeSnapshot? { state.withLock { $0.nodes[name] } }

    /// Every node's snapshot, sorted by name.
    package func all() -> [NodeSnapshot] {
        state.withLock { Array($0.nodes.values) }.sorted { $0.name < $1.name }
    }

    /// Every node name.
    package func names() -> [String] { state.withLock { Array($0.nodes.keys) }.sorted() }

    /// Starts a full re-list; objects not seen before ``finishResync()`` are dropped.
    package func beginResync() { state.withLock { $0.resync = [:] } }

    /// Records a node from the initial list or a watch event and says what changed.
    package func upsert(_ node: Node) -> Change {
        let snapshot = project(node)
        return state.withLock { state in
            if state.resync != nil { state.resync?[snapshot.name] = snapshot }
            let old = state.nodes[snapshot.name]
            state.nodes[snapshot.name] = snapshot
            return Self.classify(old: old, new: snapshot)
        }
    }

    /// Removes a node.
    package func remove(_ name: String) -> Change {
        state.withLock { state in
            let old = state.nodes.removeValue(forKey: name)
            let wasGPU = old.map { Self.isGPUMember($0.labels) } ?? false
            return Change(needsLabelReconcile: false, affectsFacts: wasGPU)
        }
    }

    /// Ends a re-list: drops nodes that were not listed and returns their names.
    package func finishResync() -> [String] {
        state.withLock { state in
            guard let listed = state.resync else { return [] }
            let gone = state.nodes.keys.filter { listed[$0] == nil }
            for name in gone {
                state.nodes[name] = nil
            }
            state.resync = nil
            state.isSynced = true
            return gone.sorted()
        }
    }

    private static let factsLabels = [NodeLabelKeys.osID, NodeLabelKeys.osVersionID, NodeLabelKeys.kernelVersion]

    /// Whether the facts count the node as a GPU node (ClusterFactsBuilder's rule).
    private static func isGPUMember(_ labels: [String: String]) -> Bool {
        NodeLabelKeys.hasGPUPCILabel(labels) || NodeLabelKeys.isGPUNode(labels)
    }

    private static func classify(old: NodeSnapshot?, new: NodeSnapshot) -> Change {
        guard let old else {
            return Change(
                needsLabelReconcile: true,
                affectsFacts: isGPUMember(new.labels) || new.hasNFDLabels)
        }
        let labelsChanged = old.labels != new.labels || old.runtimeFlavor != new.runtimeFlavor
        let factsChanged =
            old.containerRuntimeVersion != new.containerRuntimeVersion || old.runtimeFlavor != new.runtimeFlavor
            || isGPUMember(old.labels) != isGPUMember(new.labels)
            || factsLabels.contains { old.labels[$0] != new.labels[$0] }
            || old.hasNFDLabels != new.hasNFDLabels
            // The MIG manager's progress is part of the policy status (MIGManagerReady).
            || old.labels[NodeLabelKeys.migConfigState] != new.labels[NodeLabelKeys.migConfigState]
        let upgradeChanged =
            old.labels[UpgradeKeys.state] != new.labels[UpgradeKeys.state] || old.labels[UpgradeKeys.skip] != new.labels[UpgradeKeys.skip]
            || old.upgradeAnnotations != new.upgradeAnnotations || old.unschedulable != new.unschedulable || old.isReady != new.isReady
        return Change(needsLabelReconcile: labelsChanged, affectsFacts: factsChanged, affectsUpgrade: upgradeChanged)
    }
}
