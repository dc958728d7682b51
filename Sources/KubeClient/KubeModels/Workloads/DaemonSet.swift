/// A DaemonSet (`apps/v1`): the shape of every operand the operator deploys.
package struct DaemonSet: KubeResource, Hashable {
    package static let resourceType = ResourceType.daemonSets
    package var apiVersion: String? = "apps/v1"
    package var kind: String? = "DaemonSet"
    package var metadata: ObjectMeta
    package var spec: DaemonSetSpec?
    package var status: DaemonSetStatus?

    /// Creates a DaemonSet.
    package init(metadata: ObjectMeta, spec: DaemonSetSpec? = nil, status: DaemonSetStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The desired state of a DaemonSet.
package struct DaemonSetSpec: Codable, Sendable, Hashable {
    package var selector: LabelSelector
    package var template: PodTemplateSpec
    package var updateStrategy: DaemonSetUpdateStrategy?
    package var minReadySeconds: Int?
    package var revisionHistoryLimit: Int?

    /// Creates a spec.
    package init(selector: LabelSelector, template: PodTemplateSpec, updateStrategy: DaemonSetUpdateStrategy? = nil) {
        self.selector = selector
        self.template = template
        self.updateStrategy = updateStrategy
    }
}

/// How a DaemonSet replaces pods when its template changes.
package struct DaemonSetUpdateStrategy: Codable, Sendable, Hashable {
    /// `RollingUpdate` or `OnDelete`.
    package var type: String?
    package var rollingUpdate: RollingUpdateDaemonSet?

    /// Creates a strategy.
    package init(type: String?, rollingUpdate: RollingUpdateDaemonSet? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// Rolling-update parameters of a DaemonSet.
package struct RollingUpdateDaemonSet: Codable, Sendable, Hashable {
    package var maxUnavailable: IntOrString?
    package var maxSurge: IntOrString?

    /// Creates rolling-update parameters.
    package init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

/// The observed state of a DaemonSet, written by the DaemonSet controller.
package struct DaemonSetStatus: Codable, Sendable, Hashable {
    package var currentNumberScheduled: Int?
    package var numberMisscheduled: Int?
    package var desiredNumberScheduled: Int?
    package var numberReady: Int?
    package var observedGeneration: Int64?
    package var updatedNumberScheduled: Int?
    package var numberAvailable: Int?
    package var numberUnavailable: Int?
    package var collisionCount: Int?

    /// Creates an empty status.
    package init() {}
}

/// A label selector (`metav1.LabelSelector`).
package struct LabelSelector: Codable, Sendable, Hashable {
    package var matchLabels: [String: String]?
    package var matchExpressions: [LabelSelectorRequirement]?

    /// Creates a selector matching these labels.
    package init(matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

/// One set-based requirement of a label selector.
package struct LabelSelectorRequirement: Codable, Sendable, Hashable {
    package var key: String
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    package var `operator`: String
    package var values: [String]?
}
