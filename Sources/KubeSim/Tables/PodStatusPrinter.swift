import KubeModels

/// The STATUS column of `kubectl get pods`, computed as the API server's pod printer does:
/// `Init:0/1` while an init container runs, `Init:<reason>` while one waits for a reason other
/// than `PodInitializing`, a container's waiting or terminated reason, `Running`, `Completed`,
/// `Terminating`.
package enum PodStatusPrinter {
    /// The status text of a pod.
    package static func reason(_ pod: JSONValue) -> String {
        let status = pod["status"] ?? .object([:])
        var reason = status["reason"]?.stringValue ?? status["phase"]?.stringValue ?? "Unknown"
        let initSpecs = pod["spec"]?["initContainers"]?.arrayValue ?? []
        var initializing = false
        for (index, container) in (status["initContainerStatuses"]?.arrayValue ?? []).enumerated() {
            let state = container["state"] ?? .object([:])
            if let terminated = state["terminated"], terminated["exitCode"]?.intValue == 0 { continue }
            if let terminated = state["terminated"] {
                if let signal = terminated["signal"]?.intValue, signal != 0 {
                    reason = "Init:Signal:\(signal)"
                } else if let text = terminated["reason"]?.stringValue, !text.isEmpty {
                    reason = "Init:" + text
                } else {
                    reason = "Init:ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                }
            } else if let waiting = state["waiting"]?["reason"]?.stringValue, !waiting.isEmpty, waiting != "PodInitializing" {
                reason = "Init:" + waiting
            } else {
                reason = "Init:\(index)/\(initSpecs.count)"
            }
            initializing = true
            break
        }
        if !initializing {
            var hasRunning = false
            for container in (status["containerStatuses"]?.arrayValue ?? []).reversed() {
                let state = container["state"] ?? .object([:])
                if let waiting = state["waiting"]?["reason"]?.stringValue, !waiting.isEmpty {
                    reason = waiting
                } else if let terminated = state["terminated"] {
                    if let text = terminated["reason"]?.stringValue, !text.isEmpty {
                        reason = text
                    } else {
                        reason = "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                    }
                } else if state["running"] != nil, container["ready"]?.boolValue == true {
                    hasRunning = true
                }
            }
            if reason == "Completed", hasRunning {
                reason = PodStatusFactory.isReady(status) ? "Running" : "NotReady"
            }
        }
        if pod["metadata"]?["deletionTimestamp"] != nil {
            reason = status["reason"]?.stringValue == "NodeLost" ? "Unknown" : "Terminating"
        }
        return reason
    }
}
