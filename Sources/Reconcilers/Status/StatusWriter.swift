import KubeClient
import KubeModels
import Logging
import Manifests

/// Writes ClusterPolicy status only when it changed, and records Events for condition transitions.
package struct StatusWriter: Sendable {
    private let context: ControllerContext

    /// Creates a writer.
    package init(context: ControllerContext) { self.context = context }

    /// Builds and (if changed) writes the active policy's status.
    /// - Returns: whether the policy is ready.
    @discardableResult
    package func write(
        _ policy: ClusterPolicy, outcome: StatusBuilder.Outcome, components: [ComponentStatus], problems: [String] = []
    ) async -> Bool {
        let name = policy.metadata.name ?? ""
        let previous = context.policies.get(name)?.status ?? policy.status
        let (status, transitions) = StatusBuilder.build(
            outcome: outcome, components: components, namespace: context.namespace, generation: policy.metadata.generation,
            previous: previous, now: Timestamp.now().rfc3339)
        for problem in problems { context.logger.warning("\(problem)", metadata: ["clusterpolicy": .string(name)]) }
        guard status != previous else { return status.state == "ready" }
        guard await patch(name, status) else { return status.state == "ready" }
        // A component's first condition is not a transition worth an Event; a change of an existing one is.
        let known = Set((previous?.conditions ?? []).map(\.type))
        for transition in transitions where transition.type != "Error" && (known.contains(transition.type) || transition.type == "Ready") {
            let reason = transition.type == "Ready" ? (transition.status == "True" ? "Ready" : "NotReady")
                : (transition.status == "True" ? "ComponentReady" : "ComponentNotReady")
            let message = transition.message.isEmpty ? "\(transition.type) is \(transition.status)" : "\(transition.type): \(transition.message)"
            await context.events.record(policy, warning: transition.status == "False", reason: reason, message: message)
        }
        return status.state == "ready"
    }

    /// Marks a policy that is not the active one as `ignored`, naming the active one.
    package func markIgnored(_ policy: ClusterPolicy, active: String) async {
        let name = policy.metadata.name ?? ""
        let previous = context.policies.get(name)?.status ?? policy.status
        let status = StatusBuilder.ignored(activePolicy: active, namespace: context.namespace, generation: policy.metadata.generation,
                                           previous: previous, now: Timestamp.now().rfc3339)
        guard status != previous else { return }
        if await patch(name, status), previous?.state != "ignored" {
            await context.events.record(policy, warning: true, reason: "Ignored",
                                        message: "ClusterPolicy \(active) is in effect; this one is ignored")
        }
    }

    private func patch(_ name: String, _ status: ClusterPolicyStatus) async -> Bool {
        do {
            let body: JSONValue = ["status": try JSONValue(encoding: status)]
            let updated = try await context.client.patchStatus(ClusterPolicy.self, name: name, patch: .merge(body))
            context.policies.recordStatus(name, updated.status)
            context.logger.info("status updated", metadata: ["clusterpolicy": .string(name), "state": .string(status.state)])
            return true
        } catch {
            context.logger.warning("could not write status", metadata: ["clusterpolicy": .string(name), "error": .string("\(error)")])
            return false
        }
    }
}
