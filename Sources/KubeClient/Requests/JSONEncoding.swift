import KubeModels

/// The client's JSON encoding and decoding of wire bodies.
///
/// Everything goes through ``JSONValue``: bodies are parsed with the byte-level parser and typed
/// models are read from the tree by ``JSONValueDecoder`` (several times faster than `JSONDecoder`,
/// which has to re-scan text for every container); encoding builds the tree with ``JSONValueEncoder``
/// and writes it with the canonical serializer.
package enum JSONEncoding {
    /// Encodes a value as compact JSON with sorted keys (stable bytes for tests and hashing).
    /// - Throws: `EncodingError` (e.g. for a non-finite `Double`).
    package static func encode(_ value: some Encodable) throws -> [UInt8] {
        try JSONValueEncoder().encode(value).serialized()
    }

    /// Encodes a model as a ``JSONValue`` object, filling in `apiVersion` and `kind` from its resource
    /// type when the model left them out.
    /// - Throws: `EncodingError` when the model cannot be encoded.
    package static func objectValue<R: KubeResource>(_ object: R, type: ResourceType) throws -> JSONValue {
        var value = try JSONValue(encoding: object)
        if value["apiVersion"]?.stringValue == nil { value["apiVersion"] = .string(type.apiVersion) }
        if value["kind"]?.stringValue == nil { value["kind"] = .string(type.kind) }
        return value
    }

    /// Decodes a response body: parses it, then reads `T` from the tree.
    /// - Throws: ``JSONParseError`` when the body is not JSON, `DecodingError` when it does not match `T`.
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBytes { raw in try decode(T.self, from: raw) }
    }

    /// Decodes a body held in memory someone else owns (a transfer buffer) without copying it.
    /// - Throws: ``JSONParseError`` when the bytes are not JSON, `DecodingError` when they do not match `T`.
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        let document = try JSONValue(parsingUTF8: bytes, skipping: .of(T.self))
        if T.self == JSONValue.self, let value = document as? T { return value }
        return try JSONValueDecoder().decode(T.self, from: document)
    }

    /// Decodes a list page, turning each item into `Item` as soon as it is parsed (see
    /// ``JSONValueDecoder/decodeList(_:from:)``), so a page's whole tree is never held.
    /// - Throws: ``JSONParseError`` when the body is not a JSON object, `DecodingError` when it is not
    ///   a list of `Item`.
    package static func decodeList<Item: Codable & Sendable>(
        _ type: ObjectList<Item>.Type, from bytes: [UInt8]
    ) throws
        -> ObjectList<Item>
    {
        try bytes.withUnsafeBytes { raw in try JSONValueDecoder().decodeList(type, from: raw) }
    }
}
