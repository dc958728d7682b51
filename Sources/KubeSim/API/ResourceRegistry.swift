import KubeModels

/// Every resource the server currently serves: the built-ins plus one entry per served version of
/// each established CustomResourceDefinition.
///
/// A pure value type owned by ``SimulatedCluster``; installing a CRD makes its resource visible to
/// discovery, OpenAPI and the request router at once.
package struct ResourceRegistry: Sendable {
    private(set) var resources: [APIResource]
    private var index: [String: Int] = [:]
    /// The versions of each CRD-defined resource, by CRD name.
    private(set) var customDefinitions: [String: [APIResource]] = [:]
    /// Increments whenever the set of served resources changes (for OpenAPI hashes).
    package private(set) var generation = 0

    /// Creates a registry serving the built-in resources.
    package init(builtins: [APIResource] = BuiltinResources.all) {
        resources = builtins
        rebuildIndex()
    }

    /// The resource served at `group/version/plural`.
    package func resource(group: String, version: String, plural: String) -> APIResource? {
        index[Self.indexKey(group, version, plural)].map { resources[$0] }
    }

    /// Every resource served in one group-version.
    package func resources(group: String, version: String) -> [APIResource] {
        resources.filter { $0.type.group == group && $0.type.version == version }
    }

    /// Every resource of one storage collection (all its versions).
    package func versions(of groupResource: GroupResource) -> [APIResource] {
        resources.filter { $0.groupResource == groupResource }
    }

    /// The served groups with their versions, preferred version first, in discovery order.
    package var groups: [(name: String, versions: [String])] {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for resource in resources {
            let group = resource.type.group
            if versions[group] == nil { order.append(group) }
            if !(versions[group]?.contains(resource.type.version) ?? false) {
                versions[group, default: []].append(resource.type.version)
            }
        }
        let rank = Dictionary(uniqueKeysWithValues: BuiltinResources.groupOrder.enumerated().map { ($1, $0) })
        order.sort { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
        return order.map { group in
            (group, (versions[group] ?? []).sorted { Self.versionPriority($0) > Self.versionPriority($1) })
        }
    }

    /// Serves the resource a CRD defines, replacing any previous definition of the same CRD.
    /// - Parameter crd: the CustomResourceDefinition object.
    /// - Throws: ``APIError`` 422 when the definition is not usable.
    package mutating func install(crd: JSONValue) throws(APIError) {
        let name = crd["metadata"]?["name"]?.stringValue ?? ""
        let served = try CustomResourceDefinitionParser.resources(from: crd)
        resources.removeAll { $0.definitionName == name }
        resources.append(contentsOf: served)
        customDefinitions[name] = served
        generation += 1
        rebuildIndex()
    }

    /// Stops serving the resource of a CRD.
    package mutating func uninstall(crdName: String) {
        guard customDefinitions.removeValue(forKey: crdName) != nil else { return }
        resources.removeAll { $0.definitionName == crdName }
        generation += 1
        rebuildIndex()
    }

    private mutating func rebuildIndex() {
        index = [:]
        for (position, resource) in resources.enumerated() {
            index[Self.indexKey(resource.type.group, resource.type.version, resource.type.plural)] = position
        }
    }

    private static func indexKey(_ group: String, _ version: String, _ plural: String) -> String {
        "\(group)/\(version)/\(plural)"
    }

    /// Kubernetes version priority: GA > beta > alpha, higher numbers first (`v2` > `v1` > `v1beta2`).
    package static func versionPriority(_ version: String) -> Int {
        let scanner = Array(version.utf8)
        guard scanner.first == UInt8(ascii: "v") else { return 0 }
        var major = 0
        var index = 1
        while index < scanner.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(scanner[index]) {
            major = major * 10 + Int(scanner[index] - UInt8(ascii: "0"))
            index += 1
        }
        let rest = String(decoding: scanner[index...], as: UTF8.self)
        if rest.isEmpty { return 3_000_000 + major * 1000 }
        for (stage, base) in [("beta", 2_000_000), ("alpha", 1_000_000)] where rest.hasPrefix(stage) {
            let minor = Int(rest.dropFirst(stage.count)) ?? 0
            return base + major * 1000 + minor
        }
        return 0
    }
}
