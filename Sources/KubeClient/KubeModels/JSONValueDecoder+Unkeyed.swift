/// An unkeyed view of one JSON array. The index moves on only after an element decoded successfully,
/// so a caller may retry the same element as another type, as with `JSONDecoder`.
struct JSONTreeUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    /// The decoder nested values are decoded with.
    let decoder: JSONTreeDecoder
    /// The array's elements.
    let elements: [JSONValue]
    /// Where the array sits in the document.
    let path: JSONCodingPathNode
    /// The index of the next element.
    private(set) var currentIndex = 0

    /// Creates a view of `elements`.
    init(decoder: JSONTreeDecoder, elements: [JSONValue], path: JSONCodingPathNode) {
        self.decoder = decoder
        self.elements = elements
        self.path = path
    }

    /// The path to the array.
    var codingPath: [any CodingKey] { path.codingPath }
    /// The number of elements.
    var count: Int? { elements.count }
    /// Whether every element has been decoded.
    var isAtEnd: Bool { currentIndex >= elements.count }

    /// Skips the next element and returns `true` when it is `null`; returns `false` otherwise.
    mutating func decodeNil() throws -> Bool {
        guard try next(Never?.self).isNull else { return false }
        currentIndex += 1
        return true
    }

    /// Decodes a `Bool` element.
    mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar(type) { try $0.decodedBool(at: $1()) } }
    /// Decodes a `String` element.
    mutating func decode(_ type: String.Type) throws -> String { try scalar(type) { try $0.decodedString(at: $1()) } }
    /// Decodes a `Double` element.
    mutating func decode(_ type: Double.Type) throws -> Double { try scalar(type) { try $0.decodedDouble(at: $1()) } }
    /// Decodes a `Float` element.
    mutating func decode(_ type: Float.Type) throws -> Float { try scalar(type) { try $0.decodedFloat(at: $1()) } }
    /// Decodes an `Int` element.
    mutating func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    /// Decodes an `Int8` element.
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    /// Decodes an `Int16` element.
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    /// Decodes an `Int32` element.
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    /// Decodes an `Int64` element.
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    /// Decodes a `UInt` element.
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    /// Decodes a `UInt8` element.
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    /// Decodes a `UInt16` element.
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    /// Decodes a `UInt32` element.
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    /// Decodes a `UInt64` element.
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    /// Decodes an element of any `Decodable` type.
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let value = try next(T.self)
        let result = try decoder.decodeValue(T.self, from: value, at: .index(currentIndex, path))
        currentIndex += 1
        return result
    }

    /// A keyed view of the next element, which must be an object.
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let value = try next(KeyedDecodingContainer<NestedKey>.self)
        guard case .object(let members) = value else {
            throw value.mismatch([String: Any].self, at: elementPath)
        }
        let container = JSONTreeKeyedDecodingContainer<NestedKey>(
            decoder: decoder, members: members, path: .index(currentIndex, path))
        currentIndex += 1
        return KeyedDecodingContainer(container)
    }

    /// An unkeyed view of the next element, which must be an array.
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let value = try next((any UnkeyedDecodingContainer).self)
        guard case .array(let nested) = value else {
            throw value.mismatch([Any].self, at: elementPath)
        }
        let container = JSONTreeUnkeyedDecodingContainer(decoder: decoder, elements: nested, path: .index(currentIndex, path))
        currentIndex += 1
        return container
    }

    /// A decoder of the next element.
    mutating func superDecoder() throws -> any Decoder {
        let value = try next((any Decoder).self)
        let superDecoder = decoder.superDecoder(for: value, at: .index(currentIndex, path))
        currentIndex += 1
        return superDecoder
    }

    private var elementPath: [any CodingKey] { path.appending(JSONCodingKey(index: currentIndex)) }

    /// The next element, without moving on.
    /// - Throws: `DecodingError.valueNotFound` at the end of the array.
    private func next(_ type: Any.Type) throws -> JSONValue {
        guard currentIndex < elements.count else {
            throw DecodingError.valueNotFound(
                type, DecodingError.Context(codingPath: elementPath, debugDescription: "Unkeyed container is at end."))
        }
        return elements[currentIndex]
    }

    private mutating func scalar<T>(_ type: T.Type, _ convert: (JSONValue, () -> [any CodingKey]) throws -> T) throws -> T {
        let result = try convert(try next(type), { elementPath })
        currentIndex += 1
        return result
    }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        try scalar(type) { try $0.decodedInteger(T.self, at: $1()) }
    }
}
