/// Where a value came from in a YAML file: 1-based line and column.
package struct SourcePosition: Sendable, Hashable {
    /// The line, from 1.
    package var line: Int
    /// The column, from 1.
    package var column: Int

    /// Creates a position.
    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One YAML document converted to JSON, with the position of every field for error messages.
package struct YAMLDocument: Sendable {
    /// The document as JSON.
    package var value: JSONValue
    /// Position of each field (the key's position for object members).
    package var positions: [FieldPath: SourcePosition]
    /// Where the document starts.
    package var start: SourcePosition

    /// The position of `path`, or of its nearest ancestor that has one.
    package func position(of path: FieldPath) -> SourcePosition {
        var components = path.components
        while true {
            if let position = positions[FieldPath(components)] { return position }
            if components.isEmpty { return start }
            components.removeLast()
        }
    }
}
