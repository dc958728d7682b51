import Foundation
import KubeModels
import Testing

@testable import Manifests

/// The Swift model and the CRD schema describe the same fields: a document with every schema field
/// set decodes into the model and encodes back unchanged (schema ⊆ model), and that decoded model has
/// no property left unset (model ⊆ schema).
@Suite("Model and schema coverage")
struct SchemaCoverageTests {
    /// Builds a document with every property of `schema` set to a valid sample value.
    static func sample(_ schema: JSONSchemaProps, depth: Int = 0) -> JSONValue {
        if let values = schema.enumValues, let first = values.first(where: { $0 != "" }) ?? values.first { return first }
        if schema.intOrString == true { return schema.pattern == nil ? "25%" : 1 }
        if schema.preserveUnknownFields == true && schema.properties == nil { return ["runAsUser": 0] }
        switch schema.type {
        case "object":
            if let properties = schema.properties {
                return .object(properties.mapValues { sample($0, depth: depth + 1) })
            }
            if let additional = schema.additionalProperties { return ["example": sample(additional, depth: depth + 1)] }
            return [:]
        case "array":
            return .array([schema.items.map { sample($0, depth: depth + 1) } ?? "x"])
        case "string":
            switch schema.pattern {
            case CommonSchemas.imageNamePattern?: return "driver"
            case CommonSchemas.envVarNamePattern?: return "NAME"
            case nil: return "text"
            default: return "15s"
            }
        case "integer": return 1
        case "number": return 1.5
        case "boolean": return true
        default: return "x"
        }
    }

    @Test("every schema field survives decoding into the model")
    func schemaFieldsAreModelled() throws {
        var spec = Self.sample(ClusterPolicyCRD.specSchema)
        spec["daemonsets"]?["rollingUpdate"]?["maxUnavailable"] = "1"
        let document: JSONValue = ["apiVersion": "nvidia.com/v1", "kind": "ClusterPolicy", "metadata": ["name": "all"], "spec": spec]
        #expect(SchemaValidator.apply(ClusterPolicyCRD.specSchema, to: spec).errors.isEmpty)
        let policy = try document.decode(as: ClusterPolicy.self)
        let reencoded = try JSONValue(encoding: policy)
        #expect(reencoded["spec"] == spec, "a schema field is missing from the Swift model (dropped on decode)")
    }

    @Test("every model property is declared by the schema")
    func modelFieldsAreInSchema() throws {
        let spec = Self.sample(ClusterPolicyCRD.specSchema)
        let policy = try (["metadata": ["name": "all"], "spec": spec] as JSONValue).decode(as: ClusterPolicy.self)
        var unset: [String] = []
        Self.findUnset(Mirror(reflecting: policy.spec), path: "spec", into: &unset)
        // The validator always runs, so its section has no `enabled` field.
        unset.removeAll { $0 == "spec.validator.common.enabled" }
        #expect(unset.isEmpty, "model properties with no schema field: \(unset)")
    }

    private static func findUnset(_ mirror: Mirror, path: String, into unset: inout [String]) {
        for child in mirror.children {
            guard let label = child.label else { continue }
            let childPath = "\(path).\(label)"
            let childMirror = Mirror(reflecting: child.value)
            if childMirror.displayStyle == .optional {
                guard let wrapped = childMirror.children.first?.value else {
                    unset.append(childPath)
                    continue
                }
                descend(wrapped, path: childPath, into: &unset)
            } else {
                descend(child.value, path: childPath, into: &unset)
            }
        }
    }

    private static func descend(_ value: Any, path: String, into unset: inout [String]) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct: findUnset(mirror, path: path, into: &unset)
        case .collection: if let first = mirror.children.first?.value { descend(first, path: path + "[0]", into: &unset) }
        default: break
        }
    }
}
