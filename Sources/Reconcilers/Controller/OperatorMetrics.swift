import CoreMetrics
import Foundation
import Manifests

/// The operator's Prometheus metrics (upstream's names, plus per-component readiness), recorded
/// through swift-metrics; the `Operator` executable bootstraps the Prometheus backend.
package struct OperatorMetrics: Sendable {
    /// Nodes labelled `nvidia.com/gpu.present=true`.
    package let gpuNodes = Gauge(label: "gpu_operator_gpu_nodes_total")
    /// 1 ready, 0 operands not ready, -1 ClusterPolicy unavailable or failed.
    package let reconciliationStatus = Gauge(label: "gpu_operator_reconciliation_status")
    /// Reconciles that reached the components.
    package let reconciliations = Counter(label: "gpu_operator_reconciliation_total")
    /// Failed or not-ready reconciles.
    package let failedReconciliations = Counter(label: "gpu_operator_reconciliation_failed_total")
    /// Unix time of the last reconcile that left everything ready.
    package let lastSuccess = Gauge(label: "gpu_operator_reconciliation_last_success_ts_seconds")
    /// 1 when some node carries NFD labels.
    package let hasNFDLabels = Gauge(label: "gpu_operator_reconciliation_has_nfd_labels")
    /// Node label patches sent.
    package let nodePatches = Counter(label: "gpu_operator_node_label_patches_total")

    /// Creates the metric handles.
    package init() {}

    /// Readiness of one component (1 ready or disabled, 0 not ready).
    package func componentReady(_ component: Component) -> Gauge {
        Gauge(label: "gpu_operator_component_ready", dimensions: [("component", component.rawValue)])
    }

    /// Applies by reason.
    package func applies(reason: String) -> Counter {
        Counter(label: "gpu_operator_object_applies_total", dimensions: [("reason", reason)])
    }
}

extension OperatorMetrics {
    /// Records a finished cluster reconcile: per-component readiness, the overall status, and the time
    /// of the last reconcile that left everything ready.
    package func record(_ reports: [ComponentReport], isReady: Bool, at now: Date) {
        for report in reports { componentReady(report.component).record(report.isReady ? 1 : 0) }
        if isReady {
            reconciliationStatus.record(1)
            lastSuccess.record(Int(now.timeIntervalSince1970))
        } else {
            reconciliationStatus.record(0)
            failedReconciliations.increment()
        }
    }
}
