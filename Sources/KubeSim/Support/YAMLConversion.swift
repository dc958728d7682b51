import KubeModels
import Yams

/// Converts YAML documents (apply bodies, kubeconfigs in tests) into ``JSONValue`` trees.
package enum YAMLConversion {
    /// Why a YAML document could not be turned into JSON.
    package struct ConversionError: Error, Sendable, CustomStringConvertible {
        /// What went wrong, with the parser's message when there is one.
        package var description: String
    }

    /// Parses one YAML document into JSON, resolving tags the way `sigs.k8s.io/yaml` does: plain
    /// scalars become booleans, integers, floats or null when they look like them, strings otherwise.
    /// - Parameter text: the YAML text (JSON is valid YAML).
    /// - Throws: ``ConversionError`` when the text is not YAML or has non-string keys.
    package static func json(fromYAML text: String) throws(ConversionError) -> JSONValue {
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ConversionError(description: "error converting YAML to JSON: \(error)")
        }
        guard let node else { return .null }
        return try convert(node)
    }

    private static func convert(_ node: Yams.Node) throws(ConversionError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for element in sequence { elements.append(try convert(element)) }
            return .array(elements)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw ConversionError(description: "error converting YAML to JSON: non-scalar map key")
                }
                members[keyScalar.string] = try convert(value)
            }
            return .object(members)
        case .alias:
            throw ConversionError(description: "error converting YAML to JSON: aliases are not supported")
        }
    }

    private static func scalarValue(_ scalar: Yams.Node.Scalar) -> JSONValue {
        let text = scalar.string
        if scalar.style != .plain { return .string(text) }
        switch text {
        case "null", "Null", "NULL", "~", "": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let integer = Int64(text) { return .int(integer) }
        if text.contains(where: { $0.isNumber }), let number = Double(text), !text.hasPrefix("."),
            text.allSatisfy({ "0123456789.eE+-".contains($0) })
        {
            return .double(number)
        }
        return .string(text)
    }
}
