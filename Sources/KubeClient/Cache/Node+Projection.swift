import KubeModels

extension Node {
    /// A projection for an ``ObjectStore`` of nodes that keeps only what node labelling and cluster facts
    /// read: name, uid, resourceVersion, labels, unschedulable, and the node info (kernel, OS image,
    /// container runtime, kubelet version, OS and architecture). Annotations, conditions, addresses,
    /// images and capacity are dropped, and repeated strings (label keys and shared values, versions)
    /// are kept once, which keeps a 5,000-node store small.
    package static let factsProjection: @Sendable (Node) -> Node = { node in
        let interner = factsInterner
        var metadata = ObjectMeta(name: node.metadata.name)
        metadata.uid = node.metadata.uid
        metadata.resourceVersion = node.metadata.resourceVersion
        if let labels = node.metadata.labels {
            var shared: [String: String] = [:]
            shared.reserveCapacity(labels.count)
            for (key, value) in labels {
                // The hostname label repeats the node name: unique per node, not worth a table entry.
                shared[interner.intern(key)] = value == node.metadata.name ? value : interner.intern(value)
            }
            metadata.labels = shared
        }
        var projected = Node(metadata: metadata)
        projected.apiVersion = nil
        projected.kind = nil
        if let unschedulable = node.spec?.unschedulable { projected.spec = NodeSpec(unschedulable: unschedulable) }
        if let info = node.status?.nodeInfo {
            projected.status = NodeStatus(
                nodeInfo: NodeSystemInfo(
                    kernelVersion: info.kernelVersion.map(interner.intern),
                    osImage: info.osImage.map(interner.intern),
                    containerRuntimeVersion: info.containerRuntimeVersion.map(interner.intern),
                    kubeletVersion: info.kubeletVersion.map(interner.intern),
                    operatingSystem: info.operatingSystem, architecture: info.architecture))
        }
        return projected
    }

    /// The strings shared by every node projected with ``factsProjection``.
    package static let factsInterner = StringInterner()
}
