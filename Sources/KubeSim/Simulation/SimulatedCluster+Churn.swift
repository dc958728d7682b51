import KubeModels

extension SimulatedCluster {
    /// The prefix of nodes the churn adds and removes.
    package static let churnNodePrefix = "churn-node-"

    /// Makes one background change to a random node (``ChurnSettings/Change``), as kubelet, NFD or
    /// the cluster autoscaler would.
    /// - Returns: the name of the node changed, added or removed; `nil` when there was no node to change.
    @discardableResult
    package func churn(_ change: ChurnSettings.Change) -> String? {
        switch change {
        case .kubeletStatus: return churnKubeletStatus()
        case .nfdRewrite: return churnNFDRewrite()
        case .joinLeave: return churnJoinOrLeave()
        }
    }

    /// Makes one background change of a kind picked at random with the settings' shares.
    /// - Returns: the node changed, added or removed, if any.
    @discardableResult
    package func churnAtRandom(_ settings: ChurnSettings) -> String? {
        churn(settings.change(for: Double.random(in: 0..<1, using: &generator)))
    }

    private func randomNode() -> StoredObject? {
        let keys = store.sortedKeys(ControllerQueue.nodes, namespace: nil)
        guard let key = keys.randomElement(using: &generator) else { return nil }
        return store.object(ControllerQueue.nodes, key)
    }

    private func churnKubeletStatus() -> String? {
        guard let node = randomNode() else { return nil }
        var value = node.value
        let now = JSONValue.string(wallClock().rfc3339)
        let conditions = (value["status"]?["conditions"]?.arrayValue ?? []).map { condition -> JSONValue in
            var condition = condition
            condition["lastHeartbeatTime"] = now
            return condition
        }
        value.set(["status", "conditions"], to: .array(conditions))
        commit(ControllerQueue.nodes, value)
        return node.key.name
    }

    private func churnNFDRewrite() -> String? {
        guard let node = randomNode() else { return nil }
        var value = node.value
        var labels = value["metadata"]?["labels"]?.members ?? [:]
        let turbo = NodeFactory.nfdPrefix + "cpu-pstate.turbo"
        labels[turbo] = .string(labels[turbo]?.stringValue == "true" ? "false" : "true")
        if labels["nvidia.com/gfd.timestamp"] != nil { labels["nvidia.com/gfd.timestamp"] = .string(String(wallClock().secondsSinceEpoch)) }
        value.set(["metadata", "labels"], to: .object(labels))
        commit(ControllerQueue.nodes, value)
        return node.key.name
    }

    private func churnJoinOrLeave() -> String? {
        let churned = store.sortedKeys(ControllerQueue.nodes, namespace: nil).filter { $0.name.hasPrefix(Self.churnNodePrefix) }
        if let oldest = churned.first, churned.count >= 8 || Bool.random(using: &generator) {
            removeNode(name: oldest.name)
            return oldest.name
        }
        churnSerial += 1
        let name = Self.churnNodePrefix + String(churnSerial)
        addNode(name: name, gpu: false)
        return name
    }
}
