import KubeModels
import Manifests

/// The reconciler of a component that is a DaemonSet plus what its pods use (service account, RBAC,
/// ConfigMaps, Services, ServiceMonitor): container toolkit, validator, device plugin, DCGM, DCGM
/// exporter and GPU feature discovery behave alike and share this type, one instance each.
///
/// Each reconcile applies the component's rendered objects (dependencies first, then the DaemonSet),
/// prunes the objects labelled with the component that the render no longer produces (all of them
/// when the policy disables it), and reports the DaemonSet's readiness, naming the nodes behind.
package struct DaemonSetComponentReconciler: ComponentReconciler {
    /// The component.
    package let component: Component
    private let objects: ComponentObjects

    /// Creates the reconciler of `component` over the shared object logic.
    package init(component: Component, objects: ComponentObjects) {
        self.component = component
        self.objects = objects
    }

    /// Applies, prunes and reports the component.
    package func reconcile(_ pass: ReconcilePass) async -> ComponentReport {
        await objects.reconcile(component, pass: pass)
    }
}
