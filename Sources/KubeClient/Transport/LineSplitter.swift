/// Splits a byte stream into lines, independent of how the bytes were chunked.
///
/// A watch body is newline-delimited JSON, but HTTP chunks (and libcurl write callbacks) do not line
/// up with lines: one line may arrive in many pieces and one piece may hold many lines. The splitter
/// keeps the unfinished remainder between calls. Empty lines are dropped; a trailing `\r` is removed.
package struct LineSplitter: Sendable {
    private var remainder: [UInt8] = []

    /// Creates an empty splitter.
    package init() {}

    /// The number of bytes held back as an unfinished line.
    package var pendingByteCount: Int { remainder.count }

    /// Appends bytes and returns every line they complete, in order.
    /// - Parameter bytes: the next piece of the stream.
    /// - Returns: the completed lines, without terminators; empty when no newline arrived.
    package mutating func append(_ bytes: some Collection<UInt8>) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                if remainder.isEmpty {
                    appendLine(bytes[start..<index], to: &lines)
                } else {
                    remainder.append(contentsOf: bytes[start..<index])
                    appendLine(remainder[...], to: &lines)
                    remainder.removeAll(keepingCapacity: true)
                }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        remainder.append(contentsOf: bytes[start..<bytes.endIndex])
        return lines
    }

    /// Ends the stream and returns the unfinished last line, if it holds anything.
    package mutating func finish() -> [UInt8]? {
        defer { remainder.removeAll() }
        var lines: [[UInt8]] = []
        appendLine(remainder[...], to: &lines)
        return lines.first
    }

    private func appendLine<S: Collection<UInt8>>(_ line: S, to lines: inout [[UInt8]]) {
        var bytes = Array(line)
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        if !bytes.isEmpty { lines.append(bytes) }
    }
}
