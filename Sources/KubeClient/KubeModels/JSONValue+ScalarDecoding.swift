/// Conversions from one tree node to a Swift scalar, with the errors `JSONDecoder` reports: `null`
/// where a value is required is `valueNotFound`, another JSON type is `typeMismatch`, and a number
/// that does not fit the integer type is `dataCorrupted`.
///
/// Every function takes the coding path as an autoclosure, so nothing is built unless it fails.
extension JSONValue {
    /// The string payload.
    /// - Throws: `DecodingError` when this is not a string.
    func decodedString(at path: @autoclosure () -> [any CodingKey]) throws -> String {
        if case .string(let text) = self { return text }
        throw mismatch(String.self, at: path())
    }

    /// The boolean payload.
    /// - Throws: `DecodingError` when this is not `true` or `false`.
    func decodedBool(at path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        if case .bool(let flag) = self { return flag }
        throw mismatch(Bool.self, at: path())
    }

    /// The number as an integer of type `T`: an integer, or an integral double, that fits `T`.
    /// - Throws: `DecodingError.dataCorrupted` when the number has a fraction or does not fit.
    func decodedInteger<T: FixedWidthInteger>(_ type: T.Type, at path: @autoclosure () -> [any CodingKey]) throws -> T {
        switch self {
        case .int(let number):
            if let result = T(exactly: number) { return result }
        case .double(let number):
            if let result = T(exactly: number) { return result }
        default:
            throw mismatch(T.self, at: path())
        }
        throw DecodingError.dataCorrupted(
            DecodingError.Context(codingPath: path(), debugDescription: "Number \(serializedString()) does not fit in \(T.self)."))
    }

    /// The number as a `Double` (integers convert).
    /// - Throws: `DecodingError` when this is not a number.
    func decodedDouble(at path: @autoclosure () -> [any CodingKey]) throws -> Double {
        switch self {
        case .double(let number): return number
        case .int(let number): return Double(number)
        default: throw mismatch(Double.self, at: path())
        }
    }

    /// The number as a `Float`.
    /// - Throws: `DecodingError.dataCorrupted` when a finite number overflows `Float`.
    func decodedFloat(at path: @autoclosure () -> [any CodingKey]) throws -> Float {
        let number = try decodedDouble(at: path())
        let result = Float(number)
        guard result.isFinite || !number.isFinite else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: path(), debugDescription: "Number \(number) does not fit in Float."))
        }
        return result
    }

    /// The error for a value of the wrong JSON type: `valueNotFound` for `null`, else `typeMismatch`,
    /// worded as `JSONDecoder` words them.
    func mismatch(_ type: Any.Type, at path: [any CodingKey]) -> DecodingError {
        if case .null = self {
            return .valueNotFound(
                type, DecodingError.Context(codingPath: path, debugDescription: "Cannot get value of type \(type) -- found null value instead"))
        }
        return .typeMismatch(
            type, DecodingError.Context(codingPath: path, debugDescription: "Expected to decode \(type) but found \(foundDescription) instead."))
    }

    private var foundDescription: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "a string"
        case .array: "an array"
        case .object: "a dictionary"
        }
    }
}
