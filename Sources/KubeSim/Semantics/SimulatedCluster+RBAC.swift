import KubeModels

extension SimulatedCluster {
    static let clusterRoles = GroupResource(group: "rbac.authorization.k8s.io", resource: "clusterroles")
    static let roles = GroupResource(group: "rbac.authorization.k8s.io", resource: "roles")
    static let clusterRoleBindings = GroupResource(group: "rbac.authorization.k8s.io", resource: "clusterrolebindings")
    static let roleBindings = GroupResource(group: "rbac.authorization.k8s.io", resource: "rolebindings")

    /// The stored RBAC objects, for the authorizer of a server started with RBAC.
    package func rbacSnapshot() -> RBACSnapshot {
        var snapshot = RBACSnapshot()
        for role in store.objects(Self.clusterRoles) {
            snapshot.clusterRoles[role.value[path: ["metadata", "name"]]?.stringValue ?? ""] = role.value["rules"]?.arrayValue ?? []
        }
        for role in store.objects(Self.roles) {
            let namespace = role.value[path: ["metadata", "namespace"]]?.stringValue ?? ""
            snapshot.roles[namespace, default: [:]][role.value[path: ["metadata", "name"]]?.stringValue ?? ""] = role.value["rules"]?.arrayValue ?? []
        }
        snapshot.clusterRoleBindings = store.objects(Self.clusterRoleBindings).map(\.value)
        snapshot.roleBindings = store.objects(Self.roleBindings).map { ($0.value[path: ["metadata", "namespace"]]?.stringValue ?? "", $0.value) }
        return snapshot
    }
}
