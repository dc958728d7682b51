import Foundation
import KubeModels
import Yams

/// Writes JSON values as YAML with sorted keys, so that equal values give byte-identical text.
package enum YAMLWriter {
    /// One YAML document (no `---` marker).
    /// - Throws: `YamlError` only if libyaml fails to emit, which valid JSON never causes.
    package static func document(_ value: JSONValue) throws -> String {
        try Yams.serialize(
            node: node(value), indent: 2, width: -1, allowUnicode: true, sortKeys: false,
            newLineScalarStyle: .literal)
    }

    /// Several documents separated by `---` lines.
    /// - Throws: as ``document(_:)``.
    package static func stream(_ values: [JSONValue]) throws -> String {
        try values.map { "---\n" + (try document($0)) }.joined()
    }

    /// Whether a string can be written unquoted and read back as the same string: it starts with a
    /// letter, holds only letters, digits and `-._/`, and is no YAML 1.1 boolean or null word. Such
    /// strings skip Yams' regular-expression resolver, which dominates the cost of writing YAML.
    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.utf8.first, (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A) else { return false }
        for byte in text.utf8 {
            let isLetter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            let isDigit = byte >= 0x30 && byte <= 0x39
            guard isLetter || isDigit || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x2F else { return false }
        }
        return !YAMLReader.reservedWords.contains(text.lowercased())
    }

    private static func node(_ value: JSONValue) -> Yams.Node {
        switch value {
        case .null: return Yams.Node("null", Tag(.null))
        case .bool(let flag): return Yams.Node(flag ? "true" : "false", Tag(.bool))
        case .int(let number): return Yams.Node(String(number), Tag(.int))
        case .double(let number):
            return Yams.Node(number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number), Tag(.float))
        case .string(let text):
            if isPlainSafe(text) { return .scalar(Yams.Node.Scalar(text, Tag(.str), .plain)) }
            // Scripts and other multi-line text read best as literal blocks; libyaml falls back to a
            // quoted form by itself when a block cannot hold the text exactly.
            if text.contains("\n") { return .scalar(Yams.Node.Scalar(text, Tag(.str), .literal)) }
            return .scalar(text.represented())
        case .array(let elements): return .sequence(Yams.Node.Sequence(elements.map(node)))
        case .object(let members):
            return .mapping(Yams.Node.Mapping(members.keys.sorted().map { (Yams.Node($0), node(members[$0]!)) }))
        }
    }
}
