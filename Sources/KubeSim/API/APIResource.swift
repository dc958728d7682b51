import KubeModels

/// A column of a custom resource's `additionalPrinterColumns`.
package struct PrinterColumn: Sendable, Hashable {
    /// Column header.
    package var name: String
    /// OpenAPI type: `string`, `integer`, `number`, `boolean` or `date`.
    package var type: String
    /// Optional OpenAPI format.
    package var format: String
    /// Simple JSONPath evaluated against each object, e.g. `.status.state`.
    package var jsonPath: String
    /// Shown only with `-o wide` when greater than 0.
    package var priority: Int
    /// Column description.
    package var description: String

    /// Creates a column.
    package init(name: String, type: String, format: String = "", jsonPath: String, priority: Int = 0, description: String = "") {
        self.name = name
        self.type = type
        self.format = format
        self.jsonPath = jsonPath
        self.priority = priority
        self.description = description
    }
}

/// How `kubectl get` rows are produced for a resource (the server-side Table conversion).
package enum TablePrinterKind: Sendable, Hashable {
    /// Name and Age only (the API server's default table convertor).
    case nameAndAge
    /// A built-in printer with the real API server's columns, by kind.
    case builtin(String)
    /// A custom resource's printer columns.
    case columns([PrinterColumn])
}

/// One served resource of one API version: what discovery advertises and what the store needs
/// to know to apply API-server semantics to it.
package struct APIResource: Sendable, Hashable {
    /// Group, version, plural, kind and scope.
    package var type: ResourceType
    /// Lower-case singular name.
    package var singularName: String
    /// Short names for kubectl (`ds`, `no`, ...).
    package var shortNames: [String] = []
    /// Categories such as `all`.
    package var categories: [String] = []
    /// Whether `/status` is a subresource (status is then ignored on the main resource).
    package var hasStatusSubresource = false
    /// Whether `metadata.generation` is maintained (bumped on spec changes).
    package var hasGeneration = false
    /// Whether PUT without `metadata.resourceVersion` is allowed.
    package var allowsUnconditionalUpdate = true
    /// Whether DELETE answers with the deleted object rather than a success Status.
    package var returnsDeletedObject = false
    /// How tables are printed.
    package var printer: TablePrinterKind = .nameAndAge
    /// The validation schema of a custom resource version.
    package var schema: JSONSchemaProps?
    /// Whether this is a custom resource served from a CRD.
    package var isCustom = false
    /// The CRD's name, for custom resources.
    package var definitionName: String?
    /// Field paths (without leading dot) accepted in field selectors besides `metadata.name` and
    /// `metadata.namespace`.
    package var selectableFields: [String] = []

    /// Creates a resource description.
    package init(type: ResourceType, singularName: String) {
        self.type = type
        self.singularName = singularName
    }

    /// The storage collection (shared by every version of the resource).
    package var groupResource: GroupResource { GroupResource(group: type.group, resource: type.plural) }

    /// `<Kind>List`.
    package var listKind: String { type.kind + "List" }

    /// `group/version` or `version`.
    package var apiVersion: String { type.apiVersion }

    /// The verbs discovery advertises.
    package static let standardVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
}
