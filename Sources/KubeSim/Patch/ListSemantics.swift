import KubeModels

/// How a JSON array at a given place in an object merges: replaced whole, as a set of scalars,
/// or as a map keyed by some fields of its elements (`x-kubernetes-list-type` /
/// `patchMergeKey` in Kubernetes).
package enum ListType: Sendable, Hashable {
    /// Replaced as a whole.
    case atomic
    /// A set of scalars, merged by union.
    case set
    /// Elements identified by the values of these fields.
    case map(keys: [String])
}

/// Answers "what kind of list is at this field path" for a resource, from a CRD schema or from the
/// built-in kinds' patch strategies. Paths name object fields only (list elements are skipped), e.g.
/// `["spec", "template", "spec", "containers", "env"]`.
package struct ListSemantics: Sendable {
    private let schema: JSONSchemaProps?
    private let kind: String

    /// Semantics for a built-in kind (by kind name) or, with a schema, for a custom resource.
    package init(kind: String, schema: JSONSchemaProps? = nil) {
        self.kind = kind
        self.schema = schema
    }

    /// The list type at `path`.
    package func listType(at path: [String]) -> ListType {
        if let schema { return Self.schemaListType(schema, path[...]) }
        return builtinListType(path)
    }

    /// The single merge key strategic merge patch uses at `path`, if the list merges by key.
    package func mergeKey(at path: [String]) -> String? {
        switch listType(at: path) {
        case .map(let keys): return keys.first
        default: return nil
        }
    }

    /// Whether strategic merge patch merges the scalar list at `path` by union.
    package func isMergedPrimitiveList(at path: [String]) -> Bool {
        listType(at: path) == .set
    }

    private static func schemaListType(_ schema: JSONSchemaProps, _ path: ArraySlice<String>) -> ListType {
        guard let first = path.first else {
            switch schema.listType {
            case "map": return .map(keys: schema.listMapKeys ?? [])
            case "set": return .set
            default: return .atomic
            }
        }
        var node = schema
        if node.type == "array", let items = node.items { node = items }
        if let property = node.properties?[first] {
            return schemaListType(property, path.dropFirst())
        }
        if let additional = node.additionalProperties {
            return schemaListType(additional, path.dropFirst())
        }
        return .atomic
    }

    private func builtinListType(_ path: [String]) -> ListType {
        guard let last = path.last else { return .atomic }
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        let containerLists: Set<String> = ["containers", "initContainers", "ephemeralContainers"]
        switch last {
        case "containers", "initContainers", "ephemeralContainers": return .map(keys: ["name"])
        case "env" where containerLists.contains(parent): return .map(keys: ["name"])
        case "ports" where containerLists.contains(parent): return .map(keys: ["containerPort", "protocol"])
        case "ports" where kind == "Service" && parent == "spec": return .map(keys: ["port", "protocol"])
        case "volumeMounts": return .map(keys: ["mountPath"])
        case "volumeDevices": return .map(keys: ["devicePath"])
        case "volumes": return .map(keys: ["name"])
        case "imagePullSecrets": return .map(keys: ["name"])
        case "hostAliases": return .map(keys: ["ip"])
        case "conditions": return .map(keys: ["type"])
        case "ownerReferences" where parent == "metadata": return .map(keys: ["uid"])
        case "finalizers" where parent == "metadata": return .set
        case "topologySpreadConstraints": return .map(keys: ["topologyKey", "whenUnsatisfiable"])
        case "addresses" where kind == "Node": return .map(keys: ["type"])
        case "podCIDRs": return .set
        case "resourceClaims", "schedulingGates": return .map(keys: ["name"])
        case "secrets" where kind == "ServiceAccount": return .map(keys: ["name"])
        default: return .atomic
        }
    }
}
