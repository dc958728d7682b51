import KubeModels

/// The legacy discovery documents (`/api`, `/apis`, `/apis/<group>`, `/api/v1`,
/// `/apis/<group>/<version>`) and `/version`, built from the served resources.
package enum Discovery {
    /// `/version`: Kubernetes v1.32.0, matching the installed kubectl.
    package static let version: JSONValue = [
        "major": "1", "minor": "32", "gitVersion": "v1.32.0", "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean", "buildDate": "2024-12-11T00:00:00Z", "goVersion": "go1.23.3", "compiler": "gc",
        "platform": "linux/amd64",
    ]

    /// `/api`.
    package static func coreVersions(serverAddress: String) -> JSONValue {
        [
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    /// `/apis`: every non-core group.
    package static func groupList(_ groups: [(name: String, versions: [String])]) -> JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups.filter { !$0.name.isEmpty }.map(group))]
    }

    /// `/apis/<group>`.
    package static func group(_ group: (name: String, versions: [String])) -> JSONValue {
        let versions: [JSONValue] = group.versions.map { ["groupVersion": .string("\(group.name)/\($0)"), "version": .string($0)] }
        var document: [String: JSONValue] = ["name": .string(group.name), "versions": .array(versions)]
        if let preferred = versions.first { document["preferredVersion"] = preferred }
        return .object(document)
    }

    /// `/apis/<group>` as a standalone document.
    package static func groupDocument(_ group: (name: String, versions: [String])) -> JSONValue {
        var document = self.group(group)
        document["kind"] = "APIGroup"
        document["apiVersion"] = "v1"
        return document
    }

    /// `/api/v1` or `/apis/<group>/<version>`.
    package static func resourceList(groupVersion: String, resources: [APIResource]) -> JSONValue {
        var entries: [JSONValue] = []
        for resource in resources {
            var entry: [String: JSONValue] = [
                "name": .string(resource.type.plural), "singularName": .string(resource.singularName),
                "namespaced": .bool(resource.type.isNamespaced), "kind": .string(resource.type.kind),
                "verbs": .array(APIResource.standardVerbs.map { .string($0) }),
                "storageVersionHash": .string(
                    Base64.encode(Array(String(RandomNames.fnv1a32("\(resource.groupResource)".utf8), radix: 16).utf8)).prefix(12).description),
            ]
            if !resource.shortNames.isEmpty { entry["shortNames"] = .array(resource.shortNames.map { .string($0) }) }
            if !resource.categories.isEmpty { entry["categories"] = .array(resource.categories.map { .string($0) }) }
            entries.append(.object(entry))
            if resource.groupResource == ControllerQueue.pods {
                entries.append([
                    "name": "pods/eviction", "singularName": "", "namespaced": true, "group": "policy", "version": "v1", "kind": "Eviction",
                    "verbs": ["create"],
                ])
            }
            if resource.hasStatusSubresource {
                entries.append([
                    "name": .string("\(resource.type.plural)/status"), "singularName": "", "namespaced": .bool(resource.type.isNamespaced),
                    "kind": .string(resource.type.kind), "verbs": ["get", "patch", "update"],
                ])
            }
        }
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(entries)]
    }
}
