import KubeModels
import Manifests

/// What one step of a component reconcile did. A reconcile's steps are its whole account: an object
/// that needed nothing produces no step.
package enum ReconcileStep: Sendable {
    /// The object was missing or its desired state changed; it was applied.
    case applied(ObjectIdentity)
    /// Someone else edited the object; the declared state was applied over the edit.
    case reverted(ObjectIdentity)
    /// The object is no longer wanted (component disabled, no longer rendered); it was deleted.
    case pruned(ObjectIdentity)
    /// The live object differed in immutable `fields`; it was deleted to be created anew.
    case replaced(ObjectIdentity, fields: [String])
    /// A node moved to another driver-upgrade state.
    case advanced(node: String, to: UpgradeState)
    /// The component is waiting for something outside the operator's hands; look again after the hint
    /// (`nil`: a watch event will wake the loop).
    case waiting(reason: String, requeueAfter: Duration?)
    /// A write failed; the component's condition says so and the queue retries with backoff.
    case failed(ReconcileError)
}

/// How one component stands after a reconcile: its steps and its status condition.
package struct ComponentReport: Sendable {
    /// What the reconcile did, in order.
    package var steps: [ReconcileStep]
    /// The component's condition.
    package var status: ComponentStatus

    /// Creates a report.
    package init(steps: [ReconcileStep], status: ComponentStatus) {
        self.steps = steps
        self.status = status
    }

    /// The component.
    package var component: Component { status.component }

    /// The failures among the steps.
    package var failures: [ReconcileError] {
        steps.compactMap { step in
            if case .failed(let error) = step { return error }
            return nil
        }
    }

    /// The objects reverted over someone else's edit.
    package var reverted: [ObjectIdentity] {
        steps.compactMap { step in
            if case .reverted(let identity) = step { return identity }
            return nil
        }
    }

    /// The objects deleted to be recreated, with the immutable fields that differed.
    package var replaced: [(object: ObjectIdentity, fields: [String])] {
        steps.compactMap { step in
            if case .replaced(let identity, let fields) = step { return (identity, fields) }
            return nil
        }
    }

    /// The earliest requeue hint among the waiting steps.
    package var requeueAfter: Duration? {
        steps.compactMap { step -> Duration? in
            if case .waiting(_, let after) = step { return after }
            return nil
        }.min()
    }

    /// Whether the component counts as ready in the overall state.
    package var isReady: Bool { status.state == .ready || status.state == .disabled }
}
