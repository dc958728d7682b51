/// The encoder is the single-value container of its own value.
extension JSONTreeEncoder: SingleValueEncodingContainer {
    /// Encodes `null`.
    func encodeNil() { storage = .value(.null) }
    /// Encodes a `Bool`.
    func encode(_ value: Bool) { storage = .value(.bool(value)) }
    /// Encodes a `String`.
    func encode(_ value: String) { storage = .value(.string(value)) }
    /// Encodes a finite `Double`.
    func encode(_ value: Double) throws { storage = .value(try Self.finite(value, at: { path })) }
    /// Encodes a finite `Float`.
    func encode(_ value: Float) throws { storage = .value(try Self.finite(Double(value), at: { path })) }
    /// Encodes an `Int`.
    func encode(_ value: Int) { storage = .value(Self.integer(value)) }
    /// Encodes an `Int8`.
    func encode(_ value: Int8) { storage = .value(Self.integer(value)) }
    /// Encodes an `Int16`.
    func encode(_ value: Int16) { storage = .value(Self.integer(value)) }
    /// Encodes an `Int32`.
    func encode(_ value: Int32) { storage = .value(Self.integer(value)) }
    /// Encodes an `Int64`.
    func encode(_ value: Int64) { storage = .value(Self.integer(value)) }
    /// Encodes a `UInt`.
    func encode(_ value: UInt) { storage = .value(Self.integer(value)) }
    /// Encodes a `UInt8`.
    func encode(_ value: UInt8) { storage = .value(Self.integer(value)) }
    /// Encodes a `UInt16`.
    func encode(_ value: UInt16) { storage = .value(Self.integer(value)) }
    /// Encodes a `UInt32`.
    func encode(_ value: UInt32) { storage = .value(Self.integer(value)) }
    /// Encodes a `UInt64`.
    func encode(_ value: UInt64) { storage = .value(Self.integer(value)) }
    /// Encodes any `Encodable` as this encoder's value.
    func encode<T: Encodable>(_ value: T) throws { storage = try encodeNested(value, at: path) }
}

/// A keyed container writing into one object box.
struct JSONTreeKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    /// The encoder nested values are encoded with.
    let encoder: JSONTreeEncoder
    /// The object written to.
    let object: JSONEncodedObject
    /// Where the object sits in the document.
    let path: JSONCodingPathNode

    /// The path to the object.
    var codingPath: [any CodingKey] { path.codingPath }

    /// Sets the member to `null`.
    mutating func encodeNil(forKey key: Key) { set(.null, key) }
    /// Sets a `Bool` member.
    mutating func encode(_ value: Bool, forKey key: Key) { set(.bool(value), key) }
    /// Sets a `String` member.
    mutating func encode(_ value: String, forKey key: Key) { set(.string(value), key) }
    /// Sets a finite `Double` member.
    mutating func encode(_ value: Double, forKey key: Key) throws {
        set(try JSONTreeEncoder.finite(value, at: { .key(key, path) }), key)
    }
    /// Sets a finite `Float` member.
    mutating func encode(_ value: Float, forKey key: Key) throws {
        set(try JSONTreeEncoder.finite(Double(value), at: { .key(key, path) }), key)
    }
    /// Sets an `Int` member.
    mutating func encode(_ value: Int, forKey key: Key) { set(JSONTreeEncoder.integer(value), key) }
    /// Sets an `Int8` member.
    mutating func encode(_ value: Int8, forKey key: Key) { set(JSONTreeEncoder.integer(value), key) }
    /// Sets an `Int16` member.
    mutating func encode(_ value: Int16, forKey key: Key) { set(JSONTreeEncoder.integer(value), key) }
    /// Sets an `Int32` member.
    mutating func encode(_ value: Int32, forKey key: Key) { set(JSONTreeEncoder.integer(value), key) }
    /// Sets an `Int64` member.
    mutating func encode(_ value: Int64, forKey key: Key) { set(JSONTreeEncoder.integer(value), key) }
    /// Sets a `UInt` member.
    mutating func encode(_ value: UInt, forKey key: Key) { set(JSONTreeEncoder.integer(value), key) }
    /// Sets a `UInt8` member.
    mutating func encode(_ value: UInt8, forKey key: Key) { set(JSONTreeEncoder.integer(value), key) }
    /// Sets a `UInt16` member.
    mutating func encode(_ value: UInt16, forKey key: Key) { set(JSONTreeEncoder.integer(value), key) }
    /// Sets a `UInt32` member.
    mutating func encode(_ value: UInt32, forKey key: Key) { set(JSONTreeEncoder.integer(value), key) }
    /// Sets a `UInt64` member.
    mutating func encode(_ value: UInt64, forKey key: Key) { set(JSONTreeEncoder.integer(value), key) }

    /// Sets a member of any `Encodable` type.
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.members[key.stringValue] = try encoder.encodeNested(value, at: .key(key, path))
    }

    /// A keyed container for a member object (continuing it when the member already is one).
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested: JSONEncodedObject
        if case .object(let existing) = object.members[key.stringValue] {
            nested = existing
        } else {
            nested = JSONEncodedObject()
            object.members[key.stringValue] = .object(nested)
        }
        return KeyedEncodingContainer(
            JSONTreeKeyedEncodingContainer<NestedKey>(encoder: encoder, object: nested, path: .key(key, path)))
    }

    /// An unkeyed container for a member array (continuing it when the member already is one).
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested: JSONEncodedArray
        if case .array(let existing) = object.members[key.stringValue] {
            nested = existing
        } else {
            nested = JSONEncodedArray()
            object.members[key.stringValue] = .array(nested)
        }
        return JSONTreeUnkeyedEncodingContainer(encoder: encoder, array: nested, path: .key(key, path))
    }

    /// An encoder for the member `super`.
    mutating func superEncoder() -> any Encoder { superEncoder(named: JSONCodingKey.superKey) }

    /// An encoder for the member `key`.
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key) }

    private func superEncoder(named key: any CodingKey) -> any Encoder {
        let child = JSONTreeEncoder(path: .key(key, path), userInfo: encoder.sendableUserInfo)
        object.members[key.stringValue] = .pending(child)
        return child
    }

    private func set(_ value: JSONValue, _ key: Key) { object.members[key.stringValue] = .value(value) }
}

/// An unkeyed container appending to one array box.
struct JSONTreeUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    /// The encoder nested values are encoded with.
    let encoder: JSONTreeEncoder
    /// The array appended to.
    let array: JSONEncodedArray
    /// Where the array sits in the document.
    let path: JSONCodingPathNode

    /// The path to the array.
    var codingPath: [any CodingKey] { path.codingPath }
    /// The number of elements so far.
    var count: Int { array.elements.count }

    /// Appends `null`.
    mutating func encodeNil() { append(.null) }
    /// Appends a `Bool`.
    mutating func encode(_ value: Bool) { append(.bool(value)) }
    /// Appends a `String`.
    mutating func encode(_ value: String) { append(.string(value)) }
    /// Appends a finite `Double`.
    mutating func encode(_ value: Double) throws { append(try JSONTreeEncoder.finite(value, at: { nextPath })) }
    /// Appends a finite `Float`.
    mutating func encode(_ value: Float) throws { append(try JSONTreeEncoder.finite(Double(value), at: { nextPath })) }
    /// Appends an `Int`.
    mutating func encode(_ value: Int) { append(JSONTreeEncoder.integer(value)) }
    /// Appends an `Int8`.
    mutating func encode(_ value: Int8) { append(JSONTreeEncoder.integer(value)) }
    /// Appends an `Int16`.
    mutating func encode(_ value: Int16) { append(JSONTreeEncoder.integer(value)) }
    /// Appends an `Int32`.
    mutating func encode(_ value: Int32) { append(JSONTreeEncoder.integer(value)) }
    /// Appends an `Int64`.
    mutating func encode(_ value: Int64) { append(JSONTreeEncoder.integer(value)) }
    /// Appends a `UInt`.
    mutating func encode(_ value: UInt) { append(JSONTreeEncoder.integer(value)) }
    /// Appends a `UInt8`.
    mutating func encode(_ value: UInt8) { append(JSONTreeEncoder.integer(value)) }
    /// Appends a `UInt16`.
    mutating func encode(_ value: UInt16) { append(JSONTreeEncoder.integer(value)) }
    /// Appends a `UInt32`.
    mutating func encode(_ value: UInt32) { append(JSONTreeEncoder.integer(value)) }
    /// Appends a `UInt64`.
    mutating func encode(_ value: UInt64) { append(JSONTreeEncoder.integer(value)) }

    /// Appends any `Encodable`.
    mutating func encode<T: Encodable>(_ value: T) throws {
        array.elements.append(try encoder.encodeNested(value, at: nextPath))
    }

    /// Appends an object and returns its keyed container.
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONEncodedObject()
        let container = JSONTreeKeyedEncodingContainer<NestedKey>(encoder: encoder, object: nested, path: nextPath)
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(container)
    }

    /// Appends an array and returns its unkeyed container.
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = JSONEncodedArray()
        let container = JSONTreeUnkeyedEncodingContainer(encoder: encoder, array: nested, path: nextPath)
        array.elements.append(.array(nested))
        return container
    }

    /// Appends a value written later through the returned encoder.
    mutating func superEncoder() -> any Encoder {
        let child = JSONTreeEncoder(path: nextPath, userInfo: encoder.sendableUserInfo)
        array.elements.append(.pending(child))
        return child
    }

    private var nextPath: JSONCodingPathNode { .index(array.elements.count, path) }

    private func append(_ value: JSONValue) { array.elements.append(.value(value)) }
}
