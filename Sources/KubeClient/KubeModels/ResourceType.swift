/// Identifies a Kubernetes resource collection: API group, version, plural name, kind and scope.
///
/// Paths are built from it without I/O, e.g. `/apis/apps/v1/namespaces/ns/daemonsets/name`.
package struct ResourceType: Sendable, Hashable, CustomStringConvertible {
    /// API group; empty for the core (legacy) group.
    package var group: String
    package var version: String
    /// Lower-case plural resource name, e.g. `daemonsets`.
    package var plural: String
    package var kind: String
    package var isNamespaced: Bool

    /// Creates a resource descriptor.
    package init(group: String, version: String, plural: String, kind: String, isNamespaced: Bool) {
        self.group = group
        self.version = version
        self.plural = plural
        self.kind = kind
        self.isNamespaced = isNamespaced
    }

    /// `group/version`, or just `version` for the core group.
    package var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The API root of the group-version: `/api/v1` or `/apis/<group>/<version>`.
    package var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The URL path of a collection or of one object.
    /// - Parameters:
    ///   - namespace: the namespace for namespaced resources; `nil` lists across all namespaces.
    ///   - name: the object name, or `nil` for the collection.
    ///   - subresource: e.g. `status`.
    package func path(namespace: String? = nil, name: String? = nil, subresource: String? = nil) -> String {
        var path = groupVersionPath
        if isNamespaced, let namespace { path += "/namespaces/\(namespace)" }
        path += "/\(plural)"
        if let name {
            path += "/\(name)"
            if let subresource { path += "/\(subresource)" }
        }
        return path
    }

    /// `plural.group` (or just `plural` for the core group), as kubectl names resources.
    package var description: String { group.isEmpty ? plural : "\(plural).\(group)" }
}

extension ResourceType {
    package static let namespaces = ResourceType(group: "", version: "v1", plural: "namespaces", kind: "Namespace", isNamespaced: false)
    package static let nodes = ResourceType(group: "", version: "v1", plural: "nodes", kind: "Node", isNamespaced: false)
    package static let pods = ResourceType(group: "", version: "v1", plural: "pods", kind: "Pod", isNamespaced: true)
    package static let serviceAccounts = ResourceType(group: "", version: "v1", plural: "serviceaccounts", kind: "ServiceAccount", isNamespaced: true)
    package static let configMaps = ResourceType(group: "", version: "v1", plural: "configmaps", kind: "ConfigMap", isNamespaced: true)
    package static let secrets = ResourceType(group: "", version: "v1", plural: "secrets", kind: "Secret", isNamespaced: true)
    package static let services = ResourceType(group: "", version: "v1", plural: "services", kind: "Service", isNamespaced: true)
    package static let events = ResourceType(group: "", version: "v1", plural: "events", kind: "Event", isNamespaced: true)
    package static let eventsV1 = ResourceType(group: "events.k8s.io", version: "v1", plural: "events", kind: "Event", isNamespaced: true)
    package static let daemonSets = ResourceType(group: "apps", version: "v1", plural: "daemonsets", kind: "DaemonSet", isNamespaced: true)
    package static let deployments = ResourceType(group: "apps", version: "v1", plural: "deployments", kind: "Deployment", isNamespaced: true)
    package static let controllerRevisions = ResourceType(
        group: "apps", version: "v1", plural: "controllerrevisions", kind: "ControllerRevision", isNamespaced: true)
    package static let roles = ResourceType(group: "rbac.authorization.k8s.io", version: "v1", plural: "roles", kind: "Role", isNamespaced: true)
    package static let roleBindings = ResourceType(
        group: "rbac.authorization.k8s.io", version: "v1", plural: "rolebindings", kind: "RoleBinding", isNamespaced: true)
    package static let clusterRoles = ResourceType(
        group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterroles", kind: "ClusterRole", isNamespaced: false)
    package static let clusterRoleBindings = ResourceType(
        group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterrolebindings", kind: "ClusterRoleBinding", isNamespaced: false)
    package static let runtimeClasses = ResourceType(
        group: "node.k8s.io", version: "v1", plural: "runtimeclasses", kind: "RuntimeClass", isNamespaced: false)
    package static let podDisruptionBudgets = ResourceType(
        group: "policy", version: "v1", plural: "poddisruptionbudgets", kind: "PodDisruptionBudget", isNamespaced: true)
    package static let leases = ResourceType(group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease", isNamespaced: true)
    package static let customResourceDefinitions = ResourceType(
        group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions", kind: "CustomResourceDefinition", isNamespaced: false)
    package static let clusterPolicies = ResourceType(
        group: "nvidia.com", version: "v1", plural: "clusterpolicies", kind: "ClusterPolicy", isNamespaced: false)
    package static let serviceMonitors = ResourceType(
        group: "monitoring.coreos.com", version: "v1", plural: "servicemonitors", kind: "ServiceMonitor", isNamespaced: true)
}
