import KubeModels

/// Who made a request: the generated admin credentials (a superuser, as `system:masters`), or a
/// service account whose token the TokenRequest API issued.
package struct UserInfo: Sendable, Hashable {
    /// `admin`, or `system:serviceaccount:<namespace>:<name>`.
    package var name: String
    /// `system:authenticated`, plus `system:serviceaccounts` and `system:serviceaccounts:<namespace>`.
    package var groups: [String]
    /// Bypasses authorization.
    package var isSuperuser: Bool
    /// Which credential authenticated the request (`client certificate`, or `token <fingerprint>`): tells
    /// apart clients that share a user, for the writer record of the statistics.
    package var credential = "client certificate"

    /// The superuser of the generated credentials.
    package static let admin = UserInfo(name: "admin", groups: ["system:masters", "system:authenticated"], isSuperuser: true)

    /// A service account's identity.
    package static func serviceAccount(namespace: String, name: String) -> UserInfo {
        UserInfo(
            name: "system:serviceaccount:\(namespace):\(name)",
            groups: ["system:serviceaccounts", "system:serviceaccounts:\(namespace)", "system:authenticated"], isSuperuser: false)
    }
}

/// What a resource request asks to do, in RBAC's terms.
package struct RequestAttributes: Sendable, Hashable {
    package var verb: String
    package var group: String
    package var resource: String
    package var subresource: String?
    package var namespace: String?
    package var name: String?

    /// Creates attributes.
    package init(verb: String, group: String, resource: String, subresource: String? = nil, namespace: String? = nil, name: String? = nil) {
        self.verb = verb
        self.group = group
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
    }
}

/// The RBAC objects stored in the cluster: rules by role, and the bindings.
package struct RBACSnapshot: Sendable {
    /// ClusterRole name → rules.
    package var clusterRoles: [String: [JSONValue]] = [:]
    /// Namespace → Role name → rules.
    package var roles: [String: [String: [JSONValue]]] = [:]
    /// Every ClusterRoleBinding.
    package var clusterRoleBindings: [JSONValue] = []
    /// Every RoleBinding, with its namespace.
    package var roleBindings: [(namespace: String, binding: JSONValue)] = []

    /// Creates an empty snapshot.
    package init() {}
}

/// Kubernetes' RBAC authorizer, purely: a request is allowed when a rule of a role bound to the user
/// (a ClusterRoleBinding anywhere; a RoleBinding in the request's namespace) matches its verb, API
/// group, resource (`resource/subresource`) and, where the rule lists them, resource names.
package enum RBACAuthorizer {
    /// Whether `user` may do what `attributes` describe.
    package static func allows(_ user: UserInfo, _ attributes: RequestAttributes, _ rbac: RBACSnapshot) -> Bool {
        if user.isSuperuser { return true }
        for binding in rbac.clusterRoleBindings where binds(binding, to: user) {
            if rules(of: binding, namespace: nil, rbac).contains(where: { matches($0, attributes) }) { return true }
        }
        guard let namespace = attributes.namespace else { return false }
        for (bindingNamespace, binding) in rbac.roleBindings where bindingNamespace == namespace && binds(binding, to: user) {
            if rules(of: binding, namespace: namespace, rbac).contains(where: { matches($0, attributes) }) { return true }
        }
        return false
    }

    /// The rules a binding grants: its ClusterRole's, or (for a RoleBinding) its Role's.
    static func rules(of binding: JSONValue, namespace: String?, _ rbac: RBACSnapshot) -> [JSONValue] {
        let name = binding[path: ["roleRef", "name"]]?.stringValue ?? ""
        switch binding[path: ["roleRef", "kind"]]?.stringValue {
        case "ClusterRole": return rbac.clusterRoles[name] ?? []
        case "Role": return namespace.flatMap { rbac.roles[$0]?[name] } ?? []
        default: return []
        }
    }

    /// Whether one of the binding's subjects is the user.
    static func binds(_ binding: JSONValue, to user: UserInfo) -> Bool {
        (binding["subjects"]?.arrayValue ?? []).contains { subject in
            let name = subject["name"]?.stringValue ?? ""
            switch subject["kind"]?.stringValue {
            case "ServiceAccount":
                return user.name == "system:serviceaccount:\(subject["namespace"]?.stringValue ?? ""):\(name)"
            case "User": return user.name == name
            case "Group": return user.groups.contains(name)
            default: return false
            }
        }
    }

    /// Whether a policy rule covers the request.
    static func matches(_ rule: JSONValue, _ attributes: RequestAttributes) -> Bool {
        let verbs = strings(rule["verbs"])
        let groups = strings(rule["apiGroups"])
        let resources = strings(rule["resources"])
        let names = strings(rule["resourceNames"])
        guard verbs.contains("*") || verbs.contains(attributes.verb) else { return false }
        guard groups.contains("*") || groups.contains(attributes.group) else { return false }
        let wanted = attributes.subresource.map { "\(attributes.resource)/\($0)" } ?? attributes.resource
        let resourceMatches =
            resources.contains("*") || resources.contains(wanted)
            || attributes.subresource.map { resources.contains("*/\($0)") } ?? false
        guard resourceMatches else { return false }
        guard !names.isEmpty else { return true }
        return attributes.name.map(names.contains) ?? false
    }

    static func strings(_ value: JSONValue?) -> [String] { (value?.arrayValue ?? []).compactMap(\.stringValue) }

    /// The message of a 403, as the API server words it.
    package static func forbiddenMessage(_ user: UserInfo, _ attributes: RequestAttributes) -> String {
        let resource = attributes.subresource.map { "\(attributes.resource)/\($0)" } ?? attributes.resource
        let subject = attributes.name.map { "\(resource) \"\($0)\"" } ?? resource
        let scope = attributes.namespace.map { " in the namespace \"\($0)\"" } ?? " at the cluster scope"
        return "\(subject) is forbidden: User \"\(user.name)\" cannot \(attributes.verb) resource \"\(resource)\" in API group "
            + "\"\(attributes.group)\"\(scope)"
    }
}
