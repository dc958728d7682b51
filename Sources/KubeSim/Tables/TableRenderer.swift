import KubeModels

/// Server-side `kubectl get` output: converts objects into a `meta.k8s.io/v1` `Table` with the
/// resource's columns, as the API server does for `Accept: application/json;as=Table;...`.
package enum TableRenderer {
    /// What each row carries besides its cells (`includeObject`).
    package enum IncludeObject: String, Sendable {
        /// Nothing.
        case none = "None"
        /// A `PartialObjectMetadata` (the default; kubectl reads labels and namespace from it).
        case metadata = "Metadata"
        /// The full object.
        case object = "Object"
    }

    /// The columns for a resource.
    package static func columns(for resource: APIResource) -> [TableColumn] {
        switch resource.printer {
        case .nameAndAge: return [.name, .age]
        case .builtin(let kind): return BuiltinPrinters.columns(forKind: kind)
        case .columns(let definitions): return [.name] + definitions.compactMap(customColumn)
        }
    }

    /// A table of objects.
    /// - Parameters:
    ///   - resource: the resource (printer).
    ///   - objects: the objects, in row order.
    ///   - now: for ages.
    ///   - includeObject: what each row embeds.
    ///   - includeColumns: `false` for later watch events (the API server sends headers once).
    ///   - listMetadata: the table's `metadata` (resourceVersion, continue).
    package static func table(
        resource: APIResource, objects: [JSONValue], now: Timestamp, includeObject: IncludeObject, includeColumns: Bool,
        listMetadata: JSONValue = .object([:])
    ) -> JSONValue {
        let columns = columns(for: resource)
        let rows: [JSONValue] = objects.map { object in
            var row: [String: JSONValue] = ["cells": .array(columns.map { $0.cell(object, now) })]
            switch includeObject {
            case .none: break
            case .metadata: row["object"] = partialMetadata(object)
            case .object: row["object"] = object
            }
            return .object(row)
        }
        return [
            "apiVersion": "meta.k8s.io/v1", "kind": "Table", "metadata": listMetadata,
            "columnDefinitions": includeColumns ? .array(columns.map(\.definition)) : .null,
            "rows": .array(rows),
        ]
    }

    /// The `PartialObjectMetadata` form of an object.
    package static func partialMetadata(_ object: JSONValue) -> JSONValue {
        ["apiVersion": "meta.k8s.io/v1", "kind": "PartialObjectMetadata", "metadata": object["metadata"] ?? .object([:])]
    }

    /// A table column from a CRD printer column; `nil` when its JSONPath is unsupported.
    static func customColumn(_ column: PrinterColumn) -> TableColumn? {
        guard let path = JSONPath(column.jsonPath) else { return nil }
        let type = column.type
        return TableColumn(column.name, type: type, format: column.format, description: column.description, priority: column.priority) {
            object, now in
            guard let value = path.evaluate(object).first, !value.isNull else { return .null }
            switch type {
            case "date":
                return .string(HumanDuration.age(since: value.stringValue.flatMap(Timestamp.init(rfc3339:)), now: now))
            case "integer":
                return value.intValue.map { .int($0) } ?? value
            case "string":
                return value.stringValue.map { .string($0) } ?? .string(value.serializedString())
            default:
                return value
            }
        }
    }
}
