import KubeModels

/// The ClusterPolicy custom resource (`nvidia.com/v1`, cluster-scoped): one declaration of the whole
/// GPU node stack.
package struct ClusterPolicy: KubeResource, Hashable {
    package static let resourceType = ResourceType.clusterPolicies
    package var apiVersion: String? = "nvidia.com/v1"
    package var kind: String? = "ClusterPolicy"
    package var metadata: ObjectMeta
    package var spec: ClusterPolicySpec
    package var status: ClusterPolicyStatus?

    /// Creates a policy.
    package init(metadata: ObjectMeta, spec: ClusterPolicySpec = ClusterPolicySpec(), status: ClusterPolicyStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    /// Decodes a policy; a missing `spec` decodes as empty.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decodeIfPresent(ClusterPolicySpec.self, forKey: .spec) ?? ClusterPolicySpec()
        status = try c.decodeIfPresent(ClusterPolicyStatus.self, forKey: .status)
    }
}

/// The observed state of a ClusterPolicy.
package struct ClusterPolicyStatus: Codable, Sendable, Hashable {
    /// `ready`, `notReady` or `ignored`.
    package var state: PolicyState
    /// The namespace the operands run in.
    package var namespace: String?
    /// The spec generation this status describes.
    package var observedGeneration: Int64?
    /// `Ready` and `Error` (upstream's pair) plus one condition per component.
    package var conditions: [Condition]?

    /// Creates a status.
    package init(state: PolicyState, namespace: String? = nil, observedGeneration: Int64? = nil, conditions: [Condition]? = nil) {
        self.state = state
        self.namespace = namespace
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }
}

/// A status condition (`metav1.Condition`).
package struct Condition: Codable, Sendable, Hashable {
    package var type: String
    /// `True`, `False` or `Unknown`.
    package var status: ConditionStatus
    package var observedGeneration: Int64?
    package var lastTransitionTime: String
    package var reason: String
    package var message: String

    /// Creates a condition.
    package init(type: String, status: ConditionStatus, observedGeneration: Int64? = nil, lastTransitionTime: String, reason: String, message: String)
    {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// A ClusterPolicy's overall state (`status.state`; the CRD admits exactly these values).
package enum PolicyState: String, Codable, Sendable, Hashable {
    /// Every enabled component is ready.
    case ready
    /// Something is not ready or failed; the conditions say what.
    case notReady
    /// Another ClusterPolicy is in effect.
    case ignored
}

/// A condition's status (`metav1.ConditionStatus`; the CRD admits exactly these values).
package enum ConditionStatus: String, Codable, Sendable, Hashable {
    /// The condition holds.
    case `true` = "True"
    /// The condition does not hold.
    case `false` = "False"
    /// Not known.
    case unknown = "Unknown"
}
