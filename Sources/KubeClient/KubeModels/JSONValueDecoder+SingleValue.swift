/// The decoder is the single-value container of its current value: no extra object per scalar.
extension JSONTreeDecoder: SingleValueDecodingContainer {
    /// Whether the current value is `null`.
    func decodeNil() -> Bool { value.isNull }

    /// The current value as a `Bool`.
    func decode(_ type: Bool.Type) throws -> Bool { try value.decodedBool(at: codingPath) }
    /// The current value as a `String`.
    func decode(_ type: String.Type) throws -> String { try value.decodedString(at: codingPath) }
    /// The current value as a `Double`.
    func decode(_ type: Double.Type) throws -> Double { try value.decodedDouble(at: codingPath) }
    /// The current value as a `Float`.
    func decode(_ type: Float.Type) throws -> Float { try value.decodedFloat(at: codingPath) }
    /// The current value as an `Int`.
    func decode(_ type: Int.Type) throws -> Int { try value.decodedInteger(type, at: codingPath) }
    /// The current value as an `Int8`.
    func decode(_ type: Int8.Type) throws -> Int8 { try value.decodedInteger(type, at: codingPath) }
    /// The current value as an `Int16`.
    func decode(_ type: Int16.Type) throws -> Int16 { try value.decodedInteger(type, at: codingPath) }
    /// The current value as an `Int32`.
    func decode(_ type: Int32.Type) throws -> Int32 { try value.decodedInteger(type, at: codingPath) }
    /// The current value as an `Int64`.
    func decode(_ type: Int64.Type) throws -> Int64 { try value.decodedInteger(type, at: codingPath) }
    /// The current value as a `UInt`.
    func decode(_ type: UInt.Type) throws -> UInt { try value.decodedInteger(type, at: codingPath) }
    /// The current value as a `UInt8`.
    func decode(_ type: UInt8.Type) throws -> UInt8 { try value.decodedInteger(type, at: codingPath) }
    /// The current value as a `UInt16`.
    func decode(_ type: UInt16.Type) throws -> UInt16 { try value.decodedInteger(type, at: codingPath) }
    /// The current value as a `UInt32`.
    func decode(_ type: UInt32.Type) throws -> UInt32 { try value.decodedInteger(type, at: codingPath) }
    /// The current value as a `UInt64`.
    func decode(_ type: UInt64.Type) throws -> UInt64 { try value.decodedInteger(type, at: codingPath) }

    /// The current value as any `Decodable`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeValue(T.self, from: value, at: path)
    }
}
