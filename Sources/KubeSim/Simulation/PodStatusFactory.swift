import KubeModels

/// The `status` a simulated kubelet reports for a pod in each phase of its life: just scheduled,
/// held before its init containers finish (what a stuck driver pod looks like: `Init:0/1`), and
/// running and ready; `PodStatusFactory+Lifecycle` adds crash-looping and completed.
package enum PodStatusFactory {
    /// Which state to render.
    package enum Stage: Sendable, Hashable {
        /// Scheduled to a node, containers not started yet.
        case scheduled
        /// Held: the first init container is running (or, without init containers, the containers are
        /// being created); the pod stays Pending and unready.
        case held
        /// Running with every container ready.
        case ready
    }

    /// The pod status for a stage.
    /// - Parameters:
    ///   - spec: the pod's spec (container names and images).
    ///   - stage: the lifecycle stage.
    ///   - hostIP: the node's address.
    ///   - podIP: the pod's address.
    ///   - since: when the stage was entered.
    ///   - podUID: seeds container ids.
    package static func status(spec: JSONValue, stage: Stage, hostIP: String, podIP: String, since: Timestamp, podUID: String) -> JSONValue {
        let time = JSONValue.string(since.rfc3339)
        let initContainers = spec["initContainers"]?.arrayValue ?? []
        let containers = spec["containers"]?.arrayValue ?? []
        func condition(_ type: String, _ status: Bool, reason: String? = nil, message: String? = nil) -> JSONValue {
            var members: [String: JSONValue] = [
                "type": .string(type), "status": status ? "True" : "False",
                "lastProbeTime": .null, "lastTransitionTime": time,
            ]
            if let reason { members["reason"] = .string(reason) }
            if let message { members["message"] = .string(message) }
            return .object(members)
        }
        var status: [String: JSONValue] = [
            "hostIP": .string(hostIP), "hostIPs": [["ip": .string(hostIP)]], "qosClass": "BestEffort",
        ]
        switch stage {
        case .scheduled:
            status["phase"] = "Pending"
            status["conditions"] = [condition("PodScheduled", true)]
        case .held:
            let initNames = initContainers.compactMap { $0["name"]?.stringValue }
            let names = containers.compactMap { $0["name"]?.stringValue }
            status["phase"] = "Pending"
            status["startTime"] = time
            status["podIP"] = .string(podIP)
            status["podIPs"] = [["ip": .string(podIP)]]
            if initContainers.isEmpty {
                status["conditions"] = [
                    condition("PodReadyToStartContainers", true), condition("Initialized", true),
                    condition("Ready", false, reason: "ContainersNotReady", message: "containers with unready status: \(list(names))"),
                    condition("ContainersReady", false, reason: "ContainersNotReady", message: "containers with unready status: \(list(names))"),
                    condition("PodScheduled", true),
                ]
                status["containerStatuses"] = .array(containers.map { waiting($0, reason: "ContainerCreating") })
            } else {
                status["conditions"] = [
                    condition("PodReadyToStartContainers", true),
                    condition(
                        "Initialized", false, reason: "ContainersNotInitialized", message: "containers with incomplete status: \(list(initNames))"),
                    condition("Ready", false, reason: "ContainersNotReady", message: "containers with unready status: \(list(names))"),
                    condition("ContainersReady", false, reason: "ContainersNotReady", message: "containers with unready status: \(list(names))"),
                    condition("PodScheduled", true),
                ]
                status["initContainerStatuses"] = .array(
                    initContainers.enumerated().map { index, container in
                        index == 0
                            ? running(container, ready: false, since: time, uid: podUID, index: index) : waiting(container, reason: "PodInitializing")
                    })
                status["containerStatuses"] = .array(containers.map { waiting($0, reason: "PodInitializing") })
            }
        case .ready:
            status["phase"] = "Running"
            status["startTime"] = time
            status["podIP"] = .string(podIP)
            status["podIPs"] = [["ip": .string(podIP)]]
            status["conditions"] = [
                condition("PodReadyToStartContainers", true), condition("Initialized", true), condition("Ready", true),
                condition("ContainersReady", true), condition("PodScheduled", true),
            ]
            if !initContainers.isEmpty {
                status["initContainerStatuses"] = .array(
                    initContainers.enumerated().map { index, container in
                        terminated(container, since: time, uid: podUID, index: index)
                    })
            }
            status["containerStatuses"] = .array(
                containers.enumerated().map { index, container in
                    running(container, ready: true, since: time, uid: podUID, index: 100 + index)
                })
        }
        return .object(status)
    }

    /// Whether a pod status says Ready=True.
    package static func isReady(_ status: JSONValue?) -> Bool {
        readyCondition(status)?["status"]?.stringValue == "True"
    }

    /// When the pod's Ready condition last changed.
    package static func readySince(_ status: JSONValue?) -> Timestamp? {
        readyCondition(status)?["lastTransitionTime"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
    }

    private static func readyCondition(_ status: JSONValue?) -> JSONValue? {
        status?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
    }

    /// Container names as the kubelet lists them in condition messages: `[a b]`.
    static func list(_ names: [String]) -> String { "[" + names.joined(separator: " ") + "]" }

    private static func base(_ container: JSONValue) -> [String: JSONValue] {
        ["name": container["name"] ?? "", "image": container["image"] ?? "", "imageID": "", "restartCount": 0]
    }

    static func waiting(_ container: JSONValue, reason: String) -> JSONValue {
        var members = base(container)
        members["ready"] = false
        members["started"] = false
        members["state"] = ["waiting": ["reason": .string(reason)]]
        return .object(members)
    }

    private static func running(_ container: JSONValue, ready: Bool, since: JSONValue, uid: String, index: Int) -> JSONValue {
        var members = base(container)
        members["ready"] = .bool(ready)
        members["started"] = true
        members["containerID"] = .string(containerID(uid, index))
        members["imageID"] = .string(imageID(container))
        members["state"] = ["running": ["startedAt": since]]
        return .object(members)
    }

    static func terminated(_ container: JSONValue, since: JSONValue, uid: String, index: Int) -> JSONValue {
        var members = base(container)
        let id = JSONValue.string(containerID(uid, index))
        members["ready"] = true
        members["started"] = false
        members["containerID"] = id
        members["imageID"] = .string(imageID(container))
        members["state"] = ["terminated": ["exitCode": 0, "reason": "Completed", "startedAt": since, "finishedAt": since, "containerID": id]]
        return .object(members)
    }

    /// A stable container id for a pod uid and container position.
    static func containerID(_ uid: String, _ index: Int) -> String {
        let hash = String(RandomNames.fnv1a32("\(uid)/\(index)".utf8), radix: 16)
        return "containerd://" + String(repeating: hash, count: 8).prefix(64)
    }

    private static func imageID(_ container: JSONValue) -> String {
        let image = container["image"]?.stringValue ?? ""
        let hash = String(RandomNames.fnv1a32(image.utf8), radix: 16)
        return "\(image.split(separator: ":").first ?? "")@sha256:" + String(repeating: hash, count: 8).prefix(64)
    }
}
