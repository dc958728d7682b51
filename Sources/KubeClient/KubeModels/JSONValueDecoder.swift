import Foundation

/// Decodes any `Decodable` straight from a ``JSONValue`` tree, with the semantics of Foundation's
/// `JSONDecoder` at its default settings (the same values accepted, the same `DecodingError` cases and
/// coding paths), but without serializing the tree back to text first.
///
/// Together with the byte-level parser (``JSONValue/init(parsingUTF8:)-(UnsafeRawBufferPointer)``) this
/// replaces `JSONDecoder` on the client's hot paths: list pages, watch lines and response bodies.
///
/// Numbers: integer types accept ``JSONValue/int(_:)`` and integral ``JSONValue/double(_:)`` values that
/// fit; `Double` and `Float` accept both. `Data` is read from base64 text and `URL` from a string, as
/// `JSONDecoder` does by default. A ``JSONValue`` member is handed over as it is, without a copy.
package struct JSONValueDecoder: Sendable {
    /// Values every `init(from:)` sees as `Decoder.userInfo`.
    package var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates a decoder.
    package init() {}

    /// Decodes a value of `type` from `value`.
    /// - Throws: `DecodingError` when the tree does not match `type`.
    package func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        let decoder = JSONTreeDecoder(value: value, path: .root, userInfo: userInfo)
        return try decoder.decodeValue(T.self, from: value, at: .root)
    }

    /// Decodes a value of `type` from `value`, a part of a larger document at `codingPath` (for
    /// example `items`, `Index 3` of a list page): errors and `Decoder.codingPath` include that path.
    /// - Throws: `DecodingError` when the tree does not match `type`.
    func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, codingPath: [any CodingKey]) throws -> T {
        let path = codingPath.reduce(JSONCodingPathNode.root) { parent, key in .key(key, parent) }
        let decoder = JSONTreeDecoder(value: value, path: path, userInfo: userInfo)
        return try decoder.decodeValue(T.self, from: value, at: path)
    }
}

/// The `Decoder` handed to `init(from:)`: the value being decoded and its position.
///
/// One instance serves a whole document: decoding a member saves the current value and path, decodes,
/// and restores them, so descending allocates no decoder. Containers capture what they read when they
/// are made, so they stay valid while the instance moves on. It is also the single-value container of
/// its current value.
final class JSONTreeDecoder: Decoder {
    /// The value the next `container`/`singleValueContainer` call reads.
    var value: JSONValue
    /// Where ``value`` sits in the document.
    var path: JSONCodingPathNode
    /// The user's context values.
    let sendableUserInfo: [CodingUserInfoKey: any Sendable]

    /// Creates a decoder positioned at `value`.
    init(value: JSONValue, path: JSONCodingPathNode, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.value = value
        self.path = path
        self.sendableUserInfo = userInfo
    }

    /// The path from the root to the current value.
    var codingPath: [any CodingKey] { path.codingPath }

    /// The user's context values.
    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    /// A keyed view of the current value, which must be an object.
    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw value.mismatch([String: Any].self, at: codingPath)
        }
        return KeyedDecodingContainer(JSONTreeKeyedDecodingContainer<Key>(decoder: self, members: members, path: path))
    }

    /// An unkeyed view of the current value, which must be an array.
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw value.mismatch([Any].self, at: codingPath)
        }
        return JSONTreeUnkeyedDecodingContainer(decoder: self, elements: elements, path: path)
    }

    /// The current value as a single value; this decoder itself.
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// Decodes `value` (found at `path`) as `T`, reusing this decoder for nested values.
    ///
    /// Strings, numbers, booleans, ``JSONValue``s and string maps and lists skip `init(from:)`.
    func decodeValue<T: Decodable>(
        _ type: T.Type, from value: JSONValue, at path: @autoclosure () -> JSONCodingPathNode
    ) throws -> T {
        if let result = try decodeDirectly(T.self, from: value, at: path) { return result }
        let savedValue = self.value
        let savedPath = self.path
        self.value = value
        self.path = path()
        defer {
            self.value = savedValue
            self.path = savedPath
        }
        if T.self == Data.self || T.self == URL.self {
            return try decodeFoundationValue(T.self)
        }
        return try T(from: self)
    }

    /// A fresh decoder for `superDecoder()`: it may outlive the container that made it.
    func superDecoder(for value: JSONValue, at path: JSONCodingPathNode) -> JSONTreeDecoder {
        JSONTreeDecoder(value: value, path: path, userInfo: sendableUserInfo)
    }

    private func decodeDirectly<T: Decodable>(
        _ type: T.Type, from value: JSONValue, at path: () -> JSONCodingPathNode
    ) throws -> T? {
        if T.self == JSONValue.self { return value as? T }
        if T.self == String.self { return try value.decodedString(at: path().codingPath) as? T }
        if T.self == Int.self { return try value.decodedInteger(Int.self, at: path().codingPath) as? T }
        if T.self == Int64.self { return try value.decodedInteger(Int64.self, at: path().codingPath) as? T }
        if T.self == Int32.self { return try value.decodedInteger(Int32.self, at: path().codingPath) as? T }
        if T.self == Bool.self { return try value.decodedBool(at: path().codingPath) as? T }
        if T.self == Double.self { return try value.decodedDouble(at: path().codingPath) as? T }
        if T.self == [String: String].self { return try Self.stringMap(value, at: path) as? T }
        if T.self == [String].self { return try Self.stringList(value, at: path) as? T }
        if T.self == [String: JSONValue].self {
            guard case .object(let members) = value else { throw value.mismatch([String: Any].self, at: path().codingPath) }
            return members as? T
        }
        if T.self == [JSONValue].self {
            guard case .array(let elements) = value else { throw value.mismatch([Any].self, at: path().codingPath) }
            return elements as? T
        }
        return nil
    }

    private static func stringMap(_ value: JSONValue, at path: () -> JSONCodingPathNode) throws -> [String: String] {
        guard case .object(let members) = value else { throw value.mismatch([String: Any].self, at: path().codingPath) }
        var result: [String: String] = [:]
        result.reserveCapacity(members.count)
        for (key, member) in members {
            result[key] = try member.decodedString(at: path().appending(JSONCodingKey(stringValue: key)))
        }
        return result
    }

    private static func stringList(_ value: JSONValue, at path: () -> JSONCodingPathNode) throws -> [String] {
        guard case .array(let elements) = value else { throw value.mismatch([Any].self, at: path().codingPath) }
        var result: [String] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            result.append(try element.decodedString(at: path().appending(JSONCodingKey(index: index))))
        }
        return result
    }

    /// `Data` from base64 text and `URL` from a string, as `JSONDecoder` reads them by default.
    private func decodeFoundationValue<T: Decodable>(_ type: T.Type) throws -> T {
        let text = try value.decodedString(at: codingPath)
        if T.self == Data.self, let data = Data(base64Encoded: text) as? T { return data }
        if T.self == URL.self, let url = URL(string: text) as? T { return url }
        throw DecodingError.dataCorrupted(
            DecodingError.Context(codingPath: codingPath, debugDescription: "Invalid \(T.self) text: \(text)"))
    }
}
