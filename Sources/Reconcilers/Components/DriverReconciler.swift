import KubeModels
import Manifests

/// The driver's reconciler. The driver differs from the other DaemonSet components in ways that
/// belong here, not in the shared logic: it may render one DaemonSet per kernel (precompiled drivers),
/// so a kernel leaving the cluster prunes its DaemonSet while the others stay; and its DaemonSets use
/// the `OnDelete` update strategy, so a changed template does not restart running drivers — pods on
/// an older revision are reported as waiting for a restart, node by node. (Automatic upgrades, which
/// restart them safely, extend this type.)
package struct DriverReconciler: ComponentReconciler {
    /// Always ``Manifests/Component/driver``.
    package let component = Component.driver
    private let objects: ComponentObjects
    private let upgrades: DriverUpgradeController

    /// Creates the driver's reconciler over the shared object logic.
    package init(context: ControllerContext, objects: ComponentObjects) {
        self.objects = objects
        upgrades = DriverUpgradeController(context: context)
    }

    /// Applies the driver's objects, prunes DaemonSets of kernels no longer present, and reports
    /// readiness (pods on an older revision count as not ready).
    package func reconcile(_ pass: ReconcilePass) async -> ComponentReport {
        let report = await objects.reconcile(.driver, pass: pass)
        return await upgrades.reconcile(pass, report: report)
    }
}
