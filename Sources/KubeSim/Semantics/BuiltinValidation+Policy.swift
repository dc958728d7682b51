import KubeModels

extension BuiltinValidation {
    /// The API server's PodDisruptionBudget spec rules: `minAvailable` and `maxUnavailable` are
    /// non-negative integers or percentages of at most 100%, not both set; the selector is valid.
    static func disruptionBudgetProblems(_ object: JSONValue) -> [StatusCause] {
        let spec = object["spec"] ?? .object([:])
        var causes: [StatusCause] = []
        if spec["minAvailable"] != nil, spec["maxUnavailable"] != nil {
            causes.append(
                StatusCause(
                    reason: "FieldValueInvalid", message: "Invalid value: \"\": minAvailable and maxUnavailable cannot be both set", field: "spec"))
        }
        for field in ["minAvailable", "maxUnavailable"] {
            if let value = spec[field], let problem = intOrPercentProblem(value) {
                causes.append(
                    StatusCause(
                        reason: "FieldValueInvalid", message: "Invalid value: \(value.serializedString()): \(problem)", field: "spec.\(field)"))
            }
        }
        if let selector = spec["selector"], !selector.isNull, LabelSelector(labelSelectorObject: selector) == nil {
            causes.append(
                StatusCause(
                    reason: "FieldValueInvalid", message: "Invalid value: \(selector.serializedString()): invalid label selector",
                    field: "spec.selector"))
        }
        return causes
    }

    /// What is wrong with a non-negative int-or-percent value, as `ValidatePositiveIntOrPercent` and
    /// `IsNotMoreThan100Percent` word it; `nil` when it is valid.
    static func intOrPercentProblem(_ value: JSONValue) -> String? {
        if let number = value.intValue { return number < 0 ? "must be greater than or equal to 0" : nil }
        guard let text = value.stringValue, text.hasSuffix("%"), let percent = Int(text.dropLast()), percent >= 0 else {
            return "must be an integer or percentage (e.g '5%')"
        }
        return percent > 100 ? "must not be greater than 100%" : nil
    }
}
