import KubeModels

/// Kubernetes int-or-string values that count pods (`maxUnavailable`, `minAvailable`): an integer, or
/// a percentage of a total.
package enum IntOrPercent {
    /// A value scaled against `total`, percentages rounded up as `intstr.GetScaledValueFromIntOrPercent`
    /// does with `roundUp` (the DaemonSet and disruption controllers both round up), e.g. `25%` of 10 → 3.
    /// Malformed values count as 1.
    package static func scaled(_ value: JSONValue, total: Int) -> Int {
        if let number = value.intValue { return Int(number) }
        if let text = value.stringValue {
            if text.hasSuffix("%"), let percent = Int(text.dropLast()) {
                return (percent * total + 99) / 100
            }
            if let number = Int(text) { return number }
        }
        return 1
    }
}
