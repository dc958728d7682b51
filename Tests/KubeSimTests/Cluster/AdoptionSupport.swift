import KubeModels
import Testing

@testable import KubeSim

/// Builders and observers for the DaemonSet replacement (orphan delete, adoption, rollout) tests.
enum Adoption {
    /// The GPU nodes the harness seeds.
    static let nodes = ["gpu-node-0001", "gpu-node-0002", "gpu-node-0003"]

    /// A DaemonSet named `ds` with an explicit selector, template labels and image; `templateGeneration`
    /// sets the `deprecated.daemonset.template.generation` annotation on create.
    static func daemonSet(
        selector: [String: String], labels: [String: String], image: String, onDelete: Bool = false, templateGeneration: Int? = nil
    ) -> JSONValue {
        var object = Fixtures.daemonSet("ds", image: image, strategy: onDelete ? ["type": "OnDelete"] : nil)
            .setting(["spec", "selector"], to: ["matchLabels": JSONValue(stringMap: selector)])
            .setting(["spec", "template", "metadata", "labels"], to: JSONValue(stringMap: labels))
        if let templateGeneration {
            object.set(["metadata", "annotations", BuiltinLifecycle.templateGenerationAnnotation], to: .string(String(templateGeneration)))
        }
        return object
    }

    /// Every event of a collection committed after `resourceVersion`, from a watch that replays them.
    static func events(
        _ harness: ClusterHarness, _ resource: APIResource, after resourceVersion: Int64
    ) async throws -> [(
        type: WatchEventType, object: StoredObject
    )] {
        var options = ListOptions()
        options.resourceVersion = String(resourceVersion)
        let subscription = try await harness.cluster.watch(resource, namespace: "default", options: options)
        await harness.cluster.cancelWatch(subscription.id)
        return subscription.initial.compactMap {
            if case .event(let type, let object) = $0 { return (type, object) }
            return nil
        }
    }

    /// Replays pod events and returns, after each one, how many of ``nodes`` lack a ready pod.
    static func unavailableNodes(replaying events: [(type: WatchEventType, object: StoredObject)], from pods: [StoredObject]) -> [Int] {
        var live: [String: (node: String, ready: Bool)] = [:]
        for pod in pods { live[pod.key.name] = (node(of: pod), PodStatusFactory.isReady(pod.value["status"])) }
        var counts: [Int] = []
        for event in events {
            if event.type == .deleted || event.object.isDeleting {
                live[event.object.key.name] = nil
            } else {
                live[event.object.key.name] = (node(of: event.object), PodStatusFactory.isReady(event.object.value["status"]))
            }
            let covered = Set(live.values.filter(\.ready).map(\.node))
            counts.append(nodes.filter { !covered.contains($0) }.count)
        }
        return counts
    }

    /// The node a pod is bound to.
    static func node(of pod: StoredObject) -> String { pod.value["spec"]?["nodeName"]?.stringValue ?? "" }

    /// A DaemonSet's status field as an integer (0 when absent, as `omitempty` fields read).
    static func status(_ daemonSet: StoredObject, _ field: String) -> Int64 {
        daemonSet.value["status"]?[field]?.intValue ?? 0
    }
}
