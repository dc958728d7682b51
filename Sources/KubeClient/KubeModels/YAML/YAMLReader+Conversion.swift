import Yams

/// Composed YAML nodes to JSON values, recording where each field came from.
extension YAMLReader {
    /// Plain words YAML 1.1 reads as booleans or null; every other plain scalar that starts with a
    /// letter is a string. `YAMLWriter` quotes these words so that they read back as strings.
    package static let reservedWords: Set<String> = ["y", "yes", "n", "no", "true", "false", "on", "off", "null"]

    /// The JSON value of `node` at `path`, adding the positions of it and its fields to `positions`.
    /// - Throws: ``YAMLInputError`` for non-scalar or duplicate keys and for aliases.
    static func convert(_ node: Yams.Node, path: FieldPath, positions: inout [FieldPath: SourcePosition], file: String) throws -> JSONValue {
        let position = node.mark.map(SourcePosition.init)
        if let position, positions[path] == nil { positions[path] = position }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, tag: resolveTag(scalar, node))
        case .sequence(let sequence):
            return .array(
                try sequence.enumerated().map { index, element in
                    try convert(element, path: path.appending(index: index), positions: &positions, file: file)
                })
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    throw YAMLInputError(
                        file: file, position: keyNode.mark.map(SourcePosition.init),
                        message: "mapping keys must be plain strings")
                }
                let key = keyScalar.string
                let memberPath = path.appending(key)
                if members[key] != nil {
                    throw YAMLInputError(
                        file: file, position: keyScalar.mark.map(SourcePosition.init),
                        message: "duplicate key \"\(key)\"")
                }
                if let mark = keyScalar.mark { positions[memberPath] = SourcePosition(mark) }
                members[key] = try convert(valueNode, path: memberPath, positions: &positions, file: file)
            }
            return .object(members)
        case .alias:
            throw YAMLInputError(file: file, position: position, message: "YAML aliases are not supported")
        }
    }

    /// The scalar's type: quoted scalars and plain words are strings without running the resolver's
    /// regular expressions (the slow part of reading YAML); anything that may be a number, boolean,
    /// null or timestamp goes through the YAML 1.1 resolver.
    private static func resolveTag(_ scalar: Yams.Node.Scalar, _ node: Yams.Node) -> Tag.Name {
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .literal || scalar.style == .folded {
            return Resolver.default.resolveTag(of: node)
        }
        if let first = scalar.string.unicodeScalars.first, first.properties.isAlphabetic,
            !reservedWords.contains(scalar.string.lowercased())
        {
            return .str
        }
        return Resolver.default.resolveTag(of: node)
    }

    private static func scalarValue(_ scalar: Yams.Node.Scalar, tag: Tag.Name) -> JSONValue {
        switch tag {
        case .null: return .null
        case .bool: return Bool.construct(from: scalar).map(JSONValue.bool) ?? .string(scalar.string)
        case .int:
            if let number = Int.construct(from: scalar) { return .int(Int64(number)) }
            return .string(scalar.string)
        case .float:
            if let number = Double.construct(from: scalar) { return .double(number) }
            return .string(scalar.string)
        default: return .string(scalar.string)
        }
    }
}
