import Foundation
import KubeModels

/// The client's JSON encoding and decoding of wire bodies.
package enum JSONEncoding {
    /// Encodes a value as compact JSON with sorted keys (stable bytes for tests and hashing).
    /// - Throws: `EncodingError` (e.g. for a non-finite `Double`).
    package static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
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

    /// Decodes a response body. Untyped results (``JSONValue`` and lists of them) use the byte-level
    /// parser, several times faster than `JSONDecoder`; typed models use `JSONDecoder`.
    /// - Throws: `DecodingError`, or ``JSONParseError`` for untyped results.
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        if T.self == JSONValue.self, let value = try JSONValue(parsingUTF8: bytes) as? T {
            return value
        }
        if T.self == ObjectList<JSONValue>.self, let list = try untypedList(bytes) as? T {
            return list
        }
        return try JSONDecoder().decode(T.self, from: Data(bytes))
    }

    private static func untypedList(_ bytes: [UInt8]) throws -> ObjectList<JSONValue> {
        let document = try JSONValue(parsingUTF8: bytes)
        guard let items = document["items"]?.arrayValue ?? (document["items"]?.isNull == true ? [] : nil) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: [], debugDescription: "a list must have an items array"))
        }
        let metadata = document["metadata"]
        return ObjectList(
            apiVersion: document["apiVersion"]?.stringValue, kind: document["kind"]?.stringValue,
            metadata: ListMeta(
                resourceVersion: metadata?["resourceVersion"]?.stringValue,
                continue: metadata?["continue"]?.stringValue,
                remainingItemCount: metadata?["remainingItemCount"]?.intValue),
            items: items)
    }
}
