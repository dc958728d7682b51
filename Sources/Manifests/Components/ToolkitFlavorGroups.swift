import KubeModels

/// Groups GPU-node flavours by the toolkit configuration they need (runtime and distribution paths):
/// flavours in one group share a DaemonSet. Several groups mean a mixed cluster, where each group's
/// DaemonSet selects its nodes by the flavour label the operator writes.
enum ToolkitFlavorGroups {
    /// The groups, each sorted, ordered by their first flavour.
    static func groups(_ flavors: [RuntimeFlavor]) -> [[RuntimeFlavor]] {
        var byKey: [String: [RuntimeFlavor]] = [:]
        for flavor in Set(flavors) {
            byKey[key(flavor), default: []].append(flavor)
        }
        let groups = byKey.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
        return groups.isEmpty ? [[RuntimeFlavor()]] : groups
    }

    /// What decides the toolkit's configuration for a flavour.
    static func key(_ flavor: RuntimeFlavor) -> String {
        let environment = ToolkitDistributionPaths.environment(for: flavor).map { "\($0.0)=\($0.1)" }
        return ([flavor.runtime.rawValue] + environment).joined(separator: "\n")
    }

    /// Names a group's DaemonSet after its first flavour and pins it to the group's nodes.
    static func select(_ ds: inout DaemonSet, group: [RuntimeFlavor], baseName: String) {
        let name = "\(baseName)-\(group[0].name)"
        ds.metadata.name = name
        ds.metadata.labels?["app"] = name
        ds.spec!.selector.matchLabels?["app"] = name
        var podMetadata = ds.spec!.template.metadata ?? ObjectMeta()
        podMetadata.labels?["app"] = name
        ds.spec!.template.metadata = podMetadata
        let values = JSONValue.array(group.map { .string($0.name) })
        let requirement: JSONValue = ["key": .string(RuntimeFlavor.nodeLabel), "operator": "In", "values": values]
        ds.spec!.template.spec.affinity = [
            "nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [["matchExpressions": [requirement]]]]]
        ]
    }
}
