import Foundation
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

    /// The STATUS text followed by the failing container's termination message, when it left one
    /// (a validator check writes its reason there): `Init:Error: node gpu-7 advertises no GPU ...`.
    package static func explain(_ pod: Pod) -> String {
        let status = describe(pod)
        guard let message = terminationMessage(pod) else { return status }
        return "\(status): \(message)"
    }

    /// The message of the first container (init containers first) that terminated with a non-zero
    /// exit code, now or in its last run; one line, at most 200 characters.
    package static func terminationMessage(_ pod: Pod) -> String? {
        let containers = (pod.status?.initContainerStatuses ?? []) + (pod.status?.containerStatuses ?? [])
        for container in containers {
            for state in [container.state?.terminated, container.lastState?.terminated] {
                guard let state, (state.exitCode ?? 0) != 0 else { continue }
                let lines = (state.message ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let line = lines.last(where: { !$0.isEmpty }) else { continue }
                return line.count > 200 ? String(line.prefix(199)) + "…" : line
            }
        }
        return nil
    }

    /// Whether the pod is running with every container ready.
    package static func isReady(_ pod: Pod) -> Bool {
        guard pod.status?.phase == "Running", pod.metadata.deletionTimestamp == nil else { return false }
        let containers = pod.status?.containerStatuses ?? []
        return !containers.isEmpty && containers.allSatisfy(\.ready)
    }
}
