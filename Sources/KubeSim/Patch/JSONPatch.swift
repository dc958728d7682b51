import Foundation
import KubeModels

/// RFC 6902 JSON patch: a list of `add`, `remove`, `replace`, `move`, `copy` and `test`
/// operations addressed by RFC 6901 JSON pointers.
package enum JSONPatch {
    /// Why a patch could not be applied; the API server answers 400 for malformed patches and 422 for
    /// patches that do not apply.
    package enum Failure: Error, Sendable, Hashable {
        /// The patch document is not a list of operations.
        case malformed(String)
        /// An operation failed against the document.
        case notApplicable(String)
    }

    /// Applies every operation in order.
    /// - Parameters:
    ///   - patch: the JSON array of operations.
    ///   - document: the target document.
    /// - Throws: ``Failure``.
    package static func apply(_ patch: JSONValue, to document: JSONValue) throws(Failure) -> JSONValue {
        guard let operations = patch.arrayValue else { throw .malformed("json: cannot unmarshal object into Go value of type jsonpatch.Patch") }
        var result = document
        for operation in operations {
            guard let op = operation["op"]?.stringValue else { throw .malformed("missing 'op' in operation") }
            guard let pathText = operation["path"]?.stringValue else { throw .notApplicable("missing 'path' in \(op) operation") }
            let path = try pointer(pathText)
            switch op {
            case "add":
                guard let value = operation["value"] else { throw .notApplicable("missing 'value' in add operation") }
                result = try insert(value, at: path[...], in: result, replacing: false)
            case "remove":
                result = try remove(at: path[...], in: result).0
            case "replace":
                guard let value = operation["value"] else { throw .notApplicable("missing 'value' in replace operation") }
                _ = try get(path[...], in: result)
                result = try insert(value, at: path[...], in: result, replacing: true)
            case "move":
                guard let fromText = operation["from"]?.stringValue else { throw .notApplicable("missing 'from' in move operation") }
                let (without, value) = try remove(at: try pointer(fromText)[...], in: result)
                result = try insert(value, at: path[...], in: without, replacing: false)
            case "copy":
                guard let fromText = operation["from"]?.stringValue else { throw .notApplicable("missing 'from' in copy operation") }
                let value = try get(try pointer(fromText)[...], in: result)
                result = try insert(value, at: path[...], in: result, replacing: false)
            case "test":
                let expected = operation["value"] ?? .null
                let actual = try get(path[...], in: result)
                guard equal(actual, expected) else {
                    throw .notApplicable("testing value \(pathText) failed: test failed")
                }
            default:
                throw .malformed("Unexpected kind: \(op)")
            }
        }
        return result
    }

    /// Splits an RFC 6901 pointer into unescaped reference tokens.
    static func pointer(_ text: String) throws(Failure) -> [String] {
        if text.isEmpty { return [] }
        guard text.hasPrefix("/") else { throw .notApplicable("JSON pointer must start with '/': \(text)") }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if lhs == rhs { return true }
        if let left = lhs.intValue, let right = rhs.intValue { return left == right }
        return false
    }

    private static func get(_ path: ArraySlice<String>, in value: JSONValue) throws(Failure) -> JSONValue {
        guard let token = path.first else { return value }
        switch value {
        case .object(let members):
            guard let child = members[token] else { throw .notApplicable("missing value at \(token)") }
            return try get(path.dropFirst(), in: child)
        case .array(let elements):
            guard let index = Int(token), elements.indices.contains(index) else { throw .notApplicable("invalid index \(token)") }
            return try get(path.dropFirst(), in: elements[index])
        default:
            throw .notApplicable("cannot index into \(value.typeName) with \(token)")
        }
    }

    private static func insert(_ newValue: JSONValue, at path: ArraySlice<String>, in value: JSONValue, replacing: Bool) throws(Failure) -> JSONValue
    {
        guard let token = path.first else { return newValue }
        let rest = path.dropFirst()
        switch value {
        case .object(var members):
            if rest.isEmpty {
                members[token] = newValue
            } else {
                guard let child = members[token] else { throw .notApplicable("doc is missing path: \(token)") }
                members[token] = try insert(newValue, at: rest, in: child, replacing: replacing)
            }
            return .object(members)
        case .array(var elements):
            if rest.isEmpty {
                if token == "-" && !replacing {
                    elements.append(newValue)
                } else {
                    guard let index = Int(token), index >= 0, replacing ? index < elements.count : index <= elements.count else {
                        throw .notApplicable("add operation does not apply: index \(token) out of bounds")
                    }
                    if replacing { elements[index] = newValue } else { elements.insert(newValue, at: index) }
                }
            } else {
                guard let index = Int(token), elements.indices.contains(index) else { throw .notApplicable("invalid index \(token)") }
                elements[index] = try insert(newValue, at: rest, in: elements[index], replacing: replacing)
            }
            return .array(elements)
        default:
            throw .notApplicable("doc is missing path: \(token)")
        }
    }

    private static func remove(at path: ArraySlice<String>, in value: JSONValue) throws(Failure) -> (JSONValue, JSONValue) {
        guard let token = path.first else { throw .notApplicable("cannot remove the document root") }
        let rest = path.dropFirst()
        switch value {
        case .object(var members):
            guard let child = members[token] else { throw .notApplicable("Unable to remove nonexistent key: \(token): missing value") }
            if rest.isEmpty {
                members[token] = nil
                return (.object(members), child)
            }
            let (updated, removed) = try remove(at: rest, in: child)
            members[token] = updated
            return (.object(members), removed)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { throw .notApplicable("Unable to access invalid index: \(token)") }
            if rest.isEmpty {
                let removed = elements.remove(at: index)
                return (.array(elements), removed)
            }
            let (updated, removed) = try remove(at: rest, in: elements[index])
            elements[index] = updated
            return (.array(elements), removed)
        default:
            throw .notApplicable("cannot remove \(token) from \(value.typeName)")
        }
    }
}
