import KubeClient
import KubeModels
import Logging

/// Runs one validation workload pod on this node: deletes the previous one, creates a new one
/// from the validator DaemonSet, and waits (bounded) until it has `Succeeded`.
package struct WorkloadRun: Sendable {
    /// The shared collaborators.
    package var context: ValidationContext

    /// Creates the runner.
    package init(context: ValidationContext) { self.context = context }

    /// Runs the workload.
    /// - Parameters:
    ///   - app: the pod's `app` label.
    ///   - gpuResource: the resource to request one of, if any.
    /// - Returns: the name of the pod that succeeded.
    /// - Throws: ``ValidationError`` for a failed pod, a timeout, or a failed API call.
    @discardableResult
    package func run(app: String, gpuResource: String?) async throws(ValidationError) -> String {
        let config = context.config
        let cluster = try context.requireCluster(for: app)
        guard let daemonSet = try await cluster.daemonSet(WorkloadPod.validatorDaemonSet, namespace: config.namespace) else {
            throw .kubernetes(action: "read DaemonSet \(config.namespace)/\(WorkloadPod.validatorDaemonSet)", reason: "it does not exist")
        }
        let previous = try await cluster.pods(
            namespace: config.namespace, labelSelector: "app=\(app)", fieldSelector: "spec.nodeName=\(config.nodeName)")
        for pod in previous {
            guard let name = pod[path: ["metadata", "name"]]?.stringValue else { continue }
            try await cluster.deletePod(name, namespace: config.namespace)
        }
        let created = try await cluster.createPod(
            WorkloadPod.build(app: app, config: config, daemonSet: daemonSet, gpuResource: gpuResource), namespace: config.namespace)
        let name = created[path: ["metadata", "name"]]?.stringValue ?? "?"
        context.logger.info("validation pod created", metadata: ["pod": .string(name), "node": .string(config.nodeName)])
        try await Waiter(time: context.time, interval: config.sleepInterval).until("pod \(name) to succeed", attempts: max(1, config.podWaitAttempts))
        {
            () throws(ValidationError) -> Attempt<Void> in
            guard let pod = try await cluster.pod(name, namespace: config.namespace) else {
                throw .workloadFailed(pod: name, reason: "deleted before it completed")
            }
            switch pod[path: ["status", "phase"]]?.stringValue ?? "Pending" {
            case "Succeeded": return .done(())
            case "Failed": throw .workloadFailed(pod: name, reason: WorkloadPod.failureReason(pod))
            case let phase: return .retry("pod \(name) is \(phase)")
            }
        }
        context.logger.info("validation pod succeeded", metadata: ["pod": .string(name)])
        return name
    }
}
