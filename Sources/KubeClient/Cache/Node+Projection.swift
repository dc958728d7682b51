import KubeModels

extension Node {
    /// A projection for an ``ObjectStore`` of nodes that keeps only what node labelling and cluster facts
    /// read: name, labels, annotations, resourceVersion, unschedulable, and the node info (kernel, OS
    /// image, container runtime, kubelet version, OS and architecture). Conditions, addresses, images
    /// and capacity are dropped, which keeps a 5,000-node store small.
    package static let factsProjection: @Sendable (Node) -> Node = { node in
        var metadata = ObjectMeta(name: node.metadata.name, labels: node.metadata.labels,
                                  annotations: node.metadata.annotations)
        metadata.resourceVersion = node.metadata.resourceVersion
        metadata.uid = node.metadata.uid
        var projected = Node(metadata: metadata)
        if let unschedulable = node.spec?.unschedulable { projected.spec = NodeSpec(unschedulable: unschedulable) }
        if let info = node.status?.nodeInfo {
            projected.status = NodeStatus(
                nodeInfo: NodeSystemInfo(
                    kernelVersion: info.kernelVersion, osImage: info.osImage,
                    containerRuntimeVersion: info.containerRuntimeVersion, kubeletVersion: info.kubeletVersion,
                    operatingSystem: info.operatingSystem, architecture: info.architecture))
        }
        return projected
    }
}
