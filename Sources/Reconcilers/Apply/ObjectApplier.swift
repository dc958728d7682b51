import CoreMetrics
import KubeClient
import KubeModels
import Logging
import Manifests

/// Writes rendered objects with server-side apply and deletes pruned ones. It never writes into the
/// watch caches: each apply is recorded as an expectation (read back through ``OwnedObjectsView``)
/// and its change marker kept as the drift baseline (``AppliedMarkers``).
package struct ObjectApplier: Sendable {
    let context: ControllerContext

    /// Creates an applier.
    package init(context: ControllerContext) { self.context = context }

    /// What one apply did.
    package enum Outcome: Sendable, Equatable {
        /// Nothing needed writing.
        case unchanged
        /// The object was applied, for this reason.
        case applied(ApplyPlan.Reason)
        /// The live object differs in fields no update may change; it was deleted so a later pass
        /// creates it anew (a DaemonSet with its pods orphaned, to be adopted and rolled).
        case replacing(fields: [String])
        /// The object is being deleted; it is recreated once it is gone.
        case awaitingDeletion
    }

    /// Applies `object` if the plan says so; replaces it when an immutable field stands in the way.
    /// - Parameters:
    ///   - object: the rendered object.
    ///   - owner: the controller ownerReference to the active ClusterPolicy (not set on the Namespace).
    ///   - logger: the reconcile's logger.
    /// - Returns: what was done.
    /// - Throws: ``ReconcileError/apply(_:cause:)`` carrying the API error.
    package func applyIfNeeded(_ object: RenderedObject, owner: OwnerReference, logger: Logger) async throws(ReconcileError) -> Outcome {
        let identity = ObjectIdentity(object)
        let cached = context.owned.get(identity)
        var live = context.ownedView.live(identity)
        if live?.isDeleting == true {
            // Our watches may not select a replaced object (someone else's labels): ask the server.
            guard try await fetch(identity) == nil else { return .awaitingDeletion }
            context.ownedWrites.forget(identity)
            live = nil
        }
        let baseline = context.appliedMarkers.baseline(identity, adopting: live?.changeMarker)
        guard let reason = ApplyPlan.reason(desired: object, live: live, lastApplied: baseline) else { return .unchanged }
        var body = object.body
        let answer: JSONValue
        do {
            if object.isOwned { body["metadata"]?["ownerReferences"] = try JSONValue(encoding: [owner]) }
            if live == nil, let generation = context.replacements.nextTemplateGeneration(identity), object.resourceType == .daemonSets {
                body["metadata"]?["annotations"]?[Replacements.templateGenerationAnnotation] = .string(String(generation))
            }
            answer = try await context.client.apply(object.resourceType, body, fieldManager: OwnershipLabels.fieldManager, force: true)
        } catch let error as KubeError where error.isInvalid {
            // An immutable field of an object someone else created (upstream's operator, an older
            // version) may be what the server refused: look at the live object before giving up.
            let held = try await fetch(identity)
            let fields = held.map { ImmutableFields.conflicts(object.resourceType, desired: body, live: $0) } ?? []
            guard let held, !fields.isEmpty else { throw .apply(identity, cause: error) }
            try await replace(identity, live: held, fields: fields, desired: body, logger: logger)
            return .replacing(fields: fields)
        } catch {
            throw .apply(identity, cause: error)
        }
        // Server-side apply keeps selector keys another manager set; a selector that is not exactly
        // ours is replaced too, so the DaemonSet ends up the one we render.
        let kept = ImmutableFields.conflicts(object.resourceType, desired: body, live: answer)
        if !kept.isEmpty {
            try await replace(identity, live: answer, fields: kept, desired: body, logger: logger)
            return .replacing(fields: kept)
        }
        do {
            let metadata = try answer["metadata"].map { try $0.decode(as: ObjectMeta.self) } ?? ObjectMeta()
            let daemonSet = object.resourceType == .daemonSets ? try answer.decode(as: DaemonSet.self) : nil
            let applied = LiveObject(resourceType: object.resourceType, metadata: metadata)
            context.ownedWrites.expect(
                identity, before: cached?.resourceVersion, after: applied.resourceVersion,
                value: .applied(AppliedObject(live: applied, daemonSet: daemonSet)), now: context.time.now())
            context.appliedMarkers.record(identity, marker: applied.changeMarker)
            context.replacements.forget(identity)
        } catch {
            throw .apply(identity, cause: error)
        }
        context.metrics.applies(reason: reason.rawValue).increment()
        logger.info(
            "applied",
            metadata: [
                "object": .string(identity.description), "reason": .string(reason.rawValue), "component": .string(object.component.rawValue),
            ])
        return .applied(reason)
    }

    /// Deletes an owned object that is no longer wanted (background propagation: its pods go too).
    /// - Throws: ``ReconcileError/prune(_:cause:)`` carrying the API error (NotFound is not an error).
    package func delete(_ object: LiveObject, logger: Logger) async throws(ReconcileError) {
        let cached = context.owned.get(object.key)
        do {
            _ = try await context.client.delete(object.resourceType, name: object.name, namespace: object.namespace, propagation: .background)
        } catch {
            throw .prune(object.key, cause: error)
        }
        context.ownedWrites.expect(object.key, before: cached?.resourceVersion, after: nil, value: .deleted, now: context.time.now())
        context.appliedMarkers.forget(object.key)
        logger.info("pruned", metadata: ["object": .string(object.key.description)])
    }
}
