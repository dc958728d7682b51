import Foundation
import KubeModels

/// A field selector (`metadata.name=x,spec.nodeName!=n1`): equality requirements on a few
/// whitelisted fields of an object.
package struct FieldSelector: Sendable, Hashable {
    /// One requirement: the field at `path` equals (or differs from) `value`.
    package struct Requirement: Sendable, Hashable {
        /// Dotted field path, e.g. `spec.nodeName`.
        package var path: String
        /// The compared value.
        package var value: String
        /// `true` for `!=`.
        package var isNegated: Bool
    }

    /// The requirements, all of which must hold.
    package var requirements: [Requirement]

    /// A selector matching everything.
    package static let everything = FieldSelector(requirements: [])

    /// Creates a selector from requirements.
    package init(requirements: [Requirement]) { self.requirements = requirements }

    /// Parses the query-string form and checks each field against the resource's supported fields.
    /// - Parameters:
    ///   - text: e.g. `metadata.name=x`.
    ///   - supportedFields: the fields the resource can be selected by, besides `metadata.name` and
    ///     `metadata.namespace`.
    /// - Throws: ``APIError`` 400 for malformed text or an unsupported field.
    package init(parsing text: String, supportedFields: [String]) throws(APIError) {
        var requirements: [Requirement] = []
        for term in text.split(separator: ",", omittingEmptySubsequences: true) {
            let part = String(term)
            let (path, value, negated): (String, String, Bool)
            if let range = part.range(of: "!=") {
                (path, value, negated) = (String(part[..<range.lowerBound]), String(part[range.upperBound...]), true)
            } else if let range = part.range(of: "==") {
                (path, value, negated) = (String(part[..<range.lowerBound]), String(part[range.upperBound...]), false)
            } else if let range = part.range(of: "=") {
                (path, value, negated) = (String(part[..<range.lowerBound]), String(part[range.upperBound...]), false)
            } else {
                throw APIError.badRequest("invalid field selector: '\(part)': no operator")
            }
            let trimmed = path.trimming(" ")
            guard trimmed == "metadata.name" || trimmed == "metadata.namespace" || supportedFields.contains(trimmed) else {
                throw APIError.badRequest("field label not supported: \(trimmed)")
            }
            requirements.append(Requirement(path: trimmed, value: value.trimming(" "), isNegated: negated))
        }
        self.requirements = requirements
    }

    /// Whether the selector has no requirements.
    package var isEverything: Bool { requirements.isEmpty }

    /// The name an exact `metadata.name=x` requirement pins, if any (lets a watch skip other objects).
    package var pinnedName: String? {
        requirements.first { $0.path == "metadata.name" && !$0.isNegated }?.value
    }

    /// Whether an object satisfies every requirement. Missing fields compare as the empty string;
    /// booleans and numbers compare by their text.
    package func matches(_ object: JSONValue) -> Bool {
        requirements.allSatisfy { requirement in
            let actual = Self.text(at: requirement.path, in: object)
            return (actual == requirement.value) != requirement.isNegated
        }
    }

    /// The text a field selector compares for the value at a dotted path.
    static func text(at path: String, in object: JSONValue) -> String {
        let value = object[path: path.split(separator: ".").map(String.init)]
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .none, .null: return ""
        default: return value?.serializedString() ?? ""
        }
    }
}

extension String {
    /// The string without leading and trailing occurrences of `character`.
    func trimming(_ character: Character) -> String {
        String(self.drop(while: { $0 == character }).reversed().drop(while: { $0 == character }).reversed())
    }
}
