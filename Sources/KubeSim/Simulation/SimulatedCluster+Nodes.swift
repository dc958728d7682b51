import KubeModels

extension SimulatedCluster {
    /// The node facts of this simulation.
    var nodeProfile: NodeFactory.Profile {
        NodeFactory.Profile(
            runtime: configuration.runtime, os: configuration.os, kernel: configuration.kernel, distribution: configuration.distribution,
            containerdVersion: configuration.containerdVersion)
    }

    /// Registers a simulated node (as kubelet would), or replaces an existing one's labels.
    /// - Parameters:
    ///   - name: node name.
    ///   - gpu: whether it carries the NVIDIA PCI label.
    ///   - labels: extra labels.
    ///   - distribution: the node's distribution, when not the simulation's.
    ///   - containerdVersion: the node's containerd version, when not the simulation's.
    /// - Returns: the stored node.
    @discardableResult
    package func addNode(
        name: String, gpu: Bool, labels: [String: String] = [:], distribution: String? = nil, containerdVersion: String? = nil
    ) -> StoredObject {
        let ordinal = store.count(ControllerQueue.nodes) + 1
        var profile = nodeProfile
        if let distribution { profile.distribution = distribution }
        if let containerdVersion { profile.containerdVersion = containerdVersion }
        let node =
            switch configuration.nodeDetail {
            case .minimal: NodeFactory.node(name: name, gpu: gpu, ordinal: ordinal, profile: profile, extraLabels: labels, now: wallClock())
            case .realistic:
                NodeFactory.realisticNode(name: name, gpu: gpu, ordinal: ordinal, profile: profile, extraLabels: labels, now: wallClock())
            }
        let key = ObjectKey(namespace: "", name: name)
        if let existing = store.object(ControllerQueue.nodes, key) {
            var merged = existing.value
            merged.set(["metadata", "labels"], to: node["metadata"]?["labels"])
            return commit(ControllerQueue.nodes, merged).object
        }
        return commit(ControllerQueue.nodes, makeNew(node, resource: Self.resource(.nodes))).object
    }

    /// Adds the configured numbers of GPU and CPU nodes (`gpu-node-0001`..., `cpu-node-0001`...).
    package func seedNodes(gpu: Int, cpu: Int) {
        for index in stride(from: 1, through: gpu, by: 1) { addNode(name: NodeFactory.name(gpu: true, index: index), gpu: true) }
        for index in stride(from: 1, through: cpu, by: 1) { addNode(name: NodeFactory.name(gpu: false, index: index), gpu: false) }
    }

    /// Removes a node (its pods are removed by the simulated pod garbage collector).
    /// - Returns: whether the node existed.
    @discardableResult
    package func removeNode(name: String) -> Bool {
        commitRemoval(ControllerQueue.nodes, ObjectKey(namespace: "", name: name)) != nil
    }

    /// Sets (non-nil) or removes (nil) node labels.
    /// - Returns: the updated node, or `nil` when there is no such node.
    @discardableResult
    package func setNodeLabels(name: String, labels: [String: String?]) -> StoredObject? {
        guard let node = store.object(ControllerQueue.nodes, ObjectKey(namespace: "", name: name)) else { return nil }
        var value = node.value
        var current = value["metadata"]?["labels"]?.members ?? [:]
        for (key, label) in labels { current[key] = label.map { .string($0) } }
        value.set(["metadata", "labels"], to: .object(current))
        guard value != node.value else { return node }
        return commit(ControllerQueue.nodes, value).object
    }
}
