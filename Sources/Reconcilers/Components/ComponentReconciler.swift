import KubeModels
import Logging
import Manifests

/// The control logic of one component of the GPU stack. ``ClusterReconciler`` renders the active
/// policy once and hands every component reconciler the same ``ReconcilePass``, in apply order; each
/// one owns, for its component: the desired objects (taken from the pass's render), apply under the
/// hash/drift rule, prune, readiness, and its status condition.
///
/// - Important: implementations are `Sendable` values called from one worker at a time (the queue
///   never runs the cluster key twice at once); shared mutable state lives in the context's caches
///   and expectation records.
package protocol ComponentReconciler: Sendable {
    /// The component whose condition this reconciler reports.
    var component: Component { get }

    /// Converges the component towards the pass's render and reports how it stands.
    func reconcile(_ pass: ReconcilePass) async -> ComponentReport
}

/// The inputs every component reconciler of one cluster reconcile shares: the active policy, the
/// one render, the facts it was made from, and the ownerReference to put on owned objects.
package struct ReconcilePass: Sendable {
    /// The active ClusterPolicy.
    package var policy: ClusterPolicy
    /// The render of the policy over the facts.
    package var render: RenderResult
    /// The facts the render was made from, with the GPU nodes and NFD presence.
    package var facts: ClusterFactsBuilder.Result
    /// Whether prometheus-operator's ServiceMonitor CRD is served (ServiceMonitors are applied only then).
    package var serviceMonitorsServed: Bool
    /// The reconcile's logger (metadata: reconcile id, clusterpolicy).
    package var logger: Logger
    /// GPU nodes whose labels the node-label reconciler has not written yet, sorted.
    package var unlabelledGPUNodes: [String] = []

    /// Creates a pass.
    package init(
        policy: ClusterPolicy, render: RenderResult, facts: ClusterFactsBuilder.Result, serviceMonitorsServed: Bool, logger: Logger
    ) {
        self.policy = policy
        self.render = render
        self.facts = facts
        self.serviceMonitorsServed = serviceMonitorsServed
        self.logger = logger
    }

    /// Whether some node has an NVIDIA GPU. Without one, DaemonSets are neither applied nor pruned.
    package var hasGPUNodes: Bool { !facts.gpuNodes.isEmpty }

    /// The controller ownerReference to the active ClusterPolicy.
    package var owner: OwnerReference {
        OwnerReference(
            apiVersion: "nvidia.com/v1", kind: "ClusterPolicy", name: policy.metadata.name ?? "", uid: policy.metadata.uid ?? "",
            controller: true, blockOwnerDeletion: true)
    }

    /// Whether the policy enables `component`.
    package func isEnabled(_ component: Component) -> Bool { render.enabledComponents.contains(component) }

    /// The objects of `component` to apply now: its rendered objects, less DaemonSets while there is no
    /// GPU node and ServiceMonitors while their CRD is not served.
    package func desired(_ component: Component) -> [RenderedObject] {
        render.objects(of: component).filter { object in
            !(object.resourceType == .daemonSets && !hasGPUNodes) && !(object.resourceType == .serviceMonitors && !serviceMonitorsServed)
        }
    }

    /// Every rendered object's identity (what must not be pruned), whatever its component.
    package var renderedIdentities: Set<ObjectIdentity> { Set(render.objects.map(ObjectIdentity.init)) }
}
