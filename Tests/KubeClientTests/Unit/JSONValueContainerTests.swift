import Foundation
import KubeModels
import Testing

/// A type that uses every container call, in both directions, to compare the tree coders with
/// Foundation's on the calls synthesized conformances never make.
private struct Handwritten: Codable, Equatable {
    var title: String
    var point: [Int]
    var tags: [String]
    var parentName: String
    var base: String
    var flags: [Bool?]
    var seenPaths: [String] = []

    init(title: String, point: [Int], tags: [String], parentName: String, base: String, flags: [Bool?]) {
        self.title = title
        self.point = point
        self.tags = tags
        self.parentName = parentName
        self.base = base
        self.flags = flags
    }

    private enum Keys: String, CodingKey { case title, geometry, parent, flags }
    private enum GeometryKeys: String, CodingKey { case point, tags }
    private enum ParentKeys: String, CodingKey { case name }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        title = try container.decode(String.self, forKey: .title)
        let geometry = try container.nestedContainer(keyedBy: GeometryKeys.self, forKey: .geometry)
        var pointContainer = try geometry.nestedUnkeyedContainer(forKey: .point)
        seenPaths.append(pointContainer.codingPath.map(\.stringValue).joined(separator: "."))
        point = []
        while !pointContainer.isAtEnd { point.append(try pointContainer.decode(Int.self)) }
        tags = try geometry.decode([String].self, forKey: .tags)
        let parent = try container.superDecoder(forKey: .parent)
        seenPaths.append(parent.codingPath.map(\.stringValue).joined(separator: "."))
        parentName = try parent.container(keyedBy: ParentKeys.self).decode(String.self, forKey: .name)
        base = try container.superDecoder().singleValueContainer().decode(String.self)
        var flagContainer = try container.nestedUnkeyedContainer(forKey: .flags)
        flags = []
        while !flagContainer.isAtEnd {
            if try flagContainer.decodeNil() {
                flags.append(nil)
            } else {
                flags.append(try flagContainer.decode(Bool.self))
            }
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(title, forKey: .title)
        var geometry = container.nestedContainer(keyedBy: GeometryKeys.self, forKey: .geometry)
        var pointContainer = geometry.nestedUnkeyedContainer(forKey: .point)
        for coordinate in point { try pointContainer.encode(coordinate) }
        try geometry.encode(tags, forKey: .tags)
        var parent = container.superEncoder(forKey: .parent).container(keyedBy: ParentKeys.self)
        try parent.encode(parentName, forKey: .name)
        var base = container.superEncoder().singleValueContainer()
        try base.encode(self.base)
        var flagContainer = container.nestedUnkeyedContainer(forKey: .flags)
        for flag in flags {
            if let flag { try flagContainer.encode(flag) } else { try flagContainer.encodeNil() }
        }
    }
}

/// Two halves encoded into one object through the same encoder, as the ClusterPolicy sections do.
private struct Halves: Codable, Equatable {
    struct Left: Codable, Equatable { var a: Int }
    struct Right: Codable, Equatable { var b: String }
    var left: Left
    var right: Right

    init(left: Left, right: Right) {
        self.left = left
        self.right = right
    }

    init(from decoder: any Decoder) throws {
        left = try Left(from: decoder)
        right = try Right(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try left.encode(to: encoder)
        try right.encode(to: encoder)
    }
}

@Suite("JSONValue coders: containers")
struct JSONValueContainerTests {
    @Test("nested, unkeyed and super containers agree with Foundation in both directions")
    func handwritten() throws {
        let value = Handwritten(title: "t", point: [1, -2, 3], tags: ["x"], parentName: "p", base: "b", flags: [true, nil, false])
        let encoded = try JSONValueEncoder().encode(value)
        #expect(
            encoded == [
                "title": "t", "geometry": ["point": [1, -2, 3], "tags": ["x"]], "parent": ["name": "p"], "super": "b",
                "flags": [true, nil, false],
            ])
        #expect(encoded == (try JSONValue(parsingUTF8: Array(try JSONEncoder().encode(value)))))
        let decoded = try JSONValueDecoder().decode(Handwritten.self, from: encoded)
        let foundation = try JSONDecoder().decode(Handwritten.self, from: Data(encoded.serialized()))
        #expect(decoded == foundation)
        #expect(decoded.seenPaths == ["geometry.point", "parent"])
        #expect(decoded.flags == [true, nil, false])
    }

    @Test("one encoder asked twice for a keyed container writes one object")
    func mergedHalves() throws {
        let halves = Halves(left: .init(a: 1), right: .init(b: "two"))
        let encoded = try JSONValueEncoder().encode(halves)
        #expect(encoded == ["a": 1, "b": "two"])
        #expect(try JSONValueDecoder().decode(Halves.self, from: encoded) == halves)
    }

    @Test("a failed element decode leaves the unkeyed index in place")
    func unkeyedRetry() throws {
        struct Mixed: Decodable {
            var values: [String] = []
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                #expect(container.count == 3)
                while !container.isAtEnd {
                    if let number = try? container.decode(Int.self) {
                        values.append("int \(number)")
                    } else {
                        values.append("string \(try container.decode(String.self))")
                    }
                    #expect(container.currentIndex == values.count)
                }
                #expect(throws: DecodingError.self) { try container.decode(String.self) }
            }
        }
        #expect(try JSONValueDecoder().decode(Mixed.self, from: [1, "a", 2]).values == ["int 1", "string a", "int 2"])
    }

    @Test("allKeys, contains and userInfo reach init(from:)")
    func keysAndUserInfo() throws {
        struct Probe: Decodable {
            var keys: [String]
            var hasNull: Bool
            var nullIsNil: Bool
            var context: String?
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: JSONTestKey.self)
                keys = container.allKeys.map(\.stringValue).sorted()
                hasNull = container.contains(JSONTestKey(stringValue: "n"))
                nullIsNil = try container.decodeNil(forKey: JSONTestKey(stringValue: "n"))
                context = decoder.userInfo.first { $0.key.rawValue == "test.context" }?.value as? String
                #expect(throws: DecodingError.self) { try container.decodeNil(forKey: JSONTestKey(stringValue: "missing")) }
            }
        }
        var decoder = JSONValueDecoder()
        decoder.userInfo[try #require(CodingUserInfoKey(rawValue: "test.context"))] = "ctx"
        let probe = try decoder.decode(Probe.self, from: ["b": 1, "a": 2, "n": nil])
        #expect(probe.keys == ["a", "b", "n"])
        #expect(probe.hasNull && probe.nullIsNil)
        #expect(probe.context == "ctx")
    }

    @Test("encoding errors: non-finite numbers and a top-level value that encodes nothing")
    func encodingErrors() throws {
        struct Silent: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(["x": Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode([Float.infinity]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(Silent()) }
        #expect(try JSONValueEncoder().encode([Silent()]) == [[:]])
        #expect(try JSONValueEncoder().encode(["d": 2.0, "f": 0.5]) == ["d": 2, "f": 0.5])
        #expect(try JSONValueEncoder().encode([UInt64.max]) == [.double(Double(UInt64.max))])
    }
}

/// A key accepting any name, for `allKeys`.
private struct JSONTestKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
