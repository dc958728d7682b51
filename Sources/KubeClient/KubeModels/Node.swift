/// A cluster node (`v1` `Node`): what the operator labels and reads facts from.
///
/// Yams also exports a `Node`: a file that imports both modules writes `Yams.Node` for the YAML one.
///
/// Capacity and allocatable quantities are kept as the strings the API sends (`"8"`, `"32Gi"`).
package struct Node: KubeResource, Hashable, SkipsUnreadMembers {
    /// `metadata.managedFields` and `status.images`: more than half of a production node's JSON, read by
    /// nothing in the operator (managedFields left out of an update are kept by the server).
    package static let unreadMembers = UnreadMembers([.init("metadata", "managedFields"), .init("status", "images")])

    /// `nodes` in the core group.
    package static var resourceType: ResourceType { .nodes }
    /// `v1`.
    package var apiVersion: String? = "v1"
    /// `Node`.
    package var kind: String? = "Node"
    /// Standard metadata (labels are the operator's main interest).
    package var metadata: ObjectMeta
    /// Scheduling settings.
    package var spec: NodeSpec?
    /// Observed state.
    package var status: NodeStatus?

    /// Creates a node.
    package init(metadata: ObjectMeta, spec: NodeSpec? = nil, status: NodeStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A node's scheduling settings (`NodeSpec`).
package struct NodeSpec: Codable, Sendable, Hashable {
    /// The pod CIDR.
    package var podCIDR: String?
    /// The pod CIDRs (dual stack).
    package var podCIDRs: [String]?
    /// The cloud provider's node ID.
    package var providerID: String?
    /// Whether new pods may not be scheduled here (cordoned).
    package var unschedulable: Bool?
    /// Taints repelling pods without matching tolerations.
    package var taints: [Taint]?

    /// Creates a spec.
    package init(unschedulable: Bool? = nil, taints: [Taint]? = nil) {
        self.unschedulable = unschedulable
        self.taints = taints
    }
}

/// A node taint.
package struct Taint: Codable, Sendable, Hashable {
    /// The taint key.
    package var key: String
    /// The taint value.
    package var value: String?
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    package var effect: String
    /// When a `NoExecute` taint was added.
    package var timeAdded: String?

    /// Creates a taint.
    package init(key: String, value: String? = nil, effect: String) {
        self.key = key
        self.value = value
        self.effect = effect
    }
}

/// A node's observed state (`NodeStatus`).
package struct NodeStatus: Codable, Sendable, Hashable {
    /// Total resources, e.g. `nvidia.com/gpu: "8"`.
    package var capacity: [String: String]?
    /// Resources available to pods.
    package var allocatable: [String: String]?
    /// `Ready`, `MemoryPressure`, … conditions.
    package var conditions: [NodeCondition]?
    /// Addresses (`InternalIP`, `Hostname`, …).
    package var addresses: [NodeAddress]?
    /// Kernel, OS image, container runtime and kubelet versions.
    package var nodeInfo: NodeSystemInfo?
    /// Deprecated node phase.
    package var phase: String?

    /// Creates a status.
    package init(
        capacity: [String: String]? = nil, allocatable: [String: String]? = nil, conditions: [NodeCondition]? = nil,
        addresses: [NodeAddress]? = nil, nodeInfo: NodeSystemInfo? = nil
    ) {
        self.capacity = capacity
        self.allocatable = allocatable
        self.conditions = conditions
        self.addresses = addresses
        self.nodeInfo = nodeInfo
    }
}

/// One node condition.
package struct NodeCondition: Codable, Sendable, Hashable {
    /// e.g. `Ready`.
    package var type: String
    /// `True`, `False` or `Unknown`.
    package var status: String
    /// Last heartbeat (RFC 3339).
    package var lastHeartbeatTime: String?
    /// Last status change (RFC 3339).
    package var lastTransitionTime: String?
    /// Machine-readable reason.
    package var reason: String?
    /// Human-readable message.
    package var message: String?

    /// Creates a condition.
    package init(type: String, status: String, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}

/// One node address.
package struct NodeAddress: Codable, Sendable, Hashable {
    /// `InternalIP`, `ExternalIP`, `Hostname`, …
    package var type: String
    /// The address.
    package var address: String

    /// Creates an address.
    package init(type: String, address: String) {
        self.type = type
        self.address = address
    }
}

/// Versions and identity reported by the kubelet (`NodeSystemInfo`).
package struct NodeSystemInfo: Codable, Sendable, Hashable {
    /// Machine ID.
    package var machineID: String?
    /// System UUID.
    package var systemUUID: String?
    /// Boot ID.
    package var bootID: String?
    /// Kernel version, e.g. `5.15.0-105-generic`.
    package var kernelVersion: String?
    /// OS image, e.g. `Ubuntu 22.04.4 LTS`.
    package var osImage: String?
    /// Container runtime, e.g. `containerd://1.7.13`.
    package var containerRuntimeVersion: String?
    /// Kubelet version.
    package var kubeletVersion: String?
    /// Kube-proxy version (deprecated).
    package var kubeProxyVersion: String?
    /// `linux`.
    package var operatingSystem: String?
    /// `amd64`, `arm64`.
    package var architecture: String?

    /// Creates node info with the fields the operator reads.
    package init(
        kernelVersion: String? = nil, osImage: String? = nil, containerRuntimeVersion: String? = nil,
        kubeletVersion: String? = nil, operatingSystem: String? = nil, architecture: String? = nil
    ) {
        self.kernelVersion = kernelVersion
        self.osImage = osImage
        self.containerRuntimeVersion = containerRuntimeVersion
        self.kubeletVersion = kubeletVersion
        self.operatingSystem = operatingSystem
        self.architecture = architecture
    }
}
