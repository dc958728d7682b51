import Foundation
import KubeClient
import KubeModels
import Testing

/// List pages decoded item by item as they are parsed (``JSONValueDecoder/decodeList(_:from:)``).
@Suite("List page decoding")
struct ListDecodingTests {
    static func decode<Item: Codable & Sendable>(_ type: Item.Type, _ text: String) throws -> ObjectList<Item> {
        try JSONEncoding.decodeList(ObjectList<Item>.self, from: Array(text.utf8))
    }

    @Test("items, metadata and envelope match decoding the parsed page")
    func matchesTreeDecoding() throws {
        let streamed = try Self.decode(Node.self, ModelFixtures.nodeList)
        let whole = try JSONEncoding.decode(ObjectList<Node>.self, from: Array(ModelFixtures.nodeList.utf8))
        #expect(streamed.items == whole.items)
        #expect(streamed.metadata == whole.metadata)
        #expect(streamed.apiVersion == "v1" && streamed.kind == "NodeList")
        let untyped = try Self.decode(JSONValue.self, ModelFixtures.nodeList)
        #expect(untyped.items == (try JSONValue(parsingUTF8: Array(ModelFixtures.nodeList.utf8)))["items"]?.arrayValue)
    }

    @Test("empty, null and missing items")
    func emptyLists() throws {
        #expect(try Self.decode(Node.self, #"{"metadata":{"resourceVersion":"5"},"items":[]}"#).items.isEmpty)
        #expect(try Self.decode(Node.self, #"{"items":null,"metadata":{}}"#).items.isEmpty)
        #expect(throws: DecodingError.self) { try Self.decode(Node.self, #"{"metadata":{}}"#) }
        #expect(throws: DecodingError.self) { try Self.decode(Node.self, #"{"items":[]}"#) }
    }

    @Test("an item that does not decode names its position in the page")
    func itemErrorPath() throws {
        let text = #"{"metadata":{},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":7}}]}"#
        do {
            _ = try Self.decode(Node.self, text)
            Issue.record("a numeric name decoded")
        } catch let DecodingError.typeMismatch(_, context) {
            #expect(context.codingPath.map(\.stringValue) == ["items", "Index 1", "metadata", "name"])
        }
    }

    @Test("malformed pages are parse errors")
    func malformed() throws {
        for text in [#"[]"#, #"{"items":{}}"#, #"{"items":[{}"#, #"{"items":[] } x"#, #"{"items":[1,]}"#] {
            #expect(throws: JSONParseError.self, "\(text)") { try Self.decode(JSONValue.self, text) }
        }
    }
}
