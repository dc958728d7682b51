import KubeModels

/// Kubernetes' escalation prevention, purely: a user may write a Role or ClusterRole only with rules
/// it holds itself (or with the `escalate` verb on roles), and bind a role only when it holds the
/// role's rules (or has `bind` on it).
extension RBACAuthorizer {
    /// The first rule of `rules` the user does not hold in `namespace` (`nil` for cluster-wide), as
    /// text, or `nil` when it holds them all. Wildcards count literally: granting `*` needs `*`.
    package static func missingRule(_ user: UserInfo, granting rules: [JSONValue], namespace: String?, _ rbac: RBACSnapshot) -> String? {
        for rule in rules {
            let names = strings(rule["resourceNames"])
            for verb in strings(rule["verbs"]) {
                for group in strings(rule["apiGroups"]) {
                    for resource in strings(rule["resources"]) {
                        let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
                        for name in names.isEmpty ? [nil] : names.map(Optional.some) {
                            let attributes = RequestAttributes(
                                verb: verb, group: group, resource: parts[0], subresource: parts.count > 1 ? parts[1] : nil,
                                namespace: namespace, name: name)
                            if !allows(user, attributes, rbac) {
                                return "{APIGroups:[\"\(group)\"], Resources:[\"\(resource)\"], Verbs:[\"\(verb)\"]"
                                    + (name.map { ", ResourceNames:[\"\($0)\"]" } ?? "") + "}"
                            }
                        }
                    }
                }
            }
        }
        return nil
    }

    /// Why a write of an RBAC object by `user` is refused, or `nil` when it is allowed.
    /// - Parameters:
    ///   - resource: `roles`, `clusterroles`, `rolebindings` or `clusterrolebindings`.
    ///   - object: the object as written (a full body: create, update or server-side apply).
    ///   - namespace: the object's namespace (Roles and RoleBindings).
    package static func escalation(_ user: UserInfo, resource: String, object: JSONValue, namespace: String?, _ rbac: RBACSnapshot) -> String? {
        if user.isSuperuser { return nil }
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        switch resource {
        case "roles", "clusterroles":
            let escalate = RequestAttributes(
                verb: "escalate", group: "rbac.authorization.k8s.io", resource: resource, namespace: namespace, name: name)
            if allows(user, escalate, rbac) { return nil }
            let rules = object["rules"]?.arrayValue ?? []
            guard let missing = missingRule(user, granting: rules, namespace: resource == "roles" ? namespace : nil, rbac) else { return nil }
            return "\(resource).rbac.authorization.k8s.io \"\(name)\" is forbidden: user \"\(user.name)\" (groups=\(user.groups)) is attempting "
                + "to grant RBAC permissions not currently held: \(missing)"
        case "rolebindings", "clusterrolebindings":
            let kind = object[path: ["roleRef", "kind"]]?.stringValue ?? ""
            let roleName = object[path: ["roleRef", "name"]]?.stringValue ?? ""
            let bind = RequestAttributes(
                verb: "bind", group: "rbac.authorization.k8s.io", resource: kind == "Role" ? "roles" : "clusterroles",
                namespace: kind == "Role" ? namespace : nil, name: roleName)
            if allows(user, bind, rbac) { return nil }
            let rules = kind == "Role" ? namespace.flatMap { rbac.roles[$0]?[roleName] } ?? [] : rbac.clusterRoles[roleName] ?? []
            let scope = resource == "rolebindings" ? namespace : nil
            guard let missing = missingRule(user, granting: rules, namespace: scope, rbac) else { return nil }
            return "\(resource).rbac.authorization.k8s.io \"\(name)\" is forbidden: user \"\(user.name)\" (groups=\(user.groups)) is attempting "
                + "to grant RBAC permissions not currently held: \(missing)"
        default:
            return nil
        }
    }
}
