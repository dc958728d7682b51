import Foundation

/// Encodes any `Encodable` straight into a ``JSONValue`` tree, with the semantics of Foundation's
/// `JSONEncoder` at its default settings, but without producing text and parsing it back.
///
/// Integers become ``JSONValue/int(_:)`` (a `UInt64` above `Int64.max` becomes a double); `Double`
/// and `Float` must be finite and become ``JSONValue/double(_:)``, or ``JSONValue/int(_:)`` when
/// integral, exactly as `JSONEncoder` text parsed back would; `Data` becomes base64 text and
/// `URL` its absolute string. A value that encodes nothing is an empty object, except at the top
/// level, where it is an error, as with `JSONEncoder`. Asking one encoder for a keyed container twice
/// (as a type encoding two halves of one object does) merges both into one object.
package struct JSONValueEncoder: Sendable {
    /// Values every `encode(to:)` sees as `Encoder.userInfo`.
    package var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates an encoder.
    package init() {}

    /// Encodes `value` as a tree.
    /// - Throws: `EncodingError.invalidValue` for a non-finite number, or when `value` encodes nothing.
    package func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = JSONTreeEncoder(path: .root, userInfo: userInfo)
        guard let slot = try encoder.encodeSlot(value, at: .root) else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return slot.finished
    }
}

/// The `Encoder` handed to `encode(to:)`: it collects what one value encodes.
///
/// Objects and arrays are reference boxes while encoding, because a container handed out earlier may
/// still be written to after a nested one was made; the tree is built once, at the end.
final class JSONTreeEncoder: Encoder {
    /// What has been encoded so far; `nil` while nothing has.
    var storage: JSONEncodedSlot?
    /// Where this value sits in the document.
    let path: JSONCodingPathNode
    /// The user's context values.
    let sendableUserInfo: [CodingUserInfoKey: any Sendable]

    /// Creates an encoder for the value at `path`.
    init(path: JSONCodingPathNode, userInfo: [CodingUserInfoKey: any Sendable]) {
        self.path = path
        self.sendableUserInfo = userInfo
    }

    /// The path from the root to this value.
    var codingPath: [any CodingKey] { path.codingPath }

    /// The user's context values.
    var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

    /// A keyed container; a second call continues the same object.
    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONEncodedObject
        if case .object(let existing) = storage {
            object = existing
        } else {
            object = JSONEncodedObject()
            storage = .object(object)
        }
        return KeyedEncodingContainer(JSONTreeKeyedEncodingContainer<Key>(encoder: self, object: object, path: path))
    }

    /// An unkeyed container; a second call continues the same array.
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: JSONEncodedArray
        if case .array(let existing) = storage {
            array = existing
        } else {
            array = JSONEncodedArray()
            storage = .array(array)
        }
        return JSONTreeUnkeyedEncodingContainer(encoder: self, array: array, path: path)
    }

    /// The single-value container: this encoder itself.
    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// Encodes a nested value; a value that encodes nothing becomes an empty object.
    func encodeNested<T: Encodable>(_ value: T, at path: @autoclosure () -> JSONCodingPathNode) throws -> JSONEncodedSlot {
        try encodeSlot(value, at: path()) ?? .value(.object([:]))
    }

    /// Encodes a value; scalars, ``JSONValue``s and string maps and lists skip `encode(to:)`.
    /// - Returns: the encoded slot, or `nil` when `encode(to:)` encoded nothing.
    func encodeSlot<T: Encodable>(_ value: T, at path: @autoclosure () -> JSONCodingPathNode) throws -> JSONEncodedSlot? {
        if T.self == JSONValue.self, let json = value as? JSONValue { return .value(json) }
        if T.self == String.self, let text = value as? String { return .value(.string(text)) }
        if T.self == Bool.self, let flag = value as? Bool { return .value(.bool(flag)) }
        if T.self == Int.self, let number = value as? Int { return .value(.int(Int64(number))) }
        if T.self == Int64.self, let number = value as? Int64 { return .value(.int(number)) }
        if T.self == Double.self, let number = value as? Double { return .value(try Self.finite(number, at: path)) }
        if T.self == [String: String].self, let map = value as? [String: String] {
            return .value(.object(map.mapValues { .string($0) }))
        }
        if T.self == [String].self, let list = value as? [String] { return .value(.array(list.map { .string($0) })) }
        if T.self == Data.self, let data = value as? Data { return .value(.string(data.base64EncodedString())) }
        if T.self == URL.self, let url = value as? URL { return .value(.string(url.absoluteString)) }
        let encoder = JSONTreeEncoder(path: path(), userInfo: sendableUserInfo)
        try value.encode(to: encoder)
        return encoder.storage
    }

    /// A finite number: ``JSONValue/int(_:)`` when it is integral (below 10^15, where `JSONEncoder`
    /// writes plain digits that parse back as an integer), else ``JSONValue/double(_:)``.
    /// - Throws: `EncodingError.invalidValue` for infinities and NaN, which JSON cannot express.
    static func finite(_ number: Double, at path: () -> JSONCodingPathNode) throws -> JSONValue {
        guard number.isFinite else {
            throw EncodingError.invalidValue(
                number, EncodingError.Context(codingPath: path().codingPath, debugDescription: "Unable to encode \(number) directly in JSON."))
        }
        if number.rounded() == number, abs(number) < 1e15 { return .int(Int64(number)) }
        return .double(number)
    }

    /// An integer as ``JSONValue/int(_:)``, or as a double when it exceeds `Int64`.
    static func integer<T: FixedWidthInteger>(_ number: T) -> JSONValue {
        if let exact = Int64(exactly: number) { return .int(exact) }
        return .double(Double(number))
    }
}

/// A JSON object under construction.
final class JSONEncodedObject {
    /// Members encoded so far.
    var members: [String: JSONEncodedSlot] = [:]
}

/// A JSON array under construction.
final class JSONEncodedArray {
    /// Elements encoded so far.
    var elements: [JSONEncodedSlot] = []
}

/// One encoded value: finished, or a box still open to writes.
enum JSONEncodedSlot {
    /// A finished value.
    case value(JSONValue)
    /// An object whose container may still be written to.
    case object(JSONEncodedObject)
    /// An array whose container may still be written to.
    case array(JSONEncodedArray)
    /// What a `superEncoder()` receives, read at the end.
    case pending(JSONTreeEncoder)

    /// The finished tree.
    var finished: JSONValue {
        switch self {
        case .value(let value): value
        case .object(let object): .object(object.members.mapValues(\.finished))
        case .array(let array): .array(array.elements.map(\.finished))
        case .pending(let encoder): encoder.storage?.finished ?? .object([:])
        }
    }
}
