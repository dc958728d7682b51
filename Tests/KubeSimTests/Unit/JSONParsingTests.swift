import Foundation
import KubeModels
import Testing

@Suite("Byte-level JSON parser")
struct JSONParsingTests {
    @Test("parses every JSON type and keeps integers integral")
    func types() throws {
        let value = try JSONValue(
            parsingUTF8: Array(#" {"a":1,"b":-2.5,"c":"x\"y\u00e9\n","d":[true,false,null],"e":{},"f":1e3,"g":9223372036854775807} "#.utf8))
        #expect(value["a"] == .int(1))
        #expect(value["b"] == .double(-2.5))
        #expect(value["c"] == .string("x\"yé\n"))
        #expect(value["d"] == [true, false, nil])
        #expect(value["e"] == .object([:]))
        #expect(value["f"] == .double(1000))
        #expect(value["g"] == .int(Int64.max))
    }

    @Test("decodes surrogate pairs")
    func surrogates() throws {
        #expect(try JSONValue(parsingUTF8: Array(#""\ud83d\ude00""#.utf8)) == .string("😀"))
    }

    @Test(
        "agrees with JSONDecoder on a round trip",
        arguments: [
            #"{"kind":"List","items":[{"metadata":{"name":"a","labels":{"x":"y"}},"n":3}],"f":0.25}"#,
            #"[1,[2,[3,[]]],{"":""}]"#,
            #""plain""#,
        ])
    func roundTrip(text: String) throws {
        let fast = try JSONValue(parsingUTF8: Array(text.utf8))
        let slow = try JSONValue(parsing: Data(text.utf8))
        #expect(fast == slow)
        #expect(try JSONValue(parsingUTF8: fast.serialized()) == fast)
    }

    @Test("rejects malformed text", arguments: ["{", "[1,]", #"{"a" 1}"#, "01", "tru", #""\x""#, "1 2", ""])
    func rejects(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsingUTF8: Array(text.utf8)) }
    }
}
