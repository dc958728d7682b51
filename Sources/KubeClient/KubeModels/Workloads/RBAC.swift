/// A namespaced Role (`rbac.authorization.k8s.io/v1`).
package struct Role: KubeResource, Hashable {
    package static let resourceType = ResourceType.roles
    package var apiVersion: String? = "rbac.authorization.k8s.io/v1"
    package var kind: String? = "Role"
    package var metadata: ObjectMeta
    package var rules: [PolicyRule]?
}

/// A cluster-wide ClusterRole (`rbac.authorization.k8s.io/v1`).
package struct ClusterRole: KubeResource, Hashable {
    package static let resourceType = ResourceType.clusterRoles
    package var apiVersion: String? = "rbac.authorization.k8s.io/v1"
    package var kind: String? = "ClusterRole"
    package var metadata: ObjectMeta
    package var rules: [PolicyRule]?
}

/// One permission rule of a Role or ClusterRole.
package struct PolicyRule: Codable, Sendable, Hashable {
    package var apiGroups: [String]?
    package var resources: [String]?
    package var resourceNames: [String]?
    package var verbs: [String]
    package var nonResourceURLs: [String]?
}

/// A RoleBinding (`rbac.authorization.k8s.io/v1`).
package struct RoleBinding: KubeResource, Hashable {
    package static let resourceType = ResourceType.roleBindings
    package var apiVersion: String? = "rbac.authorization.k8s.io/v1"
    package var kind: String? = "RoleBinding"
    package var metadata: ObjectMeta
    package var roleRef: RoleRef
    package var subjects: [Subject]?
}

/// A ClusterRoleBinding (`rbac.authorization.k8s.io/v1`).
package struct ClusterRoleBinding: KubeResource, Hashable {
    package static let resourceType = ResourceType.clusterRoleBindings
    package var apiVersion: String? = "rbac.authorization.k8s.io/v1"
    package var kind: String? = "ClusterRoleBinding"
    package var metadata: ObjectMeta
    package var roleRef: RoleRef
    package var subjects: [Subject]?
}

/// The role a binding grants.
package struct RoleRef: Codable, Sendable, Hashable {
    package var apiGroup: String
    package var kind: String
    package var name: String
}

/// Who a binding grants the role to.
package struct Subject: Codable, Sendable, Hashable {
    package var kind: String
    package var name: String
    package var namespace: String?
    package var apiGroup: String?
}
