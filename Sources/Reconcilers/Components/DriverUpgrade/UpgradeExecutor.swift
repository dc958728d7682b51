import Foundation
import KubeClient
import KubeModels
import Logging
import Manifests

/// Carries out a planner pass: per node, one merge patch (state label, annotations, cordon), an Event
/// on the node for each transition, then the evictions and the driver-pod deletion. Eviction refusals
/// (a PodDisruptionBudget) are remembered per node for the next pass, not thrown.
struct UpgradeExecutor {
    let context: ControllerContext

    /// Executes `steps`; returns one reconcile step per node that moved or failed to. A node that
    /// fails its upgrade is also reported on the ClusterPolicy (the rollout pauses: people must know).
    func execute(_ steps: [NodeStep], policy: ClusterPolicy, logger: Logger) async -> [ReconcileStep] {
        var results: [ReconcileStep] = []
        for step in steps where step.acts {
            var logger = logger
            logger[metadataKey: "node"] = .string(step.node)
            do {
                if step.patchesNode { try await patch(step) }
                // A node first marked upgrade-done has not been through an upgrade: no Event for it.
                if step.to != step.from && !(step.from == .unknown && step.to == .done) {
                    results.append(.advanced(node: step.node, to: step.to))
                    logger.info("driver upgrade", metadata: ["from": .string(step.from.rawValue), "to": .string(step.to.rawValue)])
                    let message = step.failure.map { "upgrade failed: \($0)" } ?? "driver upgrade: \(Self.name(step.from)) → \(Self.name(step.to))"
                    await context.events.record(node: step.node, warning: step.to == .failed, reason: "GPUDriverUpgrade", message: message)
                    if step.to == .failed {
                        await context.events.record(
                            policy, warning: true, reason: "DriverUpgradeFailed", message: "node \(step.node): \(message); the rollout waits")
                    } else if step.to == .done && step.from != .unknown {
                        await context.events.record(policy, reason: "DriverUpgraded", message: "node \(step.node) runs the new driver")
                    } else if step.to == .cordonRequired || (step.from == .required && step.to == .podRestartRequired) {
                        await context.events.record(policy, reason: "DriverUpgradeStarted", message: "node \(step.node): \(message)")
                    }
                }
                try await evict(step)
                if let pod = step.deleteDriverPod {
                    do {
                        _ = try await context.client.delete(.pods, name: pod, namespace: context.namespace, propagation: nil)
                    } catch {
                        throw ReconcileError.upgrade(step.node, cause: error)
                    }
                    logger.info("deleted the outdated driver pod", metadata: ["pod": .string(pod)])
                }
            } catch let error as ReconcileError {
                logger.warning("driver upgrade step failed", metadata: ["error": .string(error.description)])
                results.append(.failed(error))
            } catch {
                results.append(.failed(.upgrade(step.node, cause: error)))
            }
        }
        return results
    }

    private static func name(_ state: UpgradeState) -> String { state == .unknown ? "(none)" : state.rawValue }

    /// One merge patch of the node: state label, annotations, `spec.unschedulable`.
    private func patch(_ step: NodeStep) async throws(ReconcileError) {
        var metadata: [String: JSONValue] = [:]
        if step.to != step.from { metadata["labels"] = [UpgradeKeys.state: step.to == .unknown ? .null : .string(step.to.rawValue)] }
        if !step.annotations.isEmpty {
            metadata["annotations"] = .object(step.annotations.mapValues { $0.map(JSONValue.string) ?? .null })
        }
        var body: [String: JSONValue] = ["metadata": .object(metadata)]
        if let unschedulable = step.unschedulable { body["spec"] = ["unschedulable": unschedulable ? .bool(true) : .null] }
        let before = context.nodes.get(step.node)?.resourceVersion
        do {
            let updated = try await context.client.patch(Node.self, name: step.node, patch: .merge(.object(body)))
            context.nodeWrites.expect(
                step.node, before: before, after: updated.metadata.resourceVersion, value: context.nodes.project(updated), now: context.time.now())
        } catch {
            throw .upgrade(step.node, cause: error)
        }
    }

    /// Evicts the step's pods; a refusal is remembered for the node, a pod already gone is success.
    private func evict(_ step: NodeStep) async throws(ReconcileError) {
        guard !step.evict.isEmpty else { return }
        var refusal: String?
        for pod in step.evict {
            do {
                try await context.client.evict(pod: pod.name, namespace: pod.namespace)
            } catch let error as KubeError where error.isNotFound {
                continue
            } catch let error as KubeError where error.reason == .tooManyRequests {
                refusal = "\(pod): " + Self.describeRefusal(error, namespace: pod.namespace)
            } catch {
                throw .upgrade(step.node, cause: error)
            }
        }
        context.evictionErrors.set(step.node, refusal)
    }

    /// "eviction blocked by PodDisruptionBudget ns/name" when the answer names the budget, else the
    /// server's message.
    static func describeRefusal(_ error: KubeError, namespace: String) -> String {
        let text = ([error.message] + error.causes.compactMap(\.message)).joined(separator: " ")
        var rest = text[...]
        while let range = rest.range(of: "disruption budget ") {
            let name = rest[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," && $0 != "." }
            if !name.isEmpty { return "eviction blocked by PodDisruptionBudget \(namespace)/\(name)" }
            rest = rest[range.upperBound...]
        }
        return "eviction refused: \(error.message)"
    }
}
