import CoreMetrics
import KubeClient
import KubeModels
import Logging
import Manifests

/// Writes rendered objects with server-side apply and deletes pruned ones, keeping the owned-object
/// cache current with the server's answers.
package struct ObjectApplier: Sendable {
    private let context: ControllerContext

    /// Creates an applier.
    package init(context: ControllerContext) { self.context = context }

    /// Applies `object` if the plan says so.
    /// - Parameters:
    ///   - object: the rendered object.
    ///   - owner: the controller ownerReference to the active ClusterPolicy (not set on the Namespace).
    /// - Returns: why it was applied, or `nil` when no write was needed.
    /// - Throws: `KubeError` from the API server.
    package func applyIfNeeded(_ object: RenderedObject, owner: OwnerReference) async throws -> ApplyPlan.Reason? {
        let identity = ObjectIdentity(object)
        let live = context.owned.get(identity)
        guard let reason = ApplyPlan.reason(desired: object, live: live, lastApplied: context.owned.appliedMarker(identity)) else {
            return nil
        }
        var body = object.body
        if object.isOwned {
            body["metadata"]?["ownerReferences"] = try JSONValue(encoding: [owner])
        }
        let answer = try await context.client.apply(object.resourceType, body, fieldManager: OwnershipLabels.fieldManager, force: true)
        let metadata = try answer["metadata"].map { try $0.decode(as: ObjectMeta.self) } ?? ObjectMeta()
        let daemonSet = object.resourceType == .daemonSets ? try answer.decode(as: DaemonSet.self) : nil
        context.owned.recordApplied(LiveObject(resourceType: object.resourceType, metadata: metadata), daemonSet: daemonSet)
        context.metrics.applies(reason: reason.rawValue).increment()
        context.logger.info("applied", metadata: [
            "object": .string(identity.description), "reason": .string(reason.rawValue), "component": .string(object.component.rawValue),
        ])
        return reason
    }

    /// Deletes an owned object that is no longer wanted (background propagation: its pods go too).
    /// - Throws: `KubeError` from the API server (NotFound is not an error).
    package func delete(_ object: LiveObject) async throws {
        _ = try await context.client.delete(object.resourceType, name: object.name, namespace: object.namespace, propagation: .background)
        context.owned.remove(object.key)
        context.logger.info("pruned", metadata: ["object": .string(object.key.description)])
    }
}
