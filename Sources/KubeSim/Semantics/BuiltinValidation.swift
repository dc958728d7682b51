import KubeModels

/// The validation rules of the built-in kinds that matter to the operator's tests: workload
/// selectors must be present, match the template and never change; pod templates need named
/// containers with images.
package enum BuiltinValidation {
    /// Causes for an invalid object of `kind` (empty when valid).
    /// - Parameters:
    ///   - kind: the built-in kind.
    ///   - object: the object after defaulting.
    ///   - old: the previous version on update, for immutability checks.
    package static func problems(kind: String, object: JSONValue, old: JSONValue?) -> [StatusCause] {
        switch kind {
        case "DaemonSet", "Deployment":
            return workloadProblems(object, old: old)
        case "Pod":
            return podSpecProblems(object["spec"], field: "spec")
        case "PodDisruptionBudget":
            return disruptionBudgetProblems(object)
        case "ConfigMap", "Secret":
            if old?["immutable"]?.boolValue == true, old?["data"] != object["data"] || old?["binaryData"] != object["binaryData"] {
                return [StatusCause(reason: "FieldValueForbidden", message: "Forbidden: field is immutable when `immutable` is set", field: "data")]
            }
            return []
        default:
            return []
        }
    }

    /// Selector presence, match with the template labels, immutability, and the pod template.
    static func workloadProblems(_ object: JSONValue, old: JSONValue?) -> [StatusCause] {
        var causes: [StatusCause] = []
        guard let selectorValue = object["spec"]?["selector"] else {
            return [StatusCause(reason: "FieldValueRequired", message: "Required value", field: "spec.selector")]
        }
        let labels = object["spec"]?["template"]?["metadata"]?["labels"]?.stringMap ?? [:]
        if let selector = LabelSelector(labelSelectorObject: selectorValue) {
            if selector.isEverything {
                causes.append(
                    StatusCause(
                        reason: "FieldValueInvalid", message: "Invalid value: {}: empty selector is invalid for daemonset", field: "spec.selector"))
            } else if !selector.matches(labels) {
                causes.append(
                    StatusCause(
                        reason: "FieldValueInvalid",
                        message: "Invalid value: \(JSONValue(stringMap: labels).serializedString()): `selector` does not match template `labels`",
                        field: "spec.template.metadata.labels"))
            }
        } else {
            causes.append(
                StatusCause(
                    reason: "FieldValueInvalid", message: "Invalid value: \(selectorValue.serializedString()): invalid label selector",
                    field: "spec.selector"))
        }
        if let old, let oldSelector = old["spec"]?["selector"], oldSelector != selectorValue {
            causes.append(
                StatusCause(
                    reason: "FieldValueInvalid", message: "Invalid value: \(selectorValue.serializedString()): field is immutable",
                    field: "spec.selector"))
        }
        causes += podSpecProblems(object["spec"]?["template"]?["spec"], field: "spec.template.spec")
        return causes
    }

    /// Containers must exist, be uniquely named and have images.
    static func podSpecProblems(_ spec: JSONValue?, field: String) -> [StatusCause] {
        guard let containers = spec?["containers"]?.arrayValue, !containers.isEmpty else {
            return [StatusCause(reason: "FieldValueRequired", message: "Required value", field: "\(field).containers")]
        }
        var causes: [StatusCause] = []
        var names: Set<String> = []
        for listName in ["initContainers", "containers"] {
            for (index, container) in (spec?[listName]?.arrayValue ?? []).enumerated() {
                let path = "\(field).\(listName)[\(index)]"
                let name = container["name"]?.stringValue ?? ""
                if name.isEmpty {
                    causes.append(StatusCause(reason: "FieldValueRequired", message: "Required value", field: "\(path).name"))
                } else if !names.insert(name).inserted {
                    causes.append(StatusCause(reason: "FieldValueDuplicate", message: "Duplicate value: \"\(name)\"", field: "\(path).name"))
                }
                if (container["image"]?.stringValue ?? "").isEmpty {
                    causes.append(StatusCause(reason: "FieldValueRequired", message: "Required value", field: "\(path).image"))
                }
            }
        }
        return causes
    }
}
