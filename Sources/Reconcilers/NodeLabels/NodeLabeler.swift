import CoreMetrics
import KubeClient
import KubeModels
import Logging
import Manifests

/// Reconciles one node's labels: computes the changes with ``NodeLabelRules`` and sends them as a
/// single JSON merge patch, or nothing when the node is already right.
package struct NodeLabeler: Sendable {
    private let context: ControllerContext

    /// Creates a labeler.
    package init(context: ControllerContext) { self.context = context }

    /// Reconciles the labels of `name`.
    /// - Throws: `KubeError` when the patch fails (the queue retries with backoff).
    package func reconcile(_ name: String) async throws {
        guard let node = context.nodes.get(name), let policy = ActivePolicy.select(context.policies.all()) else { return }
        let changes = NodeLabelRules.changes(for: node.labels, spec: policy.spec)
        guard !changes.isEmpty else { return }
        var labels: [String: JSONValue] = [:]
        for (key, value) in changes { labels[key] = value.map(JSONValue.string) ?? .null }
        let patch: JSONValue = ["metadata": ["labels": .object(labels)]]
        do {
            let updated = try await context.client.patch(Node.self, name: name, patch: .merge(patch))
            _ = context.nodes.upsert(updated)
            context.metrics.nodePatches.increment()
            context.logger.debug("labelled node", metadata: ["node": .string(name), "changes": .string(Self.describe(changes))])
        } catch let error as KubeError where error.isNotFound {
            _ = context.nodes.remove(name)
        }
    }

    private static func describe(_ changes: [String: String?]) -> String {
        changes.keys.sorted().map { key in "\(key)=\(changes[key].flatMap { $0 } ?? "-")" }.joined(separator: ",")
    }
}
