/// What ``JSONValue/parseObject(_:streamingElementsOf:into:)`` found besides the streamed elements.
package struct JSONStreamedObject: Sendable {
    /// The object's other members.
    package var members: [String: JSONValue]
    /// Whether the streamed member was there: `false` when missing, `true` for an array or `null`.
    package var hasStreamedMember: Bool
}

extension JSONValue {
    /// Parses a JSON object and hands each element of one of its array members to `body` as soon as
    /// the element is parsed, without keeping it.
    ///
    /// A list page decoded this way never holds more than one element's tree, where parsing the whole
    /// page first holds a tree several times the size of the page. `null` in place of the array is
    /// taken as an empty array.
    /// - Parameters:
    ///   - bytes: the complete document, a JSON object.
    ///   - member: the member whose elements are streamed, e.g. `items`.
    ///   - unread: members of the elements to step over without building them.
    ///   - body: called once per element, in order, with the element and its index.
    /// - Returns: the other members, and whether `member` was present.
    /// - Throws: ``JSONParseError`` when the text is not a JSON object, or `member` is neither an array
    ///   nor `null`; anything `body` throws.
    package static func parseObject(
        _ bytes: UnsafeRawBufferPointer, streamingElementsOf member: String, skipping unread: UnreadMembers = .none,
        into body: (JSONValue, Int) throws -> Void
    ) throws -> JSONStreamedObject {
        var parser = ByteJSONParser(bytes: bytes)
        parser.unread = unread.members
        var result = JSONStreamedObject(members: [:], hasStreamedMember: false)
        parser.skipWhitespace()
        guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "{") else {
            throw parser.error("expected an object")
        }
        parser.index += 1
        parser.skipWhitespace()
        if parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "}") {
            parser.index += 1
        } else {
            while true {
                parser.skipWhitespace()
                guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "\"") else {
                    throw parser.error("expected a member name")
                }
                let key = try parser.parseString()
                parser.skipWhitespace()
                guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: ":") else { throw parser.error("expected ':'") }
                parser.index += 1
                if key == member {
                    result.hasStreamedMember = true
                    try parser.streamArray(into: body)
                } else {
                    result.members[key] = try parser.parseValue()
                }
                if try parser.closeContainer(UInt8(ascii: "}")) { break }
            }
        }
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected trailing characters") }
        return result
    }
}

extension ByteJSONParser {
    /// Parses an array (or `null`), handing each element to `body` instead of collecting them.
    mutating func streamArray(into body: (JSONValue, Int) throws -> Void) throws {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        if bytes[index] == UInt8(ascii: "n") {
            try expectLiteral("null")
            return
        }
        guard bytes[index] == UInt8(ascii: "[") else { throw error("expected an array") }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        var position = 0
        while true {
            try body(try parseValue(), position)
            position += 1
            if try closeContainer(UInt8(ascii: "]")) { return }
        }
    }

    /// After a member or element: consumes `,` (returns `false`) or `closing` (returns `true`).
    mutating func closeContainer(_ closing: UInt8) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input") }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return false
        }
        guard bytes[index] == closing else { throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))'") }
        index += 1
        return true
    }
}
