import KubeModels

/// The `/openapi/v3` documents: per group-version, a path per resource whose PATCH operation
/// carries `x-kubernetes-group-version-kind` and the `fieldValidation` parameter (what kubectl looks
/// for to rely on server-side field validation), plus custom resources' schemas for `kubectl explain`.
///
/// Built-in kinds list no strategic-merge-patch body type, so kubectl's client-side apply computes
/// their patches from its compiled-in types rather than from (absent) OpenAPI schemas.
package enum OpenAPIDocument {
    /// `/openapi/v3`: the group-version index with content hashes.
    /// - Parameter documents: each group-version path (`api/v1`, `apis/apps/v1`) with its document.
    package static func root(_ documents: [(path: String, document: JSONValue)]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for (path, document) in documents {
            let hash = String(RandomNames.fnv1a32(document.serialized()), radix: 16, uppercase: true)
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")]
        }
        return ["paths": .object(paths)]
    }

    /// The index path of a group-version: `api/v1` or `apis/<group>/<version>`.
    package static func indexPath(group: String, version: String) -> String {
        group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
    }

    /// The document of one group-version.
    package static func document(resources: [APIResource]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        var schemas: [String: JSONValue] = [
            "io.k8s.apimachinery.pkg.apis.meta.v1.Patch": [
                "type": "object", "description": "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
            ]
        ]
        for resource in resources {
            let type = resource.type
            let gvk: JSONValue = ["group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind)]
            let schemaName = schemaName(type)
            var schema: JSONValue = ["type": "object"]
            if let crdSchema = resource.schema {
                do {
                    schema = try JSONValue(encoding: crdSchema)
                } catch {
                    schema = ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
                }
            }
            schema["x-kubernetes-group-version-kind"] = [gvk]
            schemas[schemaName] = schema
            let base =
                type.isNamespaced
                ? "\(type.groupVersionPath)/namespaces/{namespace}/\(type.plural)"
                : "\(type.groupVersionPath)/\(type.plural)"
            var pathParameters: [JSONValue] = [parameter("name", in: "path", required: true)]
            if type.isNamespaced { pathParameters.append(parameter("namespace", in: "path", required: true)) }
            let response: JSONValue = [
                "200": ["description": "OK", "content": ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(schemaName)")]]]]
            ]
            let patchBody: JSONValue = ["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"]
            paths["\(base)/{name}"] = [
                "get": [
                    "operationId": .string("read\(type.kind)"), "x-kubernetes-action": "get",
                    "x-kubernetes-group-version-kind": gvk, "responses": response,
                ],
                "put": [
                    "operationId": .string("replace\(type.kind)"), "x-kubernetes-action": "put",
                    "x-kubernetes-group-version-kind": gvk, "responses": response,
                    "parameters": .array(writeParameters()),
                ],
                "patch": [
                    "operationId": .string("patch\(type.kind)"), "x-kubernetes-action": "patch",
                    "x-kubernetes-group-version-kind": gvk,
                    "parameters": .array(writeParameters() + [parameter("force", in: "query", type: "boolean")]),
                    "requestBody": [
                        "content": [
                            "application/apply-patch+yaml": ["schema": patchBody],
                            "application/json-patch+json": ["schema": patchBody],
                            "application/merge-patch+json": ["schema": patchBody],
                        ],
                        "required": true,
                    ],
                    "responses": response,
                ],
                "parameters": .array(pathParameters),
            ]
        }
        return [
            "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "v1.32.0"],
            "paths": .object(paths), "components": ["schemas": .object(schemas)],
        ]
    }

    /// The query parameters of write operations (`dryRun`, `fieldManager`, `fieldValidation`).
    static func writeParameters() -> [JSONValue] {
        [parameter("dryRun", in: "query"), parameter("fieldManager", in: "query"), parameter("fieldValidation", in: "query")]
    }

    /// One OpenAPI parameter object.
    static func parameter(_ name: String, in location: String, required: Bool = false, type: String = "string") -> JSONValue {
        var parameter: [String: JSONValue] = [
            "name": .string(name), "in": .string(location), "schema": ["type": .string(type), "uniqueItems": true],
        ]
        if required { parameter["required"] = true }
        return .object(parameter)
    }

    /// The component schema name of a kind, e.g. `com.nvidia.v1.ClusterPolicy` or `io.k8s.api.apps.v1.DaemonSet`.
    static func schemaName(_ type: ResourceType) -> String {
        if type.group.isEmpty { return "io.k8s.api.core.\(type.version).\(type.kind)" }
        if !type.group.contains(".") || type.group.hasSuffix(".k8s.io") {
            let short = type.group.split(separator: ".").first.map(String.init) ?? type.group
            return "io.k8s.api.\(short).\(type.version).\(type.kind)"
        }
        return type.group.split(separator: ".").reversed().joined(separator: ".") + ".\(type.version).\(type.kind)"
    }
}
