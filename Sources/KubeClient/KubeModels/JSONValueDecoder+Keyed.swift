/// A keyed view of one JSON object.
///
/// Scalars are read from the member directly; other types go through ``JSONTreeDecoder/decodeValue(_:from:at:)``.
/// `decodeIfPresent` treats a missing member and `null` alike, as `JSONDecoder` does.
struct JSONTreeKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// The decoder nested values are decoded with.
    let decoder: JSONTreeDecoder
    /// The object's members.
    let members: [String: JSONValue]
    /// Where the object sits in the document.
    let path: JSONCodingPathNode

    /// The path to the object.
    var codingPath: [any CodingKey] { path.codingPath }

    /// The members whose names `Key` accepts.
    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    /// Whether the member exists (even when it is `null`).
    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    /// Whether the member is `null`.
    /// - Throws: `DecodingError.keyNotFound` when it is missing.
    func decodeNil(forKey key: Key) throws -> Bool { try member(key).isNull }

    /// Decodes a `Bool` member.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try member(key).decodedBool(at: path.appending(key)) }
    /// Decodes a `String` member.
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try member(key).decodedString(at: path.appending(key))
    }
    /// Decodes a `Double` member.
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try member(key).decodedDouble(at: path.appending(key))
    }
    /// Decodes a `Float` member.
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try member(key).decodedFloat(at: path.appending(key)) }
    /// Decodes an `Int` member.
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    /// Decodes an `Int8` member.
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    /// Decodes an `Int16` member.
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    /// Decodes an `Int32` member.
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    /// Decodes an `Int64` member.
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    /// Decodes a `UInt` member.
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    /// Decodes a `UInt8` member.
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    /// Decodes a `UInt16` member.
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    /// Decodes a `UInt32` member.
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    /// Decodes a `UInt64` member.
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }

    /// Decodes a member of any `Decodable` type.
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.decodeValue(T.self, from: try member(key), at: .key(key, path))
    }

    /// Decodes a `String` member, or `nil` when it is missing or `null`.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = presentMember(key) else { return nil }
        return try value.decodedString(at: path.appending(key))
    }

    /// Decodes a `Bool` member, or `nil` when it is missing or `null`.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = presentMember(key) else { return nil }
        return try value.decodedBool(at: path.appending(key))
    }

    /// Decodes an `Int64` member, or `nil` when it is missing or `null`.
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        guard let value = presentMember(key) else { return nil }
        return try value.decodedInteger(type, at: path.appending(key))
    }

    /// Decodes an `Int` member, or `nil` when it is missing or `null`.
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let value = presentMember(key) else { return nil }
        return try value.decodedInteger(type, at: path.appending(key))
    }

    /// Decodes a member of any `Decodable` type, or `nil` when it is missing or `null`.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = presentMember(key) else { return nil }
        return try decoder.decodeValue(T.self, from: value, at: .key(key, path))
    }

    /// A keyed view of an object member.
    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let value = try member(key)
        guard case .object(let nested) = value else {
            throw value.mismatch([String: Any].self, at: path.appending(key))
        }
        return KeyedDecodingContainer(
            JSONTreeKeyedDecodingContainer<NestedKey>(decoder: decoder, members: nested, path: .key(key, path)))
    }

    /// An unkeyed view of an array member.
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let value = try member(key)
        guard case .array(let elements) = value else {
            throw value.mismatch([Any].self, at: path.appending(key))
        }
        return JSONTreeUnkeyedDecodingContainer(decoder: decoder, elements: elements, path: .key(key, path))
    }

    /// A decoder of the member `super` (`null` when it is missing).
    func superDecoder() throws -> any Decoder {
        decoder.superDecoder(
            for: members[JSONCodingKey.superKey.stringValue] ?? .null, at: .key(JSONCodingKey.superKey, path))
    }

    /// A decoder of the member `key` (`null` when it is missing).
    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.superDecoder(for: members[key.stringValue] ?? .null, at: .key(key, path))
    }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: codingPath, debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return value
    }

    private func presentMember(_ key: Key) -> JSONValue? {
        guard let value = members[key.stringValue], !value.isNull else { return nil }
        return value
    }

    private func integer<T: FixedWidthInteger>(_ type: T.Type, _ key: Key) throws -> T {
        try member(key).decodedInteger(type, at: path.appending(key))
    }
}
