import KubeModels

/// The built-in kinds KubeSim serves, with the metadata of the real API server (short names,
/// categories, status subresource, generation, printers).
package enum BuiltinResources {
    /// Every built-in resource, in discovery order.
    package static let all: [APIResource] = [
        make(.namespaces, "namespace", short: ["ns"], status: true, printer: .builtin("Namespace")),
        make(
            .nodes, "node", short: ["no"], status: true, printer: .builtin("Node"),
            fields: ["spec.unschedulable"]),
        make(
            .pods, "pod", short: ["po"], categories: ["all"], status: true, deletedObject: true, printer: .builtin("Pod"),
            fields: [
                "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName",
            ]),
        make(.serviceAccounts, "serviceaccount", short: ["sa"], printer: .builtin("ServiceAccount")),
        make(.configMaps, "configmap", short: ["cm"], printer: .builtin("ConfigMap")),
        make(.secrets, "secret", printer: .builtin("Secret"), fields: ["type"]),
        make(.services, "service", short: ["svc"], categories: ["all"], status: true, printer: .builtin("Service")),
        make(
            .events, "event", short: ["ev"], printer: .builtin("Event"),
            fields: [
                "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                "reason", "reportingComponent", "source", "type",
            ]),
        make(
            .eventsV1, "event", short: ["ev"], printer: .builtin("Event"),
            fields: [
                "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "reason", "type",
                "reportingController",
            ]),
        make(
            .daemonSets, "daemonset", short: ["ds"], categories: ["all"], status: true, generation: true,
            printer: .builtin("DaemonSet")),
        make(
            .deployments, "deployment", short: ["deploy"], categories: ["all"], status: true, generation: true,
            printer: .builtin("Deployment")),
        make(.controllerRevisions, "controllerrevision", printer: .builtin("ControllerRevision")),
        make(
            .podDisruptionBudgets, "poddisruptionbudget", short: ["pdb"], status: true, generation: true,
            printer: .builtin("PodDisruptionBudget")),
        make(.roles, "role", printer: .builtin("Role")),
        make(.roleBindings, "rolebinding", printer: .builtin("RoleBinding")),
        make(.clusterRoles, "clusterrole", printer: .builtin("Role")),
        make(.clusterRoleBindings, "clusterrolebinding", printer: .builtin("ClusterRoleBinding")),
        make(.runtimeClasses, "runtimeclass", printer: .builtin("RuntimeClass")),
        make(.leases, "lease", printer: .builtin("Lease")),
        make(
            .customResourceDefinitions, "customresourcedefinition", short: ["crd", "crds"], categories: ["api-extensions"],
            status: true, generation: true, unconditional: false, printer: .builtin("CustomResourceDefinition")),
    ]

    /// The preferred order of API groups in discovery (core first, as the real server lists them).
    package static let groupOrder = [
        "", "apiregistration.k8s.io", "apps", "events.k8s.io", "authentication.k8s.io",
        "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io", "networking.k8s.io",
        "policy", "rbac.authorization.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io",
        "apiextensions.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "node.k8s.io",
        "discovery.k8s.io", "flowcontrol.apiserver.k8s.io",
    ]

    private static func make(
        _ type: ResourceType, _ singular: String, short: [String] = [], categories: [String] = [],
        status: Bool = false, generation: Bool = false, unconditional: Bool = true, deletedObject: Bool = false,
        printer: TablePrinterKind, fields: [String] = []
    ) -> APIResource {
        var resource = APIResource(type: type, singularName: singular)
        resource.shortNames = short
        resource.categories = categories
        resource.hasStatusSubresource = status
        resource.hasGeneration = generation
        resource.allowsUnconditionalUpdate = unconditional
        resource.returnsDeletedObject = deletedObject
        resource.printer = printer
        resource.selectableFields = fields
        return resource
    }
}
