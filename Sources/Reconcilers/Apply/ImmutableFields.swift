import KubeModels

/// The fields the API server never lets an update change, compared purely between a desired object
/// and the live one. A difference means the object can only be brought to the desired state by
/// replacing it (takeover-and-operands.md §1.3: an older upstream install, or a hand edit).
package enum ImmutableFields {
    /// The immutable fields of `live` that differ from `desired`, as field paths (`spec.selector`,
    /// `roleRef`, `handler`, `data`), in a fixed order; empty when an in-place write can succeed.
    /// - Parameters:
    ///   - type: the kind of both objects.
    ///   - desired: the object we apply.
    ///   - live: the object the server holds (or answered an apply with).
    package static func conflicts(_ type: ResourceType, desired: JSONValue, live: JSONValue) -> [String] {
        switch type {
        case .daemonSets, .deployments:
            let wanted = desired[path: ["spec", "selector"]]
            guard let wanted else { return [] }
            return Selector(wanted) == Selector(live[path: ["spec", "selector"]]) ? [] : ["spec.selector"]
        case .roleBindings, .clusterRoleBindings:
            guard let wanted = desired["roleRef"], let held = live["roleRef"] else { return [] }
            let fields = ["apiGroup", "kind", "name"]
            return fields.allSatisfy({ wanted[$0] == held[$0] }) ? [] : ["roleRef"]
        case .runtimeClasses:
            guard let wanted = desired["handler"], let held = live["handler"] else { return [] }
            return wanted == held ? [] : ["handler"]
        case .configMaps, .secrets:
            guard live["immutable"]?.boolValue == true else { return [] }
            return ["data", "binaryData"].filter { desired[$0] != nil && desired[$0] != live[$0] }
        default:
            return []
        }
    }

    /// A label selector with absent and empty members made equal.
    private struct Selector: Equatable {
        var matchLabels: [String: JSONValue]
        var matchExpressions: [JSONValue]

        init(_ value: JSONValue?) {
            matchLabels = value?["matchLabels"]?.objectValue ?? [:]
            matchExpressions = value?["matchExpressions"]?.arrayValue ?? []
        }
    }

    /// A short rendering of `field` of an object, for Events and logs (`{"app":"x"}`).
    package static func describe(_ field: String, of object: JSONValue) -> String {
        let value = object[path: field.split(separator: ".").map(String.init)]
        return value?.serializedString() ?? "unset"
    }
}
