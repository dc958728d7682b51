import CoreMetrics
import KubeClient
import KubeModels
import Logging
import Manifests

/// Writes rendered objects with server-side apply and deletes pruned ones. It never writes into the
/// watch caches: each apply is recorded as an expectation (read back through ``OwnedObjectsView``)
/// and its change marker kept as the drift baseline (``AppliedMarkers``).
package struct ObjectApplier: Sendable {
    private let context: ControllerContext

    /// Creates an applier.
    package init(context: ControllerContext) { self.context = context }

    /// Applies `object` if the plan says so.
    /// - Parameters:
    ///   - object: the rendered object.
    ///   - owner: the controller ownerReference to the active ClusterPolicy (not set on the Namespace).
    ///   - logger: the reconcile's logger.
    /// - Returns: why it was applied, or `nil` when no write was needed.
    /// - Throws: ``ReconcileError/apply(_:cause:)`` carrying the API error.
    package func applyIfNeeded(_ object: RenderedObject, owner: OwnerReference, logger: Logger) async throws(ReconcileError) -> ApplyPlan.Reason? {
        let identity = ObjectIdentity(object)
        let cached = context.owned.get(identity)
        let live = context.ownedView.live(identity)
        let baseline = context.appliedMarkers.baseline(identity, adopting: live?.changeMarker)
        guard let reason = ApplyPlan.reason(desired: object, live: live, lastApplied: baseline) else { return nil }
        var body = object.body
        do {
            if object.isOwned { body["metadata"]?["ownerReferences"] = try JSONValue(encoding: [owner]) }
            let answer = try await context.client.apply(object.resourceType, body, fieldManager: OwnershipLabels.fieldManager, force: true)
            let metadata = try answer["metadata"].map { try $0.decode(as: ObjectMeta.self) } ?? ObjectMeta()
            let daemonSet = object.resourceType == .daemonSets ? try answer.decode(as: DaemonSet.self) : nil
            let applied = LiveObject(resourceType: object.resourceType, metadata: metadata)
            context.ownedWrites.expect(
                identity, before: cached?.resourceVersion, after: applied.resourceVersion,
                value: .applied(AppliedObject(live: applied, daemonSet: daemonSet)), now: context.time.now())
            context.appliedMarkers.record(identity, marker: applied.changeMarker)
        } catch {
            throw .apply(identity, cause: error)
        }
        context.metrics.applies(reason: reason.rawValue).increment()
        logger.info(
            "applied",
            metadata: [
                "object": .string(identity.description), "reason": .string(reason.rawValue), "component": .string(object.component.rawValue),
            ])
        return reason
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
