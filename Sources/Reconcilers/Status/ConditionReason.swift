/// The `reason` values the operator writes on ClusterPolicy conditions. The wire field stays a string
/// (Kubernetes reasons are open-ended); this enum is the closed set we produce.
package enum ConditionReason: String, Sendable, Hashable, CaseIterable {
    /// Ready: every component is ready.
    case reconciled = "Reconciled"
    /// Ready: no node has an NVIDIA GPU.
    case noGPUNodes = "NoGPUNodes"
    /// Ready: no node carries NFD labels.
    case nfdLabelsMissing = "NFDLabelsMissing"
    /// Ready=False: GPU nodes are still being labelled.
    case nodesNotLabelled = "NodesNotLabelled"
    /// Error: the reconcile failed.
    case reconcileFailed = "ReconcileFailed"
    /// Error: some component is not ready.
    case operandNotReady = "OperandNotReady"
    /// Ready=False: see the Error condition.
    case error = "Error"
    /// Error=False, or a component that is ready.
    case ready = "Ready"
    /// A component the policy disables.
    case disabled = "Disabled"
    /// A component whose pods are not all ready.
    case notReady = "NotReady"
    /// A component whose objects could not be written.
    case failed = "Failed"
    /// Another ClusterPolicy is in effect.
    case ignored = "Ignored"
    /// NVIDIA's operator still runs; this one writes nothing until it is stopped.
    case upstreamOperatorRunning = "UpstreamOperatorRunning"
    /// Objects labelled as ours that another operator left are kept.
    case foreignObjectsKept = "ForeignObjectsKept"
    /// RuntimeFlavors: every GPU node runs the same distribution and container runtime.
    case runtimeDetected = "RuntimeDetected"
    /// RuntimeFlavors: GPU nodes run different distributions or runtimes; the toolkit is split.
    case mixedRuntimeFlavors = "MixedRuntimeFlavors"
}

/// The two upstream condition types every status carries; components add their own
/// (``Manifests/Component/conditionType``).
package enum PolicyConditionType {
    /// `Ready`.
    package static let ready = "Ready"
    /// `Error`.
    package static let error = "Error"
    /// `ForeignObjects`: present only while objects another operator left are kept.
    package static let foreignObjects = "ForeignObjects"
    /// `RuntimeFlavors`: the distribution and container runtime detected on the GPU nodes.
    package static let runtimeFlavors = "RuntimeFlavors"
}
