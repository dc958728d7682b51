extension JSONValueDecoder {
    /// Decodes a list page straight from its bytes, turning each item into `Item` as soon as it is
    /// parsed, so the page's tree is never held whole (it is several times the size of the text).
    ///
    /// Accepts what decoding `ObjectList<Item>` from the parsed page accepts, and also `items: null`
    /// (an empty list, as Go servers write an empty slice).
    /// - Throws: ``JSONParseError`` when the text is not a JSON object; `DecodingError` (with coding
    ///   paths such as `items.Index 3.metadata`) when a member does not match.
    package func decodeList<Item: Codable & Sendable>(
        _ type: ObjectList<Item>.Type, from bytes: UnsafeRawBufferPointer
    ) throws -> ObjectList<Item> {
        var items: [Item] = []
        let itemsKey = ObjectListKey.items
        let page = try JSONValue.parseObject(bytes, streamingElementsOf: itemsKey.stringValue, skipping: .of(Item.self)) { element, index in
            items.append(try decode(Item.self, from: element, codingPath: [itemsKey, JSONCodingKey(index: index)]))
        }
        guard page.hasStreamedMember else {
            throw DecodingError.keyNotFound(
                itemsKey, DecodingError.Context(codingPath: [], debugDescription: "No value associated with key items."))
        }
        let envelope = try decode(ListEnvelope.self, from: .object(page.members))
        return ObjectList(apiVersion: envelope.apiVersion, kind: envelope.kind, metadata: envelope.metadata, items: items)
    }
}

/// The keys of a list page this file reads itself.
private enum ObjectListKey: String, CodingKey {
    case items
}

/// A list page without its items.
private struct ListEnvelope: Decodable {
    var apiVersion: String?
    var kind: String?
    var metadata: ListMeta
}
