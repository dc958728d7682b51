import CoreMetrics
import Foundation
import KubeClient
import KubeModels
import Logging
import Manifests

/// Reconciles the cluster towards the active ClusterPolicy: renders it (the same render as
/// `--dry-run`), applies what changed in component order, prunes what is no longer wanted, reads
/// readiness and writes status when it changed. Other policies are marked `ignored`.
package struct ClusterReconciler: Sendable {
    private let context: ControllerContext
    private let applier: ObjectApplier
    private let readiness: ComponentReadinessReader
    private let statusWriter: StatusWriter
    private let facts: FactsReader

    /// Creates the reconciler.
    package init(context: ControllerContext) {
        self.context = context
        applier = ObjectApplier(context: context)
        readiness = ComponentReadinessReader(context: context)
        statusWriter = StatusWriter(context: context)
        facts = FactsReader(context: context)
    }

    /// Runs one reconcile.
    /// - Returns: the queue outcome: success, a requeue while something is pending, or failure (backoff).
    package func reconcile(reconcileID: Int) async -> WorkQueue<ReconcileKey, ContinuousClock>.Outcome {
        var logger = context.logger
        logger[metadataKey: "reconcile"] = .string("cluster#\(reconcileID)")
        let policies = context.policies.all()
        guard let active = ActivePolicy.select(policies) else {
            context.metrics.reconciliationStatus.record(-1)
            return .success
        }
        logger[metadataKey: "clusterpolicy"] = .string(active.metadata.name ?? "")
        for policy in policies where policy.metadata.name != active.metadata.name && policy.metadata.deletionTimestamp == nil {
            await statusWriter.markIgnored(policy, active: active.metadata.name ?? "")
        }
        context.metrics.reconciliations.increment()
        do {
            return try await reconcile(active, logger: logger)
        } catch {
            logger.error("reconcile failed", metadata: ["error": .string("\(error)")])
            context.metrics.failedReconciliations.increment()
            context.metrics.reconciliationStatus.record(-1)
            await statusWriter.write(active, outcome: .failed("Failed to reconcile: \(error)"), components: [])
            return .failure
        }
    }

    private func reconcile(_ policy: ClusterPolicy, logger: Logger) async throws -> WorkQueue<ReconcileKey, ContinuousClock>.Outcome {
        let unsupported = PolicyChecks.run(policy.spec).filter(\.isError)
        if !unsupported.isEmpty {
            let message = unsupported.map { "\($0.path): \($0.message)" }.joined(separator: "; ")
            await statusWriter.write(policy, outcome: .failed(message), components: [])
            context.metrics.reconciliationStatus.record(-1)
            return .success
        }
        if let crdProblem = context.crdProblem() {
            await statusWriter.write(policy, outcome: .failed(crdProblem), components: [])
            return .requeue(after: .seconds(30))
        }
        let found = try await facts.read(policy)
        context.metrics.gpuNodes.record(found.gpuNodes.count)
        context.metrics.hasNFDLabels.record(found.hasNFDLabels ? 1 : 0)
        let result: RenderResult
        do {
            result = try Renderer.render(policy, facts: found.facts)
        } catch {
            logger.error("render failed", metadata: ["error": .string(error.description)])
            await statusWriter.write(policy, outcome: .failed("Cannot render the policy: \(error.description)"), components: [])
            context.metrics.reconciliationStatus.record(-1)
            return .failure
        }
        let hasGPUNodes = !found.gpuNodes.isEmpty
        let owner = OwnerReference(apiVersion: "nvidia.com/v1", kind: "ClusterPolicy", name: policy.metadata.name ?? "",
                                   uid: policy.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)

        var failures: [Component: String] = [:]
        var reverted: [String] = []
        let wanted = result.objects.filter { object in
            !(object.resourceType == .daemonSets && !hasGPUNodes) && !(object.resourceType == .serviceMonitors && !context.hasServiceMonitorCRD)
        }
        // The namespace, then everything a DaemonSet's pods use (RBAC, ConfigMaps, RuntimeClasses), then the
        // DaemonSets; each phase in parallel. Start-up order on a node is the validator's business.
        let phases = [
            wanted.filter { $0.resourceType == .namespaces },
            wanted.filter { $0.resourceType != .namespaces && $0.resourceType != .daemonSets },
            wanted.filter { $0.resourceType == .daemonSets },
        ]
        for phase in phases {
            let outcomes = await applyAll(phase, owner: owner)
            for (object, outcome) in zip(phase, outcomes) {
                switch outcome {
                case .success(let reason):
                    if reason == .drifted { reverted.append(ObjectIdentity(object).description) }
                case .failure(let error):
                    failures[object.component] = failures[object.component] ?? "applying \(ObjectIdentity(object)): \(error)"
                    logger.warning("apply failed", metadata: ["object": .string(ObjectIdentity(object).description), "error": .string("\(error)")])
                }
            }
        }
        let desired = Set(result.objects.map(ObjectIdentity.init))
        for object in ApplyPlan.prunable(live: context.owned.all(), desired: desired) {
            if object.resourceType == .daemonSets && !hasGPUNodes { continue }
            do {
                try await applier.delete(object)
            } catch {
                logger.warning("prune failed", metadata: ["object": .string(object.key.description), "error": .string("\(error)")])
                if let component = Component.allCases.first(where: { $0.labelValue == object.labels[OwnershipLabels.componentKey] }) {
                    failures[component] = failures[component] ?? "deleting \(object.key): \(error)"
                }
            }
        }
        for object in reverted {
            await context.events.record(policy, warning: true, reason: "ObjectReverted", message: "\(object) was edited outside the operator; restored the declared state")
        }

        var statuses: [ComponentStatus] = []
        var recheck: Duration?
        for component in Component.allCases {
            if let failure = failures[component] {
                statuses.append(ComponentStatus(component: component, state: .failed, message: failure))
            } else if !result.enabledComponents.contains(component) {
                statuses.append(ComponentStatus(component: component, state: .disabled, message: "disabled by the ClusterPolicy"))
            } else if !hasGPUNodes {
                statuses.append(ComponentStatus(component: component, state: .ready, message: "no GPU nodes"))
            } else {
                let (status, again) = await readiness.status(of: component, objects: result.objects(of: component))
                statuses.append(status)
                if let again { recheck = min(recheck ?? again, again) }
            }
        }
        let outcome: StatusBuilder.Outcome = !found.hasNFDLabels ? .nfdLabelsMissing : (hasGPUNodes ? .reconciled : .noGPUNodes)
        let isReady = await statusWriter.write(policy, outcome: outcome, components: statuses, problems: found.problems)
        for status in statuses { context.metrics.componentReady(status.component).record(status.state == .notReady || status.state == .failed ? 0 : 1) }
        if isReady {
            context.metrics.reconciliationStatus.record(1)
            context.metrics.lastSuccess.record(Int(Date().timeIntervalSince1970))
        } else {
            context.metrics.reconciliationStatus.record(0)
            context.metrics.failedReconciliations.increment()
        }
        if !failures.isEmpty { return .failure }
        if !found.hasNFDLabels { return .requeue(after: .seconds(45)) }
        if let recheck, !isReady { return .requeue(after: recheck) }
        return .success
    }

    /// The result of applying one object of a phase.
    private struct ApplyOutcome: Sendable {
        var index: Int
        var reason: ApplyPlan.Reason?
        var error: (any Error)?
    }

    /// Applies objects concurrently; results in input order.
    private func applyAll(_ objects: [RenderedObject], owner: OwnerReference) async -> [Result<ApplyPlan.Reason?, any Error>] {
        let applier = self.applier
        let outcomes = await withTaskGroup(of: ApplyOutcome.self, returning: [ApplyOutcome].self) { group in
            for (index, object) in objects.enumerated() {
                group.addTask {
                    do {
                        return ApplyOutcome(index: index, reason: try await applier.applyIfNeeded(object, owner: owner), error: nil)
                    } catch {
                        return ApplyOutcome(index: index, reason: nil, error: error)
                    }
                }
            }
            var collected: [ApplyOutcome] = []
            collected.reserveCapacity(objects.count)
            for await outcome in group { collected.append(outcome) }
            return collected
        }
        return outcomes.sorted { $0.index < $1.index }.map { outcome in
            if let error = outcome.error { return .failure(error) }
            return .success(outcome.reason)
        }
    }
}
