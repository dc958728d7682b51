import KubeModels
import Manifests

/// What applying a policy would do on one node.
package struct NodePlan: Sendable, Hashable {
    package var node: String
    /// Human-readable actions, in order; empty: nothing happens on the node.
    package var actions: [String]
}

/// Turns object changes into per-node consequences, purely: label changes (operands gained or lost),
/// pods restarted by a changed DaemonSet template, driver restarts through the upgrade sequence with
/// the GPU pods they affect, images to pull.
package enum NodePlanner {
    /// What the planner reads besides the changes.
    package struct Cluster: Sendable {
        package var nodes: [NodeSnapshot]
        /// Pods in the operand namespace (the DaemonSets' pods).
        package var operandPods: [Pod]
        /// Running or pending pods that use GPUs, in every namespace.
        package var gpuPods: [Pod]

        /// Creates the inputs.
        package init(nodes: [NodeSnapshot], operandPods: [Pod], gpuPods: [Pod]) {
            self.nodes = nodes
            self.operandPods = operandPods
            self.gpuPods = gpuPods
        }
    }

    /// A plan per GPU node, and per other node with something to do, sorted by node name.
    package static func plan(changes: [ObjectChange], spec: ClusterPolicySpec, cluster: Cluster) -> [NodePlan] {
        let daemonSets = changes.filter { $0.identity.resourceType == .daemonSets }
        return cluster.nodes.sorted { $0.name < $1.name }.compactMap { node in
            var actions: [String] = []
            let labelChanges = NodeLabelRules.changes(for: node.labels, spec: spec, runtimeFlavor: node.runtimeFlavor)
            actions += labelActions(labelChanges)
            var labels = node.labels
            for (key, value) in labelChanges { labels[key] = value }
            let pods = cluster.operandPods.filter { $0.spec?.nodeName == node.name }
            for change in daemonSets {
                actions += daemonSetActions(change, node: node.name, labels: labels, pods: pods, spec: spec, cluster: cluster)
            }
            let isGPU = labels[NodeLabelKeys.gpuPresent] == "true"
            return isGPU || !actions.isEmpty ? NodePlan(node: node.name, actions: actions) : nil
        }
    }

    private static func labelActions(_ changes: [String: String?]) -> [String] {
        changes.sorted { $0.key < $1.key }.map { key, value in
            if key.hasPrefix(NodeLabelKeys.deployPrefix) {
                let component = String(key.dropFirst(NodeLabelKeys.deployPrefix.count))
                return value == "true" ? "gains \(component) (label \(key)=true)" : "loses \(component) (label \(key) removed)"
            }
            return value.map { "label \(key)=\($0)" } ?? "label \(key) removed"
        }
    }

    private static func daemonSetActions(
        _ change: ObjectChange, node: String, labels: [String: String], pods: [Pod], spec: ClusterPolicySpec, cluster: Cluster
    ) -> [String] {
        let name = change.identity.name
        let owned = pods.filter { $0.metadata.ownerReferences?.contains { $0.kind == "DaemonSet" && $0.name == name } ?? false }
            .compactMap(\.metadata.name).sorted()
        switch change.action {
        case .delete:
            return owned.map { "loses \(name) pod \($0) (DaemonSet deleted)" }
        case .create:
            guard let rendered = change.rendered, schedules(rendered, onNodeWith: labels) else { return [] }
            return ["gains a \(name) pod (new DaemonSet)"] + pulls(rendered, replacing: nil)
        case .update:
            guard let rendered = change.rendered, let live = change.live else { return [] }
            let template = rendered[path: ["spec", "template"]]
            guard template != live[path: ["spec", "template"]] else { return [] }
            if owned.isEmpty {
                return schedules(rendered, onNodeWith: labels) ? ["gains a \(name) pod"] + pulls(rendered, replacing: nil) : []
            }
            var actions: [String]
            if name.hasPrefix("nvidia-driver-daemonset") {
                actions = driverActions(rendered: rendered, live: live, pods: owned, node: node, spec: spec, cluster: cluster)
            } else if rendered[path: ["spec", "updateStrategy", "type"]]?.stringValue == "OnDelete" {
                actions = owned.map { "\(name) pod \($0) keeps the old template until it is deleted (OnDelete)" }
            } else {
                actions = owned.map { "rolling restart of \(name) pod \($0)" }
            }
            return actions + pulls(rendered, replacing: live)
        }
    }

    /// A driver DaemonSet change: restarts through the upgrade sequence, or not at all with autoUpgrade off.
    private static func driverActions(
        rendered: JSONValue, live: JSONValue, pods: [String], node: String, spec: ClusterPolicySpec, cluster: Cluster
    ) -> [String] {
        let policy = spec.driver.upgradePolicy
        guard policy?.autoUpgrade ?? true else {
            return pods.map {
                "driver pod \($0) is not restarted (driver.upgradePolicy.autoUpgrade is off): the node keeps its driver until the pod is deleted"
            }
        }
        if digest(rendered) != nil, digest(rendered) == digest(live) {
            return pods.map { "driver pod \($0) restarts without evicting workloads (the driver installation is unchanged)" }
        }
        let gpuPods = cluster.gpuPods.filter { $0.spec?.nodeName == node && !GPUPods.isDaemonSetPod($0) }
            .map { "\($0.metadata.namespace ?? "default")/\($0.metadata.name ?? "")" }.sorted()
        var steps = ["cordon"]
        if let wait = policy?.waitForCompletion, let selector = wait.podSelector, !selector.isEmpty {
            steps.append("wait for pods \(selector) to complete" + (wait.timeoutSeconds.map { $0 > 0 ? " (up to \($0) s)" : "" } ?? ""))
        }
        steps.append(gpuPods.isEmpty ? "no GPU pods to evict" : "evict GPU pods \(gpuPods.joined(separator: ", "))")
        if policy?.drain?.enable == true { steps.append("drain the node" + (policy?.drain?.timeoutSeconds.map { " (up to \($0) s)" } ?? "")) }
        steps += ["restart driver pod \(pods.joined(separator: ", "))", "validate", "uncordon"]
        return ["driver restart through the upgrade sequence: " + steps.joined(separator: ", ")]
    }

    private static func digest(_ daemonSet: JSONValue) -> String? {
        let containers = daemonSet[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        for container in containers {
            for variable in container["env"]?.arrayValue ?? [] where variable["name"] == "DRIVER_CONFIG_DIGEST" {
                return variable["value"]?.stringValue
            }
        }
        return nil
    }

    /// Images of the rendered template that the live template does not run (pulled on the node).
    private static func pulls(_ rendered: JSONValue, replacing live: JSONValue?) -> [String] {
        let before = Set(live.map(images) ?? [])
        return images(rendered).filter { !before.contains($0) }.map { "pulls \($0)" }
    }

    private static func images(_ daemonSet: JSONValue) -> [String] {
        let spec = daemonSet[path: ["spec", "template", "spec"]]
        let containers = (spec?["initContainers"]?.arrayValue ?? []) + (spec?["containers"]?.arrayValue ?? [])
        var seen: [String] = []
        for image in containers.compactMap({ $0["image"]?.stringValue }) where !seen.contains(image) { seen.append(image) }
        return seen
    }

    /// Whether the DaemonSet's nodeSelector and required node affinity (`In`/`NotIn`/`Exists`/
    /// `DoesNotExist` expressions) admit a node with `labels`.
    static func schedules(_ daemonSet: JSONValue, onNodeWith labels: [String: String]) -> Bool {
        let spec = daemonSet[path: ["spec", "template", "spec"]]
        for (key, value) in spec?["nodeSelector"]?.objectValue ?? [:] where labels[key] != value.stringValue { return false }
        let terms = spec?[path: ["affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"]]?.arrayValue
        guard let terms, !terms.isEmpty else { return true }
        return terms.contains { term in
            (term["matchExpressions"]?.arrayValue ?? []).allSatisfy { expression in
                let key = expression["key"]?.stringValue ?? ""
                let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue)
                switch expression["operator"]?.stringValue {
                case "In": return labels[key].map(values.contains) ?? false
                case "NotIn": return !(labels[key].map(values.contains) ?? false)
                case "Exists": return labels[key] != nil
                case "DoesNotExist": return labels[key] == nil
                default: return false
                }
            }
        }
    }
}
