import KubeModels

extension SimulatedCluster {
    /// The taint the node lifecycle controller keeps on cordoned nodes.
    static let unschedulableTaintKey = "node.kubernetes.io/unschedulable"

    /// Keeps the `node.kubernetes.io/unschedulable:NoSchedule` taint in step with `spec.unschedulable`
    /// (what the node lifecycle controller does after `kubectl cordon` / `uncordon`). DaemonSet pods
    /// tolerate it, so cordoned nodes keep and receive them.
    func taintUnschedulableNodes() {
        let names = controllers.nodesToTaint
        controllers.nodesToTaint = []
        for name in names.sorted() {
            guard let node = store.object(ControllerQueue.nodes, ObjectKey(namespace: "", name: name)) else { continue }
            let cordoned = node.value["spec"]?["unschedulable"]?.boolValue == true
            var taints = node.value["spec"]?["taints"]?.arrayValue ?? []
            let tainted = taints.contains { $0["key"]?.stringValue == Self.unschedulableTaintKey }
            guard cordoned != tainted else { continue }
            if cordoned {
                taints.append(["key": .string(Self.unschedulableTaintKey), "effect": "NoSchedule", "timeAdded": .string(wallClock().rfc3339)])
            } else {
                taints.removeAll { $0["key"]?.stringValue == Self.unschedulableTaintKey }
            }
            commit(ControllerQueue.nodes, node.value.setting(["spec", "taints"], to: taints.isEmpty ? nil : .array(taints)))
        }
    }
}
