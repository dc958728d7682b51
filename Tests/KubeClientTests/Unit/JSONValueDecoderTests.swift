import Foundation
import KubeModels
import Testing

/// Semantics of ``JSONValueDecoder`` beyond the models: numbers, errors and their coding paths, and the
/// container calls synthesized conformances never make.
@Suite("JSONValue coders: decoding")
struct JSONValueDecoderTests {
    let decoder = JSONValueDecoder()

    /// The coding path of a decoding error, as text (`a.Index 1.b`).
    static func path(of error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default: return "?"
        }
        return context.codingPath.map(\.stringValue).joined(separator: ".")
    }

    /// Decodes and returns the `DecodingError`, recording an issue when decoding succeeds.
    func failure<T: Decodable>(_ type: T.Type, _ value: JSONValue) -> DecodingError? {
        do {
            _ = try decoder.decode(T.self, from: value)
            Issue.record("decoding \(T.self) from \(value.serializedString()) succeeded")
        } catch let error as DecodingError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    struct Pair: Codable, Equatable {
        var name: String
        var count: Int8
    }

    @Test("integers come from integers and integral doubles that fit; doubles from both")
    func numbers() throws {
        #expect(try decoder.decode(Int.self, from: .int(7)) == 7)
        #expect(try decoder.decode(Int64.self, from: .double(3.0)) == 3)
        #expect(try decoder.decode(UInt8.self, from: .int(255)) == 255)
        #expect(try decoder.decode(Double.self, from: .int(2)) == 2.0)
        #expect(try decoder.decode(Float.self, from: .double(0.25)) == 0.25)
        #expect(try decoder.decode([Int16].self, from: [1, 2.0, -3]) == [1, 2, -3])
        guard case .dataCorrupted? = failure(Int8.self, .int(300)) else {
            Issue.record("300 fits Int8?")
            return
        }
        guard case .dataCorrupted? = failure(Int.self, .double(1.5)) else {
            Issue.record("1.5 is an Int?")
            return
        }
        guard case .dataCorrupted? = failure(UInt.self, .int(-1)) else {
            Issue.record("-1 is a UInt?")
            return
        }
        guard case .dataCorrupted? = failure(Float.self, .double(1e300)) else {
            Issue.record("1e300 fits Float?")
            return
        }
        guard case .typeMismatch? = failure(Int.self, "1") else {
            Issue.record("a string is an Int?")
            return
        }
        guard case .typeMismatch? = failure(Bool.self, .int(1)) else {
            Issue.record("1 is a Bool?")
            return
        }
    }

    @Test("errors carry the type and the coding path JSONDecoder reports")
    func errorPaths() throws {
        let document: JSONValue = ["items": [["name": "a", "count": 1], ["name": 5, "count": 1]]]
        let mismatch = failure([String: [Pair]].self, document)
        guard case .typeMismatch(let type, _)? = mismatch else {
            Issue.record("expected typeMismatch")
            return
        }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(String.self))
        #expect(mismatch.map(Self.path) == "items.Index 1.name")

        let missing = failure([Pair].self, [["name": "a"]])
        guard case .keyNotFound(let key, _)? = missing else {
            Issue.record("expected keyNotFound")
            return
        }
        #expect(key.stringValue == "count")
        #expect(missing.map(Self.path) == "Index 0")

        let null = failure(Pair.self, ["name": nil, "count": 1])
        guard case .valueNotFound? = null else {
            Issue.record("expected valueNotFound")
            return
        }
        #expect(null.map(Self.path) == "name")

        guard case .typeMismatch? = failure(Pair.self, ["a"]) else {
            Issue.record("an array is an object?")
            return
        }
        guard case .typeMismatch? = failure([Pair].self, ["a": 1]) else {
            Issue.record("an object is an array?")
            return
        }
        guard case .valueNotFound? = failure(Pair.self, nil) else {
            Issue.record("null is an object?")
            return
        }
        let labels = failure([String: String].self, ["a": "1", "b": 2])
        #expect(labels.map(Self.path) == "b")
        let names = failure([String].self, ["a", nil])
        guard case .valueNotFound? = names else {
            Issue.record("null is a String?")
            return
        }
        #expect(names.map(Self.path) == "Index 1")
    }

    @Test("the same document fails the same way under JSONDecoder")
    func agreesWithFoundation() throws {
        let cases: [String] = [#"{"name":"a"}"#, #"{"name":"a","count":"1"}"#, #"{"name":null,"count":1}"#, "[]"]
        for text in cases {
            let fast = failure(Pair.self, try JSONValue(parsingUTF8: Array(text.utf8)))
            let foundation = foundationFailure(Pair.self, text)
            #expect(fast.map(Self.kind) == foundation.map(Self.kind), "\(text)")
            #expect(fast.map(Self.path) == foundation.map(Self.path), "\(text)")
        }
        // JSONDecoder reports an integer overflow with an empty path; the tree decoder names the member.
        let overflow = #"{"name":"a","count":1000}"#
        let fast = failure(Pair.self, try JSONValue(parsingUTF8: Array(overflow.utf8)))
        #expect(fast.map(Self.kind) == "dataCorrupted")
        #expect(foundationFailure(Pair.self, overflow).map(Self.kind) == "dataCorrupted")
        #expect(fast.map(Self.path) == "count")
    }

    func foundationFailure<T: Decodable>(_ type: T.Type, _ text: String) -> DecodingError? {
        do {
            _ = try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    static func kind(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch: "typeMismatch"
        case .valueNotFound: "valueNotFound"
        case .keyNotFound: "keyNotFound"
        case .dataCorrupted: "dataCorrupted"
        @unknown default: "unknown"
        }
    }

    @Test("Data from base64 and URL from a string, as JSONDecoder reads them")
    func foundationValues() throws {
        struct Holder: Codable, Equatable {
            var data: Data
            var url: URL
        }
        let value: JSONValue = ["data": "AAEC", "url": "https://example.com/a?b=c"]
        let holder = try decoder.decode(Holder.self, from: value)
        #expect(holder.data == Data([0, 1, 2]))
        #expect(holder.url.host == "example.com")
        #expect(try JSONValueEncoder().encode(holder) == value)
        guard case .dataCorrupted? = failure(Data.self, "not base64!") else {
            Issue.record("bad base64 accepted")
            return
        }
    }
}
