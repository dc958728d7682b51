import KubeModels
import Manifests
import Testing

/// One invalid ClusterPolicy: its `spec` body (indented under `spec:`), the field the message must
/// name and a fragment of what it must say was expected.
struct InvalidPolicyCase: Sendable, CustomTestStringConvertible {
    /// The lines under `spec:`, written unindented (the harness indents them).
    var body: String
    /// The field path the first error names (`nil` for errors that name no field, e.g. YAML syntax).
    var path: String?
    /// Text the message must contain.
    var expected: String
    /// The 1-based line of the whole file the message must point at; when `nil`, the last line of the
    /// body that mentions the path's last key.
    var line: Int?
    /// Load with `--strict` (unknown fields are errors).
    var strict = false
    /// The whole file instead of a spec body (document-level errors).
    var wholeFile: String?

    /// The header every file starts with (four lines; `spec:` is line 5).
    static let header = "apiVersion: nvidia.com/v1\nkind: ClusterPolicy\nmetadata:\n  name: cp\n"

    /// The file's text.
    var text: String {
        if let wholeFile { return wholeFile }
        let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
        return Self.header + "spec:\n" + indented.joined(separator: "\n") + "\n"
    }

    /// The line the message must point at.
    var expectedLine: Int? {
        if let line { return line }
        guard let path else { return nil }
        let key =
            FieldPath(dotted: path).components.reversed().lazy.compactMap { component -> String? in
                if case .key(let key) = component { return key }
                return nil
            }.first { !$0.contains("[") } ?? path
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.lastIndex { $0.contains(key + ":") || $0.contains("\"" + key + "\"") }.map { $0 + 1 }
    }

    var testDescription: String { path ?? expected }

    init(_ body: String, _ path: String?, _ expected: String, line: Int? = nil, strict: Bool = false) {
        self.body = body
        self.path = path
        self.expected = expected
        self.line = line
        self.strict = strict
    }

    /// A case given as a whole file.
    static func file(_ text: String, _ path: String?, _ expected: String, line: Int) -> InvalidPolicyCase {
        var invalid = InvalidPolicyCase("", path, expected, line: line)
        invalid.wholeFile = text
        return invalid
    }
}
