import KubeModels

/// One column of a server-side `Table` (`meta.k8s.io/v1` `TableColumnDefinition`) with the
/// function that computes its cell for an object.
package struct TableColumn: Sendable {
    /// Header.
    package var name: String
    /// `string`, `integer`, `number`, `boolean` or `date`.
    package var type: String
    /// Format hint (`name` for the first column).
    package var format: String
    /// Description.
    package var description: String
    /// 0 for default output, 1 for `-o wide` only.
    package var priority: Int
    /// The cell for an object at a given time.
    package var cell: @Sendable (JSONValue, Timestamp) -> JSONValue

    /// Creates a column.
    package init(
        _ name: String, type: String = "string", format: String = "", description: String = "", priority: Int = 0,
        cell: @escaping @Sendable (JSONValue, Timestamp) -> JSONValue
    ) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
        self.cell = cell
    }

    /// The definition as the API server sends it.
    package var definition: JSONValue {
        [
            "name": .string(name), "type": .string(type), "format": .string(format), "description": .string(description),
            "priority": .int(Int64(priority)),
        ]
    }

    /// The `Name` column every table starts with.
    package static let name = TableColumn("Name", format: "name", description: "Name must be unique within a namespace.") { object, _ in
        object["metadata"]?["name"] ?? ""
    }

    /// An `Age` column from `metadata.creationTimestamp`.
    package static let age = TableColumn(
        "Age", description: "CreationTimestamp is a timestamp representing the server time when this object was created."
    ) { object, now in
        .string(HumanDuration.age(since: object["metadata"]?["creationTimestamp"]?.stringValue.flatMap(Timestamp.init(rfc3339:)), now: now))
    }

    /// A column reading an integer at a path (0 when absent).
    package static func integer(_ name: String, _ path: [String], description: String = "") -> TableColumn {
        TableColumn(name, type: "integer", description: description) { object, _ in .int(object[path: path]?.intValue ?? 0) }
    }

    /// A column reading a string at a path (`<none>` when absent).
    package static func text(_ name: String, _ path: [String], priority: Int = 0, description: String = "") -> TableColumn {
        TableColumn(name, description: description, priority: priority) { object, _ in
            .string(object[path: path]?.stringValue ?? "<none>")
        }
    }
}
