import KubeModels

/// Decides whether a DaemonSet pod belongs on a node, as the DaemonSet controller does: the node
/// must match the pod's `nodeSelector` and required node affinity, and the pod must tolerate the
/// node's `NoSchedule`/`NoExecute` taints (DaemonSet pods also get the controller's automatic
/// tolerations).
package enum NodeEligibility {
    /// The verdict for one node.
    package struct Decision: Sendable, Hashable {
        /// A new daemon pod should be placed there.
        package var shouldRun: Bool
        /// An existing daemon pod may stay (false when the selector no longer matches or a
        /// `NoExecute` taint is not tolerated).
        package var shouldContinueRunning: Bool
    }

    /// Tolerations the DaemonSet controller adds to every daemon pod.
    package static let daemonSetTolerations: [JSONValue] = [
        ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"],
        ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"],
        ["key": "node.kubernetes.io/disk-pressure", "operator": "Exists", "effect": "NoSchedule"],
        ["key": "node.kubernetes.io/memory-pressure", "operator": "Exists", "effect": "NoSchedule"],
        ["key": "node.kubernetes.io/pid-pressure", "operator": "Exists", "effect": "NoSchedule"],
        ["key": "node.kubernetes.io/unschedulable", "operator": "Exists", "effect": "NoSchedule"],
    ]

    /// Evaluates a pod spec against a node.
    /// - Parameters:
    ///   - podSpec: the DaemonSet's `spec.template.spec`.
    ///   - node: the Node object.
    package static func evaluate(podSpec: JSONValue, node: JSONValue) -> Decision {
        let labels = node["metadata"]?["labels"]?.stringMap ?? [:]
        let name = node["metadata"]?["name"]?.stringValue ?? ""
        guard matchesNodeSelector(podSpec["nodeSelector"], labels: labels),
            matchesRequiredAffinity(podSpec["affinity"], labels: labels, nodeName: name)
        else { return Decision(shouldRun: false, shouldContinueRunning: false) }
        let tolerations = (podSpec["tolerations"]?.arrayValue ?? []) + daemonSetTolerations
        var shouldRun = true
        var shouldContinue = true
        for taint in node["spec"]?["taints"]?.arrayValue ?? [] {
            let effect = taint["effect"]?.stringValue ?? ""
            guard effect == "NoSchedule" || effect == "NoExecute" else { continue }
            if tolerations.contains(where: { tolerates($0, taint) }) { continue }
            shouldRun = false
            if effect == "NoExecute" { shouldContinue = false }
        }
        return Decision(shouldRun: shouldRun, shouldContinueRunning: shouldContinue)
    }

    /// Whether every `nodeSelector` entry is a node label with the same value.
    package static func matchesNodeSelector(_ selector: JSONValue?, labels: [String: String]) -> Bool {
        guard let entries = selector?.objectValue else { return true }
        return entries.allSatisfy { key, value in labels[key] == value.stringValue }
    }

    /// Whether the node satisfies `requiredDuringSchedulingIgnoredDuringExecution` (any term).
    package static func matchesRequiredAffinity(_ affinity: JSONValue?, labels: [String: String], nodeName: String) -> Bool {
        guard let terms = affinity?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?.arrayValue
        else { return true }
        return terms.contains { term in
            let expressions = term["matchExpressions"]?.arrayValue ?? []
            let fields = term["matchFields"]?.arrayValue ?? []
            guard !expressions.isEmpty || !fields.isEmpty else { return false }
            return expressions.allSatisfy { requirement($0, value: labels[$0["key"]?.stringValue ?? ""]) }
                && fields.allSatisfy { field in
                    field["key"]?.stringValue == "metadata.name" && requirement(field, value: nodeName)
                }
        }
    }

    private static func requirement(_ expression: JSONValue, value: String?) -> Bool {
        let values = expression["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
        switch expression["operator"]?.stringValue {
        case "In": return value.map(values.contains) ?? false
        case "NotIn": return !(value.map(values.contains) ?? false)
        case "Exists": return value != nil
        case "DoesNotExist": return value == nil
        case "Gt": return value.flatMap { Int64($0) }.flatMap { actual in values.first.flatMap { Int64($0) }.map { actual > $0 } } ?? false
        case "Lt": return value.flatMap { Int64($0) }.flatMap { actual in values.first.flatMap { Int64($0) }.map { actual < $0 } } ?? false
        default: return false
        }
    }

    /// Whether a toleration tolerates a taint (Kubernetes `Toleration.ToleratesTaint`).
    package static func tolerates(_ toleration: JSONValue, _ taint: JSONValue) -> Bool {
        let effect = toleration["effect"]?.stringValue ?? ""
        if !effect.isEmpty, effect != taint["effect"]?.stringValue { return false }
        let key = toleration["key"]?.stringValue ?? ""
        let op = toleration["operator"]?.stringValue ?? "Equal"
        if key.isEmpty { return op == "Exists" }
        guard key == taint["key"]?.stringValue else { return false }
        switch op {
        case "Exists": return true
        case "Equal", "": return (toleration["value"]?.stringValue ?? "") == (taint["value"]?.stringValue ?? "")
        default: return false
        }
    }
}
