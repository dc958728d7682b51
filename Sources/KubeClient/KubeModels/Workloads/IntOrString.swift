/// A value that is either an integer or a string (`intstr.IntOrString`, also used for quantities such
/// as `cpu: 1` or `memory: 128Mi`), keeping the form it was written in.
package enum IntOrString: Codable, Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral
{
    case int(Int64)
    case string(String)

    /// Decodes an integer or a string.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            self = .int(number)
        } else if let double = try? container.decode(Double.self) {
            self = .string(double.description)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// Encodes the value in its original form.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        }
    }

    /// Creates a string value.
    package init(stringLiteral value: String) { self = .string(value) }
    /// Creates an integer value.
    package init(integerLiteral value: Int64) { self = .int(value) }

    /// The value as text.
    package var description: String {
        switch self {
        case .int(let number): String(number)
        case .string(let text): text
        }
    }
}
