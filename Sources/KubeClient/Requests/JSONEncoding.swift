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

    /// Decodes a response body.
    /// - Throws: `DecodingError`.
    package static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(bytes))
    }
}
