/// A parsed URL query string: percent-decoded names and values, `+` as space, repeated names kept.
package struct QueryParameters: Sendable, Hashable {
    private var values: [String: [String]] = [:]

    /// Parses the text after `?` (without the `?`).
    package init(_ query: String) {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    /// The first value of every parameter.
    package var firstValues: [String: String] { values.compactMapValues(\.first) }

    /// The first value of a parameter.
    package subscript(name: String) -> String? { values[name]?.first }

    /// Whether a boolean parameter is set to true (`true`, `1`).
    package func flag(_ name: String) -> Bool {
        guard let value = self[name]?.lowercased() else { return false }
        return value == "true" || value == "1"
    }

    /// An integer parameter.
    package func integer(_ name: String) -> Int? { self[name].flatMap { Int($0) } }

    /// Percent-decodes one component.
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else {
                    bytes.append(byte)
                    continue
                }
                bytes.append(value)
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
