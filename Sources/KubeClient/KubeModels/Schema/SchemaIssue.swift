/// One way a document does not fit its schema, found by ``SchemaValidator``.
package struct SchemaIssue: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    package enum Kind: Sendable, Hashable {
        /// The value has the wrong JSON type; `expected` names the schema type(s).
        case invalidType(expected: String)
        /// The value is not one of the enumerated values.
        case unsupportedValue(allowed: [JSONValue])
        /// A required field is missing.
        case required
        /// A string does not match the schema's pattern.
        case patternMismatch(pattern: String)
        /// A number, string or list is outside the allowed bounds; the text says which bound.
        case outOfBounds(String)
        /// The field is not declared by the schema (pruned by the API server, rejected in strict mode).
        case unknownField
    }

    package var path: FieldPath
    package var kind: Kind
    /// The offending value, when there is one.
    package var value: JSONValue?

    /// Creates an issue.
    package init(path: FieldPath, kind: Kind, value: JSONValue? = nil) {
        self.path = path
        self.kind = kind
        self.value = value
    }

    /// Whether this issue is only an unknown (pruned) field rather than an invalid value.
    package var isUnknownField: Bool { kind == .unknownField }

    /// A message for people: `spec.driver.enabled: expected boolean, got string "yes"`.
    package var description: String { "\(path): \(detail)" }

    /// The message without the path.
    package var detail: String {
        switch kind {
        case .invalidType(let expected):
            return "expected \(expected), got \(Self.describe(value))"
        case .unsupportedValue(let allowed):
            let list = allowed.map { $0.serializedString() }.joined(separator: ", ")
            return "expected one of \(list), got \(Self.describe(value))"
        case .required:
            return "required field is missing"
        case .patternMismatch(let pattern):
            return "expected a value matching '\(pattern)', got \(Self.describe(value))"
        case .outOfBounds(let bound):
            return "\(bound), got \(Self.describe(value))"
        case .unknownField:
            return "unknown field"
        }
    }

    /// The reason the API server puts in a `StatusCause` for this issue.
    package var apiServerReason: String {
        switch kind {
        case .invalidType: "FieldValueTypeInvalid"
        case .unsupportedValue: "FieldValueNotSupported"
        case .required: "FieldValueRequired"
        case .patternMismatch, .outOfBounds: "FieldValueInvalid"
        case .unknownField: "FieldValueUnknown"
        }
    }

    /// The cause message as the API server words it (`Invalid value: ...`, `Required value`, ...).
    package var apiServerMessage: String {
        let shown = value.map { $0.serializedString() } ?? "null"
        switch kind {
        case .invalidType(let expected):
            return "Invalid value: \"\(value?.typeName ?? "null")\": \(path) in body must be of type \(expected): \(shown)"
        case .unsupportedValue(let allowed):
            return "Unsupported value: \(shown): supported values: "
                + allowed.map { $0.serializedString() }.joined(separator: ", ")
        case .required:
            return "Required value"
        case .patternMismatch(let pattern):
            return "Invalid value: \(shown): \(path) in body should match '\(pattern)'"
        case .outOfBounds(let bound):
            return "Invalid value: \(shown): \(path) in body \(bound)"
        case .unknownField:
            return "unknown field \"\(path)\""
        }
    }

    private static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "nothing" }
        switch value {
        case .object: return "an object"
        case .array: return "a list"
        case .null: return "null"
        default: return "\(value.typeName) \(value.serializedString())"
        }
    }
}
