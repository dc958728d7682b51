import KubeModels

/// A pod's state in the words `kubectl get pods` uses in its STATUS column: `Init:0/1`,
/// `PodInitializing`, `CrashLoopBackOff`, `ContainerCreating`, `Pending`, `Running`, ...
package enum PodStatusSummary {
    /// The STATUS text of a pod.
    package static func describe(_ pod: Pod) -> String {
        let status = pod.status
        if pod.metadata.deletionTimestamp != nil { return "Terminating" }
        var reason = status?.reason ?? status?.phase ?? "Unknown"
        let initSpecs = pod.spec?.initContainers?.count ?? status?.initContainerStatuses?.count ?? 0
        for (index, container) in (status?.initContainerStatuses ?? []).enumerated() {
            if let terminated = container.state?.terminated, terminated.exitCode == 0 { continue }
            if let terminated = container.state?.terminated {
                return "Init:" + (terminated.reason ?? "ExitCode:\(terminated.exitCode ?? 0)")
            }
            if let waiting = container.state?.waiting?.reason, !waiting.isEmpty, waiting != "PodInitializing" {
                return "Init:" + waiting
            }
            return "Init:\(index)/\(initSpecs)"
        }
        var hasRunning = false
        for container in (status?.containerStatuses ?? []).reversed() {
            if let waiting = container.state?.waiting?.reason, !waiting.isEmpty {
                reason = waiting
            } else if let terminated = container.state?.terminated {
                reason = terminated.reason ?? "ExitCode:\(terminated.exitCode ?? 0)"
            } else if container.ready, container.state?.running != nil {
                hasRunning = true
            }
        }
        if reason == "Completed" && hasRunning { reason = "Running" }
        if reason == "Running", !(status?.conditions ?? []).contains(where: { $0.type == "Ready" && $0.status == "True" }) {
            return "Running, not ready"
        }
        return reason
    }

    /// Whether the pod is running with every container ready.
    package static func isReady(_ pod: Pod) -> Bool {
        guard pod.status?.phase == "Running", pod.metadata.deletionTimestamp == nil else { return false }
        let containers = pod.status?.containerStatuses ?? []
        return !containers.isEmpty && containers.allSatisfy(\.ready)
    }
}
