import KubeModels

/// Renders a ClusterPolicy into every object the operator applies. Pure: the same policy and facts
/// always give the same objects, byte for byte; `--dry-run` and the reconcilers both call it.
package enum Renderer {
    /// Renders all enabled components in apply order, preceded by the operator's Namespace.
    /// - Parameters:
    ///   - policy: the ClusterPolicy (defaults of the CRD schema already applied or not: both work).
    ///   - facts: what the cluster looks like.
    /// - Throws: ``RenderError`` naming the spec field that cannot be rendered.
    package static func render(_ policy: ClusterPolicy, facts: ClusterFacts) throws(RenderError) -> RenderResult {
        if facts.openShift {
            throw RenderError(nil, "OpenShift clusters are not supported by this operator (no SCCs, no Driver Toolkit)")
        }
        let context = RenderContext(policy: policy, facts: facts)
        var objects = [try namespace(context)]
        var enabled: [Component] = []
        for component in Component.allCases where component.isEnabled(in: context.spec) {
            enabled.append(component)
            let templates = try TemplateLibrary.templates(for: component).map { fillNamespace($0.value, context.facts.namespace) }
            for value in try transform(component, templates, context) {
                objects.append(try finalize(value, component: component, context))
            }
        }
        return RenderResult(objects: objects, enabledComponents: enabled)
    }

    private static func transform(_ component: Component, _ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        switch component {
        case .preRequisites: try PrerequisitesRender.render(objects, context)
        case .operatorMetrics: try OperatorMetricsRender.render(objects, context)
        case .driver: try DriverRender.render(objects, context)
        case .containerToolkit: try ToolkitRender.render(objects, context)
        case .operatorValidation: try ValidatorRender.render(objects, context)
        case .devicePlugin: try DevicePluginRender.render(objects, context)
        case .mpsControlDaemon: try MPSControlDaemonRender.render(objects, context)
        case .dcgm: try DCGMRender.render(objects, context)
        case .dcgmExporter: try DCGMExporterRender.render(objects, context)
        case .gpuFeatureDiscovery: try GPUFeatureDiscoveryRender.render(objects, context)
        case .migManager: try MIGManagerRender.render(objects, context)
        }
    }

    /// The operator's namespace; labelled for Pod Security Admission when `psa.enabled`.
    private static func namespace(_ context: RenderContext) throws(RenderError) -> RenderedObject {
        var metadata: JSONValue = ["name": .string(context.facts.namespace)]
        if context.spec.psa.enabled == true {
            metadata["labels"] = [
                "pod-security.kubernetes.io/enforce": "privileged",
                "pod-security.kubernetes.io/audit": "privileged",
                "pod-security.kubernetes.io/warn": "privileged",
            ]
        }
        var body: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": metadata]
        let hash = ObjectHash.of(body)
        body["metadata"]?["annotations"] = [OwnershipLabels.hashAnnotation: .string(hash)]
        return RenderedObject(component: .preRequisites, resourceType: .namespaces, body: body)
    }

    /// Puts namespaced objects, binding subjects and ServiceMonitor selectors in the operator namespace.
    private static func fillNamespace(_ object: JSONValue, _ namespace: String) -> JSONValue {
        var object = object
        let kind = object["kind"]?.stringValue ?? ""
        if object[path: ["metadata", "namespace"]] != nil { object["metadata"]?["namespace"] = .string(namespace) }
        if kind == "RoleBinding" || kind == "ClusterRoleBinding", case .array(var subjects)? = object["subjects"] {
            for index in subjects.indices
            where kind == "ClusterRoleBinding" || subjects[index]["namespace"]?.stringValue == TemplateLibrary.placeholder {
                subjects[index]["namespace"] = .string(namespace)
            }
            object["subjects"] = .array(subjects)
        }
        if kind == "ServiceMonitor", object[path: ["spec", "namespaceSelector", "matchNames"]] != nil {
            object["spec"]?["namespaceSelector"]?["matchNames"] = [.string(namespace)]
        }
        return object
    }

    /// Adds ownership labels, `daemonsets` labels/annotations on DaemonSets, and the hash annotation.
    private static func finalize(_ object: JSONValue, component: Component, _ context: RenderContext) throws(RenderError) -> RenderedObject {
        var object = object
        let kind = object["kind"]?.stringValue ?? ""
        guard let resourceType = resourceTypes[kind] else {
            throw RenderError(nil, "template of \(component.rawValue) has unsupported kind \(kind)")
        }
        var labels = object[path: ["metadata", "labels"]]?.objectValue ?? [:]
        var annotations = object[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        if kind == "DaemonSet" {
            for (key, value) in context.spec.daemonsets.labels ?? [:] { labels[key] = .string(value) }
            for (key, value) in context.spec.daemonsets.annotations ?? [:] { annotations[key] = .string(value) }
        }
        labels[OwnershipLabels.managedByKey] = .string(OwnershipLabels.managedByValue)
        labels[OwnershipLabels.componentKey] = .string(component.labelValue)
        object["metadata"]?["labels"] = .object(labels)
        annotations[OwnershipLabels.hashAnnotation] = nil
        if annotations.isEmpty {
            object["metadata"]?["annotations"] = nil
        } else {
            object["metadata"]?["annotations"] = .object(annotations)
        }
        let hash = ObjectHash.of(object)
        annotations[OwnershipLabels.hashAnnotation] = .string(hash)
        object["metadata"]?["annotations"] = .object(annotations)
        return RenderedObject(component: component, resourceType: resourceType, body: object)
    }

    /// The resource of each kind a template may contain.
    package static let resourceTypes: [String: ResourceType] = [
        "ServiceAccount": .serviceAccounts, "Role": .roles, "ClusterRole": .clusterRoles, "RoleBinding": .roleBindings,
        "ClusterRoleBinding": .clusterRoleBindings, "ConfigMap": .configMaps, "Service": .services,
        "DaemonSet": .daemonSets, "RuntimeClass": .runtimeClasses, "ServiceMonitor": .serviceMonitors,
        "Namespace": .namespaces,
    ]
}
