import KubeModels
import Manifests

/// The MIG manager's reconciler: its objects and DaemonSet like any operand, plus what only it
/// reports — the MIG reconfigurations its pods carry out. A node whose `nvidia.com/mig.config.state`
/// is `failed` or `pending` (or `rebooting`) keeps the component not ready and is named, since its
/// GPU operands are paused or its GPUs are not in the layout the admin asked for
/// (takeover-and-operands.md §2.4, §2.5).
package struct MIGManagerReconciler: ComponentReconciler {
    /// The MIG manager.
    package let component = Component.migManager
    private let context: ControllerContext
    private let objects: ComponentObjects

    /// Creates the reconciler over the loop's context (for the nodes) and the shared object logic.
    package init(context: ControllerContext, objects: ComponentObjects) {
        self.context = context
        self.objects = objects
    }

    /// Applies, prunes and reports the component, with the nodes' MIG reconfiguration states.
    package func reconcile(_ pass: ReconcilePass) async -> ComponentReport {
        var report = await objects.reconcile(component, pass: pass)
        guard pass.isEnabled(component), report.status.state != .failed else { return report }
        let nodes = pass.facts.gpuNodes.compactMap { name in context.node(name).map { (name, $0.labels) } }
        guard let message = MIGReconfiguration.summary(of: nodes) else { return report }
        let ready = report.status.state == .ready
        report.status = ComponentStatus(
            component: component, state: .notReady, message: ready ? message : "\(report.status.message); \(message)")
        return report
    }
}

/// The MIG reconfigurations the MIG manager reports on nodes, summarised for the status. Pure.
package enum MIGReconfiguration {
    /// One sentence naming the nodes whose reconfiguration failed or is in progress (`nil`: none).
    /// - Parameter nodes: GPU nodes' names and labels, in any order.
    package static func summary(of nodes: [(name: String, labels: [String: String])]) -> String? {
        let failed = nodes.filter { $0.labels[NodeLabelKeys.migConfigState] == "failed" }.map(\.name).sorted()
        let inProgress = nodes.filter { ["pending", "rebooting"].contains($0.labels[NodeLabelKeys.migConfigState]) }.map(\.name).sorted()
        var parts: [String] = []
        if !failed.isEmpty {
            parts.append(
                "MIG reconfiguration failed on \(NameList.abbreviated(failed, limit: 5)): read the nvidia-mig-manager pod's log on the node and set "
                    + "\(NodeLabelKeys.migConfig) to a layout its GPUs support")
        }
        if !inProgress.isEmpty {
            parts.append("MIG reconfiguration in progress on \(NameList.abbreviated(inProgress, limit: 5)) (GPU operands there are paused)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
