import CoreMetrics
import KubeClient
import KubeModels
import Logging
import Manifests

extension ObjectApplier {
    /// Deletes an object whose immutable `fields` differ from the desired ones, so the next pass
    /// creates ours. A DaemonSet goes with `propagationPolicy: Orphan`: its pods keep running, the
    /// recreated DaemonSet adopts them and replaces them under its own update strategy (one node at a
    /// time for a rolling update; through the upgrade controller for the `OnDelete` driver), so no
    /// node loses its operand at once. Other kinds go with background propagation. The delete is
    /// conditional on the uid we looked at, so a newer object of the same name is never deleted.
    /// - Throws: ``ReconcileError/apply(_:cause:)`` carrying the API error.
    func replace(
        _ identity: ObjectIdentity, live: JSONValue, fields: [String], desired: JSONValue, logger: Logger
    ) async throws(ReconcileError) {
        let context = self.context
        let propagation: PropagationPolicy = identity.resourceType == .daemonSets ? .orphan : .background
        let uid = live["metadata"]?["uid"]?.stringValue
        let cached = context.owned.get(identity)
        do {
            _ = try await context.client.delete(
                identity.resourceType, name: identity.name, namespace: identity.namespace, propagation: propagation,
                preconditions: uid.map { Preconditions(uid: $0) })
        } catch {
            throw .apply(identity, cause: error)
        }
        let generation = live["metadata"]?["annotations"]?[Replacements.templateGenerationAnnotation]?.stringValue.flatMap { Int64($0) }
        context.replacements.record(identity, templateGeneration: generation ?? 1)
        var going =
            cached ?? LiveObject(resourceType: identity.resourceType, metadata: ObjectMeta(name: identity.name, namespace: identity.namespace))
        going.isDeleting = true
        context.ownedWrites.expect(identity, before: cached?.resourceVersion, after: nil, value: .deleting(going), now: context.time.now())
        context.appliedMarkers.forget(identity)
        context.metrics.applies(reason: "replaced").increment()
        for field in fields {
            logger.notice(
                "replacing object: immutable field differs",
                metadata: [
                    "object": .string(identity.description), "field": .string(field),
                    "live": .string(ImmutableFields.describe(field, of: live)), "desired": .string(ImmutableFields.describe(field, of: desired)),
                    "propagation": .string(propagation.rawValue),
                ])
        }
    }

    /// The live object, read from the server (not the label-filtered cache: someone else's object may
    /// not carry our labels).
    func fetch(_ identity: ObjectIdentity) async throws(ReconcileError) -> JSONValue? {
        do {
            return try await context.client.get(identity.resourceType, name: identity.name, namespace: identity.namespace)
        } catch {
            throw .apply(identity, cause: error)
        }
    }
}
