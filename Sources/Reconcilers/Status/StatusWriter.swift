import Foundation
import KubeClient
import KubeModels
import Logging
import Manifests

/// Writes ClusterPolicy status only when it changed, and records Events for condition transitions.
/// A write is recorded as an expectation (``ControllerContext/statusWrites``), never written into the
/// policy cache, so the next reconcile compares against what it wrote even before the watch shows it.
package struct StatusWriter: Sendable {
    private let context: ControllerContext

    /// Creates a writer.
    package init(context: ControllerContext) { self.context = context }

    /// Builds and (if changed) writes the active policy's status.
    /// - Returns: whether the policy is ready.
    @discardableResult
    package func write(
        _ policy: ClusterPolicy, outcome: StatusBuilder.Outcome, components: [ComponentStatus], problems: [String] = [],
        foreign: [String] = [], flavors: [ClusterFactsBuilder.FlavorNodes] = [], logger: Logger
    ) async -> Bool {
        let name = policy.metadata.name ?? ""
        let previous = context.status(ofPolicy: name) ?? policy.status
        let (status, transitions) = StatusBuilder.build(
            outcome: outcome, components: components, namespace: context.namespace, generation: policy.metadata.generation,
            previous: previous, now: Timestamp(context.wallClock()).rfc3339, foreign: foreign, flavors: flavors)
        for problem in problems { logger.warning("\(problem)") }
        let isReady = status.state == .ready
        guard status != previous, await patch(policy, status, logger: logger) else { return isReady }
        // A component's first condition is not a transition worth an Event; a change of an existing one is.
        let known = Set((previous?.conditions ?? []).map(\.type))
        for transition in transitions where transition.type == PolicyConditionType.foreignObjects {
            await context.events.record(policy, warning: true, reason: ConditionReason.foreignObjectsKept.rawValue, message: transition.message)
        }
        let silent: Set<String> = [PolicyConditionType.error, PolicyConditionType.foreignObjects, PolicyConditionType.runtimeFlavors]
        for transition in transitions where !silent.contains(transition.type) {
            let isOverall = transition.type == PolicyConditionType.ready
            guard isOverall || known.contains(transition.type) else { continue }
            let holds = transition.status == .true
            let reason = isOverall ? (holds ? "Ready" : "NotReady") : (holds ? "ComponentReady" : "ComponentNotReady")
            let message =
                transition.message.isEmpty
                ? "\(transition.type) is \(transition.status.rawValue)" : "\(transition.type): \(transition.message)"
            await context.events.record(policy, warning: !holds, reason: reason, message: message)
        }
        return isReady
    }

    /// Marks a policy that is not the active one as `ignored`, naming the active one.
    package func markIgnored(_ policy: ClusterPolicy, active: String, logger: Logger) async {
        let name = policy.metadata.name ?? ""
        let previous = context.status(ofPolicy: name) ?? policy.status
        let status = StatusBuilder.ignored(
            activePolicy: active, namespace: context.namespace, generation: policy.metadata.generation, previous: previous,
            now: Timestamp(context.wallClock()).rfc3339)
        guard status != previous else { return }
        if await patch(policy, status, logger: logger), previous?.state != .ignored {
            await context.events.record(
                policy, warning: true, reason: "Ignored", message: "ClusterPolicy \(active) is in effect; this one is ignored")
        }
    }

    /// Patches the status subresource; a failure is logged and reported as `false` (the next
    /// reconcile tries again: the status still differs).
    private func patch(_ policy: ClusterPolicy, _ status: ClusterPolicyStatus, logger: Logger) async -> Bool {
        let name = policy.metadata.name ?? ""
        let before = context.policies.get(name)?.metadata.resourceVersion
        do {
            let body: JSONValue = ["status": try JSONValue(encoding: status)]
            let updated = try await context.client.patchStatus(ClusterPolicy.self, name: name, patch: .merge(body))
            context.statusWrites.expect(
                name, before: before, after: updated.metadata.resourceVersion, value: updated.status, now: context.time.now())
            logger.info("status updated", metadata: ["state": .string(status.state.rawValue)])
            return true
        } catch {
            logger.warning("could not write status", metadata: ["error": .string("\(ReconcileError.writeStatus(name, cause: error))")])
            return false
        }
    }
}
