import KubeModels
import Yams

/// Where a value came from in a YAML file: 1-based line and column.
package struct SourcePosition: Sendable, Hashable {
    package var line: Int
    package var column: Int
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

/// A problem reading a YAML file, reported as `file:line:column: message`.
package struct YAMLInputError: Error, Sendable, Hashable, CustomStringConvertible {
    package var file: String
    package var position: SourcePosition?
    package var message: String

    /// Creates an error.
    package init(file: String, position: SourcePosition?, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    /// `file:line:column: message`.
    package var description: String {
        guard let position else { return "\(file): \(message)" }
        return "\(file):\(position.line):\(position.column): \(message)"
    }
}

/// Reads YAML text into JSON documents the way Kubernetes tools do (YAML 1.1 scalars, one JSON
/// value per document, empty documents skipped).
package enum YAMLReader {
    /// Parses every document of `text`.
    /// - Parameters:
    ///   - text: the YAML text.
    ///   - file: the file name used in error messages (`-` for standard input).
    /// - Throws: ``YAMLInputError`` with the line and column of malformed YAML.
    package static func documents(in text: String, file: String) throws(YAMLInputError) -> [YAMLDocument] {
        var documents: [YAMLDocument] = []
        do {
            // Iterate the parser directly: Yams' document sequence stops silently on a syntax error.
            let parser = try Parser(yaml: text)
            while let node = try parser.nextRoot() {
                var positions: [FieldPath: SourcePosition] = [:]
                let value = try convert(node, path: FieldPath(), positions: &positions, file: file)
                if value.isNull { continue }
                let start = node.mark.map { SourcePosition(line: $0.line, column: $0.column) } ?? SourcePosition(line: 1, column: 1)
                documents.append(YAMLDocument(value: value, positions: positions, start: start))
            }
        } catch let error as YAMLInputError {
            throw error
        } catch let error as YamlError {
            throw describe(error, file: file)
        } catch {
            throw YAMLInputError(file: file, position: nil, message: "\(error)")
        }
        return documents
    }

    private static func convert(_ node: Yams.Node, path: FieldPath, positions: inout [FieldPath: SourcePosition], file: String) throws -> JSONValue {
        let position = node.mark.map { SourcePosition(line: $0.line, column: $0.column) }
        if let position, positions[path] == nil { positions[path] = position }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, tag: resolveTag(scalar, node))
        case .sequence(let sequence):
            return .array(try sequence.enumerated().map { index, element in
                try convert(element, path: path.appending(index: index), positions: &positions, file: file)
            })
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    throw YAMLInputError(file: file, position: keyNode.mark.map { SourcePosition(line: $0.line, column: $0.column) },
                                         message: "mapping keys must be plain strings")
                }
                let key = keyScalar.string
                let memberPath = path.appending(key)
                if members[key] != nil {
                    throw YAMLInputError(file: file, position: keyScalar.mark.map { SourcePosition(line: $0.line, column: $0.column) },
                                         message: "duplicate key \"\(key)\"")
                }
                if let mark = keyScalar.mark { positions[memberPath] = SourcePosition(line: mark.line, column: mark.column) }
                members[key] = try convert(valueNode, path: memberPath, positions: &positions, file: file)
            }
            return .object(members)
        case .alias:
            throw YAMLInputError(file: file, position: position, message: "YAML aliases are not supported")
        }
    }

    /// Words YAML 1.1 reads as booleans or null when unquoted.
    private static let reservedWords: Set<String> = ["y", "yes", "n", "no", "true", "false", "on", "off", "null"]

    /// The scalar's type: quoted scalars and plain words are strings without running the resolver's
    /// regular expressions (the slow part of reading YAML); anything that may be a number, boolean,
    /// null or timestamp goes through the YAML 1.1 resolver.
    private static func resolveTag(_ scalar: Yams.Node.Scalar, _ node: Yams.Node) -> Tag.Name {
        if scalar.style == .singleQuoted || scalar.style == .doubleQuoted || scalar.style == .literal || scalar.style == .folded {
            return Resolver.default.resolveTag(of: node)
        }
        if let first = scalar.string.unicodeScalars.first, first.properties.isAlphabetic,
           !reservedWords.contains(scalar.string.lowercased()) {
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

    private static func describe(_ error: YamlError, file: String) -> YAMLInputError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return YAMLInputError(file: file, position: SourcePosition(line: mark.line, column: mark.column), message: detail)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return YAMLInputError(file: file, position: SourcePosition(line: context.mark.line, column: context.mark.column),
                                  message: "duplicate key \(keys)")
        case .reader(let problem, _, _, _):
            return YAMLInputError(file: file, position: nil, message: problem)
        default:
            return YAMLInputError(file: file, position: nil, message: "\(error)")
        }
    }
}
