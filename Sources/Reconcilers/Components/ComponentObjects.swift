import KubeModels
import Logging
import Manifests

/// The object work every component reconciler shares: apply a component's desired objects under the
/// hash/drift rule (everything a DaemonSet's pods use first, then the DaemonSets, each group in
/// parallel), prune the owned objects it claims that the render no longer produces, and turn the
/// outcome plus the live DaemonSets into the component's condition.
package struct ComponentObjects: Sendable {
    private let context: ControllerContext
    private let applier: ObjectApplier
    private let readiness: ComponentReadinessReader

    /// Creates the shared logic over the loop's context and its one readiness reader.
    package init(context: ControllerContext, readiness: ComponentReadinessReader) {
        self.context = context
        self.applier = ObjectApplier(context: context)
        self.readiness = readiness
    }

    /// The whole object work of one component: applies its desired objects (those `first` selects
    /// before the rest), prunes what it claims and the render no longer produces, and reports.
    /// - Parameters:
    ///   - component: the component.
    ///   - pass: the cluster pass.
    ///   - first: objects that must exist before the component's others (the Namespace).
    ///   - claims: the live objects this component prunes (default: those labelled with it).
    package func reconcile(
        _ component: Component, pass: ReconcilePass, first: (RenderedObject) -> Bool = { _ in false },
        claims: ((LiveObject) -> Bool)? = nil
    ) async -> ComponentReport {
        let desired = pass.desired(component)
        var steps = await apply(desired.filter(first), pass: pass)
        steps += await apply(desired.filter { !first($0) }, pass: pass)
        steps += await prune(pass: pass, claims: claims ?? { Self.belongs($0, to: component) })
        return await status(of: component, pass: pass, steps: steps)
    }

    /// Applies `objects` in two groups (non-DaemonSets, then DaemonSets), each in parallel.
    /// - Returns: one step per object written or failed, in input order.
    package func apply(_ objects: [RenderedObject], pass: ReconcilePass) async -> [ReconcileStep] {
        let groups = [objects.filter { $0.resourceType != .daemonSets }, objects.filter { $0.resourceType == .daemonSets }]
        var steps: [ReconcileStep] = []
        for group in groups where !group.isEmpty {
            steps += await applyConcurrently(group, pass: pass)
        }
        return steps
    }

    /// Deletes the owned live objects `claims` selects that no rendered object matches. DaemonSets are
    /// kept while there is no GPU node (a node outage must not tear the stack down).
    package func prune(pass: ReconcilePass, claims: (LiveObject) -> Bool) async -> [ReconcileStep] {
        var steps: [ReconcileStep] = []
        for object in ApplyPlan.prunable(live: context.ownedView.all(), desired: pass.renderedIdentities) where claims(object) {
            if object.resourceType == .daemonSets && !pass.hasGPUNodes { continue }
            do {
                try await applier.delete(object, logger: pass.logger)
                steps.append(.pruned(object.key))
            } catch {
                pass.logger.warning("prune failed", metadata: ["object": .string(object.key.description), "error": .string("\(error)")])
                steps.append(.failed(error))
            }
        }
        return steps
    }

    /// The component's condition after `steps`: failed when a write failed, disabled, ready without GPU
    /// nodes, else the readiness of its DaemonSets; a not-ready component adds a waiting step with
    /// the time to look again.
    package func status(of component: Component, pass: ReconcilePass, steps: [ReconcileStep]) async -> ComponentReport {
        var steps = steps
        let failure = steps.lazy.compactMap { step -> ReconcileError? in
            if case .failed(let error) = step { return error }
            return nil
        }.first
        if let failure {
            return ComponentReport(steps: steps, status: ComponentStatus(component: component, state: .failed, message: failure.description))
        }
        guard pass.isEnabled(component) else {
            return ComponentReport(
                steps: steps, status: ComponentStatus(component: component, state: .disabled, message: "disabled by the ClusterPolicy"))
        }
        guard pass.hasGPUNodes else {
            return ComponentReport(steps: steps, status: ComponentStatus(component: component, state: .ready, message: "no GPU nodes"))
        }
        let recreating = steps.compactMap { step -> String? in
            if case .waiting(let reason, _) = step { return reason }
            return nil
        }
        if !recreating.isEmpty {
            // An object being replaced may carry no label our watches select: the waiting steps'
            // requeue, not an event, brings the pass that recreates it.
            let message = recreating.joined(separator: "; ")
            return ComponentReport(steps: steps, status: ComponentStatus(component: component, state: .notReady, message: message))
        }
        let (status, recheck) = await readiness.status(of: component, objects: pass.render.objects(of: component))
        if status.state == .notReady { steps.append(.waiting(reason: status.message, requeueAfter: recheck)) }
        return ComponentReport(steps: steps, status: status)
    }

    /// Whether a live object carries `component`'s label.
    package static func belongs(_ object: LiveObject, to component: Component) -> Bool {
        object.labels[OwnershipLabels.componentKey] == component.labelValue
    }

    /// The result of applying one object of a group.
    private struct Outcome: Sendable {
        var index: Int
        var steps: [ReconcileStep]
    }

    private func applyConcurrently(_ objects: [RenderedObject], pass: ReconcilePass) async -> [ReconcileStep] {
        let applier = self.applier
        let owner = pass.owner
        let logger = pass.logger
        let outcomes = await withTaskGroup(of: Outcome.self, returning: [Outcome].self) { group in
            for (index, object) in objects.enumerated() {
                group.addTask {
                    do throws(ReconcileError) {
                        let identity = ObjectIdentity(object)
                        switch try await applier.applyIfNeeded(object, owner: owner, logger: logger) {
                        case .unchanged: return Outcome(index: index, steps: [])
                        case .applied(.drifted): return Outcome(index: index, steps: [.reverted(identity)])
                        case .applied: return Outcome(index: index, steps: [.applied(identity)])
                        case .replacing(let fields):
                            return Outcome(
                                index: index,
                                steps: [.replaced(identity, fields: fields), .waiting(reason: "recreating \(identity)", requeueAfter: .seconds(1))])
                        case .awaitingDeletion:
                            return Outcome(index: index, steps: [.waiting(reason: "\(identity) is being deleted", requeueAfter: .seconds(1))])
                        }
                    } catch {
                        logger.warning(
                            "apply failed", metadata: ["object": .string(ObjectIdentity(object).description), "error": .string("\(error)")])
                        return Outcome(index: index, steps: [.failed(error)])
                    }
                }
            }
            var collected: [Outcome] = []
            collected.reserveCapacity(objects.count)
            for await outcome in group { collected.append(outcome) }
            return collected
        }
        return outcomes.sorted { $0.index < $1.index }.flatMap { $0.steps }
    }
}
