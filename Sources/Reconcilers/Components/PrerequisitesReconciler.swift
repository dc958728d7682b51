import KubeModels
import Manifests

/// The reconciler of the shared prerequisites: the operand Namespace (applied first and alone: every
/// namespaced object of every component needs it) and the RuntimeClasses. It also prunes owned
/// objects whose component label names no component this operator knows (left by an older version),
/// so nothing the operator created is ever orphaned.
package struct PrerequisitesReconciler: ComponentReconciler {
    /// Always ``Manifests/Component/preRequisites``.
    package let component = Component.preRequisites
    private let objects: ComponentObjects

    /// Creates the reconciler over the shared object logic.
    package init(objects: ComponentObjects) { self.objects = objects }

    /// Applies the Namespace, then the other prerequisites; prunes what is no longer rendered.
    package func reconcile(_ pass: ReconcilePass) async -> ComponentReport {
        let known = Set(Component.allCases.map(\.labelValue))
        return await objects.reconcile(
            .preRequisites, pass: pass, first: { $0.resourceType == .namespaces },
            claims: { object in
                ComponentObjects.belongs(object, to: .preRequisites) || !known.contains(object.labels[OwnershipLabels.componentKey] ?? "")
            })
    }
}
