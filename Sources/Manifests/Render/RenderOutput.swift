import Foundation
import KubeModels

/// How rendered objects are printed by `--dry-run`: byte-identical for identical inputs.
package enum RenderOutput {
    /// Output formats.
    package enum Format: String, Sendable, CaseIterable {
        /// Multi-document YAML, one `---` per object.
        case yaml
        /// A pretty-printed `v1` List with sorted keys.
        case json
    }

    /// Formats the objects of a render.
    /// - Throws: an encoding error, which valid JSON values never cause.
    package static func format(_ result: RenderResult, as format: Format) throws -> String {
        let bodies = result.objects.map(\.body)
        switch format {
        case .yaml:
            return try YAMLWriter.stream(bodies)
        case .json:
            let list: JSONValue = ["apiVersion": "v1", "kind": "List", "metadata": [:], "items": .array(bodies)]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(list), as: UTF8.self) + "\n"
        }
    }
}
