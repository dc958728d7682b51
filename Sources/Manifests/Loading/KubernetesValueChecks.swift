import KubeModels

/// Values the CRD schema cannot express but the API server would reject in the objects rendered from
/// a policy: toleration combinations, label and annotation keys, resource names, negative quantities and
/// requests above limits. Found at load time so `--dry-run` and the reconciler both refuse them before
/// anything is rendered or applied.
package enum KubernetesValueChecks {
    /// Every such problem in `spec`, as errors.
    package static func run(_ spec: ClusterPolicySpec) -> [PolicyChecks.Finding] {
        var findings: [PolicyChecks.Finding] = []
        func error(_ path: FieldPath, _ message: String) {
            findings.append(PolicyChecks.Finding(path: path, message: message, isError: true))
        }
        let daemonsets = FieldPath(dotted: "spec.daemonsets")
        for (index, toleration) in (spec.daemonsets.tolerations ?? []).enumerated() {
            for (field, message) in tolerationProblems(toleration) {
                error(daemonsets.appending("tolerations").appending(index: index).appending(field), message)
            }
        }
        let keyed: [(String, [String: String]?)] = [
            ("spec.daemonsets.labels", spec.daemonsets.labels), ("spec.daemonsets.annotations", spec.daemonsets.annotations),
            ("spec.dcgmExporter.annotations", spec.dcgmExporter.annotations),
            ("spec.dcgmExporter.serviceMonitor.additionalLabels", spec.dcgmExporter.serviceMonitor?.additionalLabels),
            ("spec.operator.metrics.serviceMonitor.additionalLabels", spec.operator.metrics?.serviceMonitor?.additionalLabels),
        ]
        for (section, map) in keyed {
            for key in (map ?? [:]).keys.sorted() {
                if let problem = KubernetesNames.qualifiedNameProblem(key) { error(FieldPath(dotted: section).appending(key), problem) }
            }
        }
        for (section, resources) in componentResources(spec) {
            for (path, message) in resourceProblems(resources, at: FieldPath(dotted: section).appending("resources")) {
                error(path, message)
            }
        }
        return findings
    }

    /// The field and message of each problem in one toleration, as `ValidateTolerations` reports them.
    static func tolerationProblems(_ toleration: Toleration) -> [(String, String)] {
        var problems: [(String, String)] = []
        let key = toleration.key ?? ""
        let isExists = toleration.operator == "Exists"
        if key.isEmpty, !isExists {
            problems.append(("operator", "expected Exists when key is empty (an empty key matches every taint)"))
        }
        if !key.isEmpty, let problem = KubernetesNames.qualifiedNameProblem(key) { problems.append(("key", problem)) }
        if isExists, let value = toleration.value, !value.isEmpty {
            problems.append(("value", "expected no value with operator Exists, got \"\(value)\""))
        }
        if !isExists, let value = toleration.value, let problem = KubernetesNames.labelValueProblem(value) {
            problems.append(("value", problem))
        }
        if toleration.tolerationSeconds != nil, toleration.effect != "NoExecute" {
            problems.append(("effect", "expected NoExecute when tolerationSeconds is set"))
        }
        return problems
    }

    /// The path and message of each problem in one component's resource requirements.
    static func resourceProblems(_ resources: ResourceRequirements, at path: FieldPath) -> [(FieldPath, String)] {
        var problems: [(FieldPath, String)] = []
        for (kind, map) in [("limits", resources.limits), ("requests", resources.requests)] {
            for (name, quantity) in (map ?? [:]).sorted(by: { $0.key < $1.key }) {
                let field = path.appending(kind).appending(name)
                if let problem = KubernetesNames.qualifiedNameProblem(name) { problems.append((field, "resource name: " + problem)) }
                if let value = ResourceQuantity.value(of: quantity), value < 0 {
                    problems.append((field, "expected a quantity greater than or equal to 0, got \(quantity)"))
                }
            }
        }
        for (name, request) in (resources.requests ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let limit = resources.limits?[name], let requested = ResourceQuantity.value(of: request),
                let allowed = ResourceQuantity.value(of: limit), requested > allowed
            else { continue }
            problems.append(
                (path.appending("requests").appending(name), "expected at most the limit \(limit), got \(request)"))
        }
        return problems
    }

    /// Each section whose resources end up on a rendered container.
    private static func componentResources(_ spec: ClusterPolicySpec) -> [(String, ResourceRequirements)] {
        let sections: [(String, ResourceRequirements?)] = [
            ("spec.driver", spec.driver.resources), ("spec.toolkit", spec.toolkit.resources),
            ("spec.devicePlugin", spec.devicePlugin.resources), ("spec.dcgmExporter", spec.dcgmExporter.resources),
            ("spec.dcgm", spec.dcgm.resources), ("spec.gfd", spec.gfd.resources), ("spec.validator", spec.validator.resources),
            ("spec.migManager", spec.migManager.resources),
        ]
        return sections.compactMap { section, resources in resources.map { (section, $0) } }
    }
}
