import KubeModels
import Testing

@Suite("YAML to JSON")
struct YAMLReaderTests {
    /// Plain scalars resolve as YAML 1.1 does (what the ClusterPolicy loader has always accepted:
    /// `enabled: no` is false); quoted scalars stay strings.
    static let scalarCases: [(String, JSONValue)] = [
        ("plain words", "plain words"), ("'yes'", "yes"), ("\"123\"", "123"),
        ("true", true), ("False", false), ("yes", true), ("no", false), ("on", true), ("off", false),
        ("null", .null), ("~", .null), ("", .null),
        ("42", 42), ("-7", -7), ("0x1F", 31), ("0755", 493), ("1_000", 1_000), ("1.5", 1.5), ("1e3", 1_000.0),
        ("2024-05-01T12:00:00Z", "2024-05-01T12:00:00Z"), ("v1.32", "v1.32"), ("550.54.15", "550.54.15"),
    ]

    @Test("scalars", arguments: scalarCases)
    func scalar(text: String, expected: JSONValue) throws {
        #expect(try YAMLReader.value(in: "k: \(text)", file: "t.yaml") == ["k": expected])
    }

    @Test("every non-empty document, with the positions of its fields")
    func documents() throws {
        let documents = try YAMLReader.documents(in: "---\na: 1\n---\n---\nb:\n  - x\n  - c: d\n", file: "t.yaml")
        #expect(documents.map(\.value) == [["a": 1], ["b": ["x", ["c": "d"]]]])
        let second = try #require(documents.last)
        #expect(second.position(of: FieldPath(dotted: "b")) == SourcePosition(line: 5, column: 1))
        #expect(second.position(of: FieldPath(dotted: "b").appending(index: 1).appending("c")) == SourcePosition(line: 7, column: 5))
        #expect(
            second.position(of: FieldPath(dotted: "b").appending(index: 1).appending("c").appending("missing")) == SourcePosition(line: 7, column: 5))
    }

    @Test("malformed YAML and duplicate keys name the file, line and column")
    func errors() {
        #expect { try YAMLReader.documents(in: "a: [1\n", file: "t.yaml") } throws: { error in
            "\(error)".hasPrefix("t.yaml:2:1: ")
        }
        // Yams reports a duplicate key at the mapping that holds it.
        #expect { try YAMLReader.documents(in: "a: 1\nb: 2\na: 3\n", file: "t.yaml") } throws: { error in
            "\(error)" == #"t.yaml:1:1: duplicate key "a""#
        }
    }

    @Test("aliases are expanded by the composer")
    func aliases() throws {
        #expect(try YAMLReader.value(in: "a: &x {k: v}\nb: *x\n", file: "t.yaml") == ["a": ["k": "v"], "b": ["k": "v"]])
    }

    @Test("a single-document body: JSON is YAML, nothing is null, two documents are an error")
    func singleValue() throws {
        #expect(try YAMLReader.value(in: #"{"a": [1, "x"]}"#, file: "body") == ["a": [1, "x"]])
        #expect(try YAMLReader.value(in: "", file: "body") == .null)
        #expect { try YAMLReader.value(in: "a: 1\n---\nb: 2\n", file: "body") } throws: { error in
            "\(error)" == "body:3:1: expected a single document, found 2"
        }
    }
}
