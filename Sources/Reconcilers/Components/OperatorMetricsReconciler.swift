import KubeModels
import Manifests

/// The reconciler of the operator's own metrics objects: the metrics Service and, while
/// prometheus-operator's ServiceMonitor CRD is served, its ServiceMonitor. When the CRD is not
/// served the ServiceMonitor is left out (a CRD watch re-queues the cluster when it appears) and a
/// ServiceMonitor we created earlier is left alone rather than deleted through a missing API.
package struct OperatorMetricsReconciler: ComponentReconciler {
    /// Always ``Manifests/Component/operatorMetrics``.
    package let component = Component.operatorMetrics
    private let objects: ComponentObjects

    /// Creates the reconciler over the shared object logic.
    package init(objects: ComponentObjects) { self.objects = objects }

    /// Applies the metrics objects and prunes what is no longer rendered.
    package func reconcile(_ pass: ReconcilePass) async -> ComponentReport {
        await objects.reconcile(
            .operatorMetrics, pass: pass,
            claims: { object in
                ComponentObjects.belongs(object, to: .operatorMetrics) && (object.resourceType != .serviceMonitors || pass.serviceMonitorsServed)
            })
    }
}
