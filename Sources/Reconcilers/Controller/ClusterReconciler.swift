import CoreMetrics
import KubeModels
import Logging
import Manifests

/// Reconciles the cluster towards the active ClusterPolicy. It only orchestrates: selects the active
/// policy (marking the others `ignored`), prepares one pass (facts, the same render as `--dry-run`),
/// runs the component reconcilers in apply order, and writes the status they produce.
package struct ClusterReconciler: Sendable {
    private let context: ControllerContext
    private let preparation: PassPreparation
    private let statusWriter: StatusWriter
    /// The component reconcilers, in upstream's apply order.
    package let components: [any ComponentReconciler]

    /// Creates the reconciler with one component reconciler per component.
    package init(context: ControllerContext) {
        self.context = context
        preparation = PassPreparation(context: context)
        statusWriter = StatusWriter(context: context)
        let objects = ComponentObjects(context: context, readiness: ComponentReadinessReader(context: context))
        components = Component.allCases.map { component -> any ComponentReconciler in
            switch component {
            case .preRequisites: PrerequisitesReconciler(objects: objects)
            case .operatorMetrics: OperatorMetricsReconciler(objects: objects)
            case .driver: DriverReconciler(context: context, objects: objects)
            case .migManager: MIGManagerReconciler(context: context, objects: objects)
            default: DaemonSetComponentReconciler(component: component, objects: objects)
            }
        }
    }

    /// Runs one reconcile.
    /// - Returns: the queue outcome: success, a requeue while something is pending, or failure (backoff).
    package func reconcile(reconcileID: Int) async -> WorkQueue<ReconcileKey>.Outcome {
        var logger = context.logger
        logger[metadataKey: "reconcile"] = .string("cluster#\(reconcileID)")
        let policies = context.policies.all()
        guard let active = ActivePolicy.select(policies) else {
            context.metrics.reconciliationStatus.record(-1)
            return .success
        }
        logger[metadataKey: "clusterpolicy"] = .string(active.metadata.name ?? "")
        if let stopped = await stopIfUpstreamRuns(active, logger: logger) { return stopped }
        for policy in policies where policy.metadata.name != active.metadata.name && policy.metadata.deletionTimestamp == nil {
            var ignoredLogger = logger
            ignoredLogger[metadataKey: "clusterpolicy"] = .string(policy.metadata.name ?? "")
            await statusWriter.markIgnored(policy, active: active.metadata.name ?? "", logger: ignoredLogger)
        }
        context.metrics.reconciliations.increment()
        let pass: ReconcilePass
        do {
            pass = try await preparation.prepare(active, logger: logger)
        } catch {
            context.metrics.reconciliationStatus.record(-1)
            if case .failure = error.outcome { context.metrics.failedReconciliations.increment() }
            await statusWriter.write(active, outcome: .failed(error.message), components: [], logger: logger)
            return error.outcome
        }
        var reports: [ComponentReport] = []
        for reconciler in components { reports.append(await reconciler.reconcile(pass)) }
        for object in reports.flatMap(\.reverted) {
            await context.events.record(
                active, warning: true, reason: "ObjectReverted", message: "\(object) was edited outside the operator; restored the declared state")
        }
        for (object, fields) in reports.flatMap(\.replaced) {
            await context.events.record(
                active, warning: false, reason: "ObjectReplaced",
                message: "\(object): \(fields.joined(separator: ", ")) cannot be changed in place; deleted it (a DaemonSet's pods are "
                    + "orphaned, then adopted and replaced node by node) and recreating it")
        }
        let foreign = ApplyPlan.foreign(live: context.ownedView.all(), desired: pass.renderedIdentities).map(\.key.description)
        let isReady = await statusWriter.write(
            active, outcome: Self.overall(pass), components: reports.map(\.status), problems: pass.facts.problems, foreign: foreign,
            flavors: pass.facts.flavorNodes, logger: logger)
        context.metrics.record(reports, isReady: isReady, at: context.wallClock())
        return Self.outcome(reports, hasNFDLabels: pass.facts.hasNFDLabels, isReady: isReady, labellingNodes: !pass.unlabelledGPUNodes.isEmpty)
    }

    /// Checks whether NVIDIA's operator still runs (``UpstreamOperatorGate``). While it does, the
    /// status says so once per episode and nothing else is written; the key is looked at again in
    /// 10 s. When it has stopped, every node is queued again (the labeller skipped them meanwhile).
    /// - Returns: the queue outcome when this pass must stop here, `nil` to go on.
    private func stopIfUpstreamRuns(_ active: ClusterPolicy, logger: Logger) async -> WorkQueue<ReconcileKey>.Outcome? {
        let gate = context.upstreamGate
        let wasBlocked = gate.isBlocked
        let evidence: [String]
        do {
            evidence = try await gate.check(context, logger: logger)
        } catch {
            let message = "Cannot tell whether NVIDIA's gpu-operator still runs, so nothing is written: \(error)"
            logger.error("upstream operator check failed", metadata: ["error": .string("\(error)")])
            await statusWriter.write(active, outcome: .failed(message), components: [], logger: logger)
            return .failure
        }
        if evidence.isEmpty {
            if wasBlocked { for name in context.nodes.names() { await context.queue.add(.node(name)) } }
            return nil
        }
        if gate.needsReport {
            await statusWriter.write(active, outcome: .upstreamOperatorRunning(UpstreamOperator.message(evidence)), components: [], logger: logger)
            gate.markReported()
        }
        return .requeue(after: .seconds(10))
    }

    /// The overall outcome of a pass, beyond the components: NFD missing, no GPU nodes, GPU nodes still
    /// being labelled, or reconciled.
    package static func overall(_ pass: ReconcilePass) -> StatusBuilder.Outcome {
        if !pass.facts.hasNFDLabels { return .nfdLabelsMissing }
        if !pass.hasGPUNodes { return .noGPUNodes }
        if !pass.unlabelledGPUNodes.isEmpty { return .labellingNodes(pending: pass.unlabelledGPUNodes) }
        return .reconciled
    }

    /// What the queue does after a pass: back off when a write failed; look again in 45 s without
    /// NFD labels, in 1 s while GPU nodes are being labelled (their label echoes do not wake the
    /// cluster key); while not ready, look again at the earliest hint; else wait for events.
    package static func outcome(
        _ reports: [ComponentReport], hasNFDLabels: Bool, isReady: Bool, labellingNodes: Bool = false
    ) -> WorkQueue<ReconcileKey>.Outcome {
        if reports.contains(where: { !$0.failures.isEmpty }) { return .failure }
        if !hasNFDLabels { return .requeue(after: .seconds(45)) }
        if labellingNodes { return .requeue(after: .seconds(1)) }
        if !isReady, let recheck = reports.compactMap(\.requeueAfter).min() { return .requeue(after: recheck) }
        return .success
    }
}
