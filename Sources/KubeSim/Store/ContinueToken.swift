import KubeModels

/// The opaque `continue` token of a paged LIST: the resourceVersion of the first page and the key
/// the next page starts after, base64-encoded JSON as the real API server writes it.
package struct ContinueToken: Sendable, Hashable {
    /// The resourceVersion the list started at.
    package var resourceVersion: Int64
    /// The last key returned; the next page starts strictly after it.
    package var lastKey: ObjectKey

    /// Creates a token.
    package init(resourceVersion: Int64, lastKey: ObjectKey) {
        self.resourceVersion = resourceVersion
        self.lastKey = lastKey
    }

    /// The token text.
    package var encoded: String {
        let body: JSONValue = [
            "v": "meta.k8s.io/v1", "rv": .int(resourceVersion),
            "start": .string(lastKey.namespace + "/" + lastKey.name + "\u{0}"),
        ]
        return Base64.encode(body.serialized())
    }

    /// Decodes token text.
    /// - Throws: ``APIError`` 400 when the token is not one this server issued.
    package init(decoding text: String) throws(APIError) {
        let invalid = APIError.badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
        guard let bytes = Base64.decode(text) else { throw invalid }
        let value: JSONValue
        do {
            value = try JSONValue(parsingUTF8: bytes)
        } catch {
            throw invalid
        }
        guard value["v"]?.stringValue == "meta.k8s.io/v1", let rv = value["rv"]?.intValue,
            var start = value["start"]?.stringValue, start.hasSuffix("\u{0}"), let slash = start.firstIndex(of: "/")
        else { throw invalid }
        start.removeLast()
        resourceVersion = rv
        lastKey = ObjectKey(namespace: String(start[..<slash]), name: String(start[start.index(after: slash)...]))
    }
}

extension Base64 {
    /// Decodes standard or URL-safe base64, with or without padding; `nil` for invalid text.
    package static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "/"), UInt8(ascii: "_"): values.append(63)
            case UInt8(ascii: "="): continue
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            let v = Array(chunk) + Array(repeating: 0, count: 4 - chunk.count)
            out.append(v[0] << 2 | v[1] >> 4)
            if chunk.count > 2 { out.append((v[1] & 0x0F) << 4 | v[2] >> 2) }
            if chunk.count > 3 { out.append((v[2] & 0x03) << 6 | v[3]) }
            index += 4
        }
        return out
    }
}
