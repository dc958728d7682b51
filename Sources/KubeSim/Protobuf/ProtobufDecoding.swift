import KubeModels

/// Decodes Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`): the
/// `k8s\0` magic, the `runtime.Unknown` envelope, then the object by its kind's schema, into the
/// object's JSON form. Only the kinds in ``ProtobufSchemas`` are understood.
package enum ProtobufDecoding {
    /// The envelope's magic prefix.
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// Decodes a body into JSON.
    /// - Throws: ``APIError`` 415 for kinds KubeSim cannot decode, 400 for malformed bytes.
    package static func decode(_ bytes: [UInt8]) throws(APIError) -> JSONValue {
        guard bytes.count >= 4, Array(bytes.prefix(4)) == magic else {
            throw APIError.badRequest("the protobuf body does not start with the Kubernetes envelope prefix")
        }
        var reader = ProtobufReader(bytes: bytes[4...])
        var apiVersion = ""
        var kind = ""
        var raw: ArraySlice<UInt8> = []
        do {
            while let (number, wire) = try reader.nextKey() {
                switch (number, wire) {
                case (1, 2):
                    var typeMeta = ProtobufReader(bytes: try reader.lengthDelimited())
                    while let (field, fieldWire) = try typeMeta.nextKey() {
                        if field == 1, fieldWire == 2 {
                            apiVersion = try typeMeta.string()
                        } else if field == 2, fieldWire == 2 {
                            kind = try typeMeta.string()
                        } else {
                            try typeMeta.skip(fieldWire)
                        }
                    }
                case (2, 2): raw = try reader.lengthDelimited()
                default: try reader.skip(wire)
                }
            }
            guard let message = ProtobufSchemas.kinds["\(apiVersion)/\(kind)"] else {
                throw APIError.unsupportedMediaType("application/vnd.kubernetes.protobuf", accepted: ["application/json", "application/yaml"])
            }
            var object = try decodeMessage(raw, message).members
            object["apiVersion"] = .string(apiVersion)
            object["kind"] = .string(kind)
            return .object(object)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.badRequest("cannot decode the protobuf body: \(error)")
        }
    }

    /// Decodes one message into its JSON object form.
    private static func decodeMessage(_ bytes: ArraySlice<UInt8>, _ message: ProtobufMessage) throws -> JSONValue {
        var reader = ProtobufReader(bytes: bytes)
        var members: [String: JSONValue] = [:]
        while let (number, wire) = try reader.nextKey() {
            guard let (name, field) = message.fields[number] else {
                try reader.skip(wire)
                continue
            }
            switch field {
            case .string:
                let text = try reader.string()
                if !text.isEmpty { members[name] = .string(text) }
            case .bytes:
                members[name] = .string(Base64.encode(Array(try reader.lengthDelimited())))
            case .int64:
                let value = Int64(bitPattern: try reader.varint())
                if value != 0 { members[name] = .int(value) }
            case .bool:
                members[name] = .bool(try reader.varint() != 0)
            case .time:
                var time = ProtobufReader(bytes: try reader.lengthDelimited())
                var seconds: Int64 = 0
                while let (field, fieldWire) = try time.nextKey() {
                    if field == 1 { seconds = Int64(bitPattern: try time.varint()) } else { try time.skip(fieldWire) }
                }
                if seconds != 0 { members[name] = .string(Timestamp(secondsSinceEpoch: seconds).rfc3339) }
            case .stringMap, .bytesMap:
                var entry = ProtobufReader(bytes: try reader.lengthDelimited())
                var key = ""
                var value: JSONValue = .string("")
                while let (entryField, entryWire) = try entry.nextKey() {
                    if entryField == 1 {
                        key = try entry.string()
                    } else if entryField == 2 {
                        if case .bytesMap = field {
                            value = .string(Base64.encode(Array(try entry.lengthDelimited())))
                        } else {
                            value = .string(try entry.string())
                        }
                    } else {
                        try entry.skip(entryWire)
                    }
                }
                var map = members[name]?.members ?? [:]
                map[key] = value
                members[name] = .object(map)
            case .repeatedString:
                members[name] = .array((members[name]?.arrayValue ?? []) + [.string(try reader.string())])
            case .message(let nested):
                members[name] = try decodeMessage(try reader.lengthDelimited(), nested)
            case .repeatedMessage(let nested):
                members[name] = .array((members[name]?.arrayValue ?? []) + [try decodeMessage(try reader.lengthDelimited(), nested)])
            }
        }
        return .object(members)
    }
}

/// Reads protobuf wire-format values.
private struct ProtobufReader {
    /// Bytes that are not valid protobuf wire format.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// The bytes not read yet.
    var bytes: ArraySlice<UInt8>

    mutating func nextKey() throws -> (Int, Int)? {
        guard !bytes.isEmpty else { return nil }
        let key = try varint()
        return (Int(key >> 3), Int(key & 7))
    }

    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            guard shift < 64 else { throw Malformed(description: "varint too long") }
        }
        throw Malformed(description: "truncated varint")
    }

    mutating func lengthDelimited() throws -> ArraySlice<UInt8> {
        let length = Int(try varint())
        guard length >= 0, length <= bytes.count else { throw Malformed(description: "truncated field") }
        let value = bytes.prefix(length)
        bytes = bytes.dropFirst(length)
        return value
    }

    mutating func string() throws -> String {
        String(decoding: try lengthDelimited(), as: UTF8.self)
    }

    mutating func skip(_ wire: Int) throws {
        switch wire {
        case 0: _ = try varint()
        case 1:
            guard bytes.count >= 8 else { throw Malformed(description: "truncated fixed64") }
            bytes = bytes.dropFirst(8)
        case 2: _ = try lengthDelimited()
        case 5:
            guard bytes.count >= 4 else { throw Malformed(description: "truncated fixed32") }
            bytes = bytes.dropFirst(4)
        default: throw Malformed(description: "unsupported wire type \(wire)")
        }
    }
}
