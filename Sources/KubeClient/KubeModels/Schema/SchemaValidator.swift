import Foundation

/// Checks a JSON document against a structural schema the way the Kubernetes API server treats a
/// custom resource: nulls of non-nullable fields and unknown fields are pruned, defaults are applied,
/// then types, enums, patterns, bounds and required fields are validated.
///
/// Pure and `Sendable`; safe to call from any thread.
package enum SchemaValidator {
    /// The outcome of ``apply(_:to:at:)``.
    package struct Result: Sendable {
        /// The document after pruning and defaulting.
        package var value: JSONValue
        /// Every problem found, unknown (pruned) fields included, ordered by path.
        package var issues: [SchemaIssue]

        /// The issues that make the document invalid (everything but unknown fields).
        package var errors: [SchemaIssue] { issues.filter { !$0.isUnknownField } }
        /// The unknown fields that were pruned.
        package var unknownFields: [SchemaIssue] { issues.filter(\.isUnknownField) }
    }

    /// Prunes, defaults and validates `value` against `schema`.
    /// - Parameters:
    ///   - schema: the structural schema (e.g. a CRD version's `openAPIV3Schema`).
    ///   - value: the document.
    ///   - path: the path of `value` inside its object, used in issue paths.
    /// - Returns: the pruned and defaulted document and the issues found.
    package static func apply(_ schema: JSONSchemaProps, to value: JSONValue, at path: FieldPath = FieldPath()) -> Result {
        var issues: [SchemaIssue] = []
        let result = visit(value, schema, path, &issues)
        return Result(value: result ?? .null, issues: issues.sorted { $0.path < $1.path })
    }

    /// Returns the processed value, or `nil` when the value must be dropped from its parent.
    private static func visit(_ value: JSONValue, _ schema: JSONSchemaProps, _ path: FieldPath, _ issues: inout [SchemaIssue]) -> JSONValue? {
        if value.isNull {
            // Spelled out: with `JSONValue` being nil-literal expressible, a ternary would turn the
            // "drop this member" nil into JSON null.
            if schema.nullable == true { return value }
            return nil
        }
        if schema.intOrString == true {
            switch value {
            case .int, .string: return checkScalar(value, schema, path, &issues)
            case .double(let number) where number.rounded() == number: return checkScalar(value, schema, path, &issues)
            default:
                issues.append(SchemaIssue(path: path, kind: .invalidType(expected: "integer or string"), value: value))
                return value
            }
        }
        guard let type = schema.type else {
            // Untyped: only `x-kubernetes-preserve-unknown-fields` or an embedded resource is structural.
            if case .object = value, schema.properties != nil || schema.additionalProperties != nil {
                return visitObject(value, schema, path, &issues)
            }
            return value
        }
        switch (type, value) {
        case ("object", .object):
            return visitObject(value, schema, path, &issues)
        case ("array", .array(let elements)):
            var out: [JSONValue] = []
            out.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                if let items = schema.items {
                    out.append(visit(element, items, path.appending(index: index), &issues) ?? .null)
                } else {
                    out.append(element)
                }
            }
            checkCount(out.count, min: schema.minItems, max: schema.maxItems, noun: "items", value, path, &issues)
            return .array(out)
        case ("string", .string), ("boolean", .bool), ("integer", .int), ("number", .int), ("number", .double):
            return checkScalar(value, schema, path, &issues)
        case ("integer", .double(let number)) where number.rounded() == number:
            return checkScalar(.int(Int64(number)), schema, path, &issues)
        default:
            issues.append(SchemaIssue(path: path, kind: .invalidType(expected: type), value: value))
            return value
        }
    }

    private static func visitObject(_ value: JSONValue, _ schema: JSONSchemaProps, _ path: FieldPath, _ issues: inout [SchemaIssue]) -> JSONValue {
        guard case .object(let members) = value else { return value }
        var out: [String: JSONValue] = [:]
        out.reserveCapacity(members.count)
        for (key, member) in members {
            let memberPath = path.appending(key)
            if let propertySchema = schema.properties?[key] {
                if let processed = visit(member, propertySchema, memberPath, &issues) { out[key] = processed }
            } else if let additional = schema.additionalProperties {
                if let processed = visit(member, additional, memberPath, &issues) { out[key] = processed }
            } else if schema.preserveUnknownFields == true || schema.embeddedResource == true && isObjectMetaKey(key) {
                out[key] = member
            } else {
                issues.append(SchemaIssue(path: memberPath, kind: .unknownField, value: member))
            }
        }
        if let properties = schema.properties {
            for (key, propertySchema) in properties where out[key] == nil {
                guard let defaultValue = propertySchema.defaultValue else { continue }
                if let processed = visit(defaultValue, propertySchema, path.appending(key), &issues) { out[key] = processed }
            }
        }
        for key in schema.required ?? [] where out[key] == nil {
            issues.append(SchemaIssue(path: path.appending(key), kind: .required))
        }
        checkCount(out.count, min: nil, max: nil, noun: "properties", value, path, &issues)
        return .object(out)
    }

    private static func isObjectMetaKey(_ key: String) -> Bool {
        key == "apiVersion" || key == "kind" || key == "metadata"
    }

    private static func checkScalar(_ value: JSONValue, _ schema: JSONSchemaProps, _ path: FieldPath, _ issues: inout [SchemaIssue]) -> JSONValue {
        if let allowed = schema.enumValues, !allowed.contains(where: { equalForEnum($0, value) }) {
            issues.append(SchemaIssue(path: path, kind: .unsupportedValue(allowed: allowed), value: value))
        }
        switch value {
        case .string(let text):
            if let pattern = schema.pattern, !matches(text, pattern: pattern) {
                issues.append(SchemaIssue(path: path, kind: .patternMismatch(pattern: pattern), value: value))
            }
            checkCount(text.count, min: schema.minLength, max: schema.maxLength, noun: "characters", value, path, &issues)
        case .int(let number):
            checkRange(Double(number), schema, value, path, &issues)
        case .double(let number):
            checkRange(number, schema, value, path, &issues)
        default:
            break
        }
        return value
    }

    private static func equalForEnum(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if lhs == rhs { return true }
        if let left = lhs.intValue, let right = rhs.intValue { return left == right }
        return false
    }

    private static func checkRange(_ number: Double, _ schema: JSONSchemaProps, _ value: JSONValue, _ path: FieldPath, _ issues: inout [SchemaIssue])
    {
        if let minimum = schema.minimum, number < minimum {
            issues.append(SchemaIssue(path: path, kind: .outOfBounds("should be greater than or equal to \(format(minimum))"), value: value))
        }
        if let maximum = schema.maximum, number > maximum {
            issues.append(SchemaIssue(path: path, kind: .outOfBounds("should be less than or equal to \(format(maximum))"), value: value))
        }
    }

    private static func checkCount(
        _ count: Int, min: Int?, max: Int?, noun: String, _ value: JSONValue, _ path: FieldPath, _ issues: inout [SchemaIssue]
    ) {
        if let min, count < min {
            issues.append(SchemaIssue(path: path, kind: .outOfBounds("should have at least \(min) \(noun)"), value: value))
        }
        if let max, count > max {
            issues.append(SchemaIssue(path: path, kind: .outOfBounds("should have at most \(max) \(noun)"), value: value))
        }
    }

    private static func format(_ number: Double) -> String {
        number.rounded() == number ? String(Int64(number)) : String(number)
    }

    private static func matches(_ text: String, pattern: String) -> Bool {
        // A pattern that does not compile is rejected when the CRD is created, never here.
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return true }
        let range = NSRange(text.startIndex..., in: text)
        return regex.firstMatch(in: text, range: range) != nil
    }
}
