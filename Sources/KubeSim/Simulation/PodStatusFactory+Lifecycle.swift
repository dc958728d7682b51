import KubeModels

extension PodStatusFactory {
    /// A Running pod whose containers crash-loop: every container not ready, waiting in
    /// `CrashLoopBackOff` after a failed run (`lastState.terminated`, exit code 1), with `restarts`
    /// restarts; Ready and ContainersReady are False. Built from the ready status, keeping `startTime`.
    /// - Parameters:
    ///   - current: the pod's status now (its `startTime` is kept).
    ///   - spec: the pod's spec.
    ///   - pod: `<name>_<namespace>(<uid>)`, as the kubelet names the pod in back-off messages.
    ///   - running: the status of the pod running and ready (``status(spec:stage:hostIP:podIP:since:podUID:)``).
    ///   - restarts: the restart count.
    ///   - now: when the last run failed.
    package static func crashLooping(
        current: JSONValue?, spec: JSONValue, pod: String, running: JSONValue, restarts: Int64, now: Timestamp
    ) -> JSONValue {
        var status = running
        if let started = current?["startTime"] { status["startTime"] = started }
        let names = (spec["containers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        let message = "containers with unready status: \(list(names))"
        status["conditions"] = settingConditions(
            status["conditions"], ["Ready", "ContainersReady"], to: false, reason: "ContainersNotReady", message: message, now: now)
        let time = JSONValue.string(now.rfc3339)
        status["containerStatuses"] = .array(
            (status["containerStatuses"]?.arrayValue ?? []).map { container in
                var members = container.members
                let name = container["name"]?.stringValue ?? ""
                members["ready"] = false
                members["started"] = false
                members["restartCount"] = .int(restarts)
                members["state"] = [
                    "waiting": ["reason": "CrashLoopBackOff", "message": .string("back-off 10s restarting failed container=\(name) pod=\(pod)")]
                ]
                members["lastState"] = [
                    "terminated": [
                        "exitCode": 1, "reason": "Error", "startedAt": time, "finishedAt": time, "containerID": container["containerID"] ?? "",
                    ]
                ]
                return .object(members)
            })
        return status
    }

    /// A crash-looping status with a new restart count.
    package static func settingRestarts(_ status: JSONValue, to restarts: Int64) -> JSONValue {
        var status = status
        status["containerStatuses"] = .array(
            (status["containerStatuses"]?.arrayValue ?? []).map { $0.setting(["restartCount"], to: .int(restarts)) })
        return status
    }

    /// A ready status that keeps the restart counts and last states of the pod's current status (a
    /// container that finally starts after crash-looping).
    package static func recovered(_ ready: JSONValue, from current: JSONValue?) -> JSONValue {
        let previous = current?["containerStatuses"]?.arrayValue ?? []
        var status = ready
        if let started = current?["startTime"] { status["startTime"] = started }
        status["containerStatuses"] = .array(
            (ready["containerStatuses"]?.arrayValue ?? []).map { container in
                guard let old = previous.first(where: { $0["name"] == container["name"] }) else { return container }
                return container.setting(["restartCount"], to: old["restartCount"] ?? 0).setting(["lastState"], to: old["lastState"])
            })
        return status
    }

    /// A pod whose containers all exited 0: phase `Succeeded`, containers terminated with reason
    /// `Completed`, Ready and ContainersReady False with reason `PodCompleted`.
    /// - Parameters:
    ///   - current: the running pod's status.
    ///   - now: when the containers finished.
    package static func succeeded(_ current: JSONValue, now: Timestamp) -> JSONValue {
        var status = current
        status["phase"] = "Succeeded"
        status["conditions"] = settingConditions(
            status["conditions"], ["Ready", "ContainersReady"], to: false, reason: "PodCompleted", message: nil, now: now)
        status["conditions"] = settingConditions(status["conditions"], ["PodReadyToStartContainers"], to: false, reason: nil, message: nil, now: now)
        status["containerStatuses"] = .array(
            (status["containerStatuses"]?.arrayValue ?? []).map { container in
                var members = container.members
                members["ready"] = false
                members["started"] = false
                members["state"] = [
                    "terminated": [
                        "exitCode": 0, "reason": "Completed", "startedAt": container["state"]?["running"]?["startedAt"] ?? .string(now.rfc3339),
                        "finishedAt": .string(now.rfc3339), "containerID": container["containerID"] ?? "",
                    ]
                ]
                return .object(members)
            })
        return status
    }

    /// Conditions with the named types set to a status (reason and message replaced; the transition
    /// time changes only when the status does).
    static func settingConditions(
        _ conditions: JSONValue?, _ types: Set<String>, to value: Bool, reason: String?, message: String?, now: Timestamp
    ) -> JSONValue {
        let text = JSONValue.string(value ? "True" : "False")
        return .array(
            (conditions?.arrayValue ?? []).map { condition in
                guard let type = condition["type"]?.stringValue, types.contains(type) else { return condition }
                var members = condition.members
                if condition["status"] != text { members["lastTransitionTime"] = .string(now.rfc3339) }
                members["status"] = text
                members["reason"] = reason.map { .string($0) }
                members["message"] = message.map { .string($0) }
                return .object(members)
            })
    }
}
