import KubeClient
import Testing

@Suite("LineSplitter")
struct LineSplitterTests {
    static let body = Array("{\"type\":\"ADDED\",\"n\":1}\n{\"type\":\"MODIFIED\",\"n\":2}\r\n\n{\"type\":\"DELETED\",\"n\":3}\n".utf8)
    static let expected = ["{\"type\":\"ADDED\",\"n\":1}", "{\"type\":\"MODIFIED\",\"n\":2}", "{\"type\":\"DELETED\",\"n\":3}"]

    @Test("lines do not depend on chunk boundaries", arguments: [1, 2, 3, 7, 16, 23, 1000])
    func chunkSizes(chunkSize: Int) {
        var splitter = LineSplitter()
        var lines: [String] = []
        var start = 0
        while start < Self.body.count {
            let end = min(start + chunkSize, Self.body.count)
            lines += splitter.append(Self.body[start..<end]).map { String(decoding: $0, as: UTF8.self) }
            start = end
        }
        #expect(splitter.finish() == nil)
        #expect(lines == Self.expected)
    }

    @Test("a line split exactly at its newline is delivered once")
    func splitAtNewline() {
        var splitter = LineSplitter()
        #expect(splitter.append(Array("abc".utf8)).isEmpty)
        #expect(splitter.pendingByteCount == 3)
        #expect(splitter.append(Array("\n".utf8)) == [Array("abc".utf8)])
        #expect(splitter.pendingByteCount == 0)
    }

    @Test("an unterminated last line is returned by finish")
    func unterminatedLastLine() {
        var splitter = LineSplitter()
        #expect(splitter.append(Array("one\ntwo".utf8)) == [Array("one".utf8)])
        #expect(splitter.finish() == Array("two".utf8))
        #expect(splitter.finish() == nil)
    }
}
