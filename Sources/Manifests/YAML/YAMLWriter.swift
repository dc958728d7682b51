import Foundation
import KubeModels
import Yams

/// Writes JSON values as YAML with sorted keys, so that equal values give byte-identical text.
package enum YAMLWriter {
    /// One YAML document (no `---` marker).
    /// - Throws: `YamlError` only if libyaml fails to emit, which valid JSON never causes.
    package static func document(_ value: JSONValue) throws -> String {
        try Yams.serialize(node: node(value), indent: 2, width: -1, allowUnicode: true, sortKeys: false,
                           newLineScalarStyle: .literal)
    }

    /// Several documents separated by `---` lines.
    /// - Throws: as ``document(_:)``.
    package static func stream(_ values: [JSONValue]) throws -> String {
        try values.map { "---\n" + (try document($0)) }.joined()
    }

    private static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .int(let number): return Node(String(number), Tag(.int))
        case .double(let number):
            return Node(number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number), Tag(.float))
        case .string(let text): return .scalar(text.represented())
        case .array(let elements): return .sequence(Node.Sequence(elements.map(node)))
        case .object(let members):
            return .mapping(Node.Mapping(members.keys.sorted().map { (Node($0), node(members[$0]!)) }))
        }
    }
}
