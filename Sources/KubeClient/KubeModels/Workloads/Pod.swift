/// A pod (`v1`), read by the operator to explain why an operand is not ready.
package struct Pod: KubeResource, Hashable {
    package static let resourceType = ResourceType.pods
    package var apiVersion: String? = "v1"
    package var kind: String? = "Pod"
    package var metadata: ObjectMeta
    package var spec: PodSpec?
    package var status: PodStatus?

    /// Creates a pod.
    package init(metadata: ObjectMeta, spec: PodSpec? = nil, status: PodStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The observed state of a pod.
package struct PodStatus: Codable, Sendable, Hashable {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    package var phase: String?
    package var conditions: [PodCondition]?
    package var initContainerStatuses: [ContainerStatus]?
    package var containerStatuses: [ContainerStatus]?
    package var hostIP: String?
    package var podIP: String?
    package var startTime: String?
    package var reason: String?
    package var message: String?

    /// Creates an empty status.
    package init() {}
}

/// One condition of a pod (e.g. `Ready`).
package struct PodCondition: Codable, Sendable, Hashable {
    package var type: String
    package var status: String
    package var reason: String?
    package var message: String?
    package var lastTransitionTime: String?
}

/// The state of one container of a pod.
package struct ContainerStatus: Codable, Sendable, Hashable {
    package var name: String
    package var ready: Bool
    package var restartCount: Int?
    package var image: String?
    package var imageID: String?
    package var started: Bool?
    package var state: ContainerState?
    /// The previous run's state (a restarted container's last termination, with its message).
    package var lastState: ContainerState?
}

/// Exactly one of waiting, running or terminated.
package struct ContainerState: Codable, Sendable, Hashable {
    package var waiting: ContainerStateDetail?
    package var running: ContainerStateDetail?
    package var terminated: ContainerStateDetail?
}

/// Details of a container state; `reason` is e.g. `CrashLoopBackOff` or `PodInitializing`.
package struct ContainerStateDetail: Codable, Sendable, Hashable {
    package var reason: String?
    package var message: String?
    package var startedAt: String?
    package var exitCode: Int?
}
