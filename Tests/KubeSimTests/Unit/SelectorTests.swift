import KubeModels
import KubeSim
import Testing

@Suite("Label and field selectors")
struct SelectorTests {
    static let labels = ["app": "driver", "tier": "gpu", "version": "5", "nvidia.com/gpu.present": "true"]

    static let selectorCases: [(String, Bool)] = [
        ("app=driver", true), ("app==driver", true), ("app!=driver", false), ("app in (driver,plugin)", true),
        ("app notin (driver)", false), ("tier", true), ("!tier", false), ("!missing", true), ("missing", false),
        ("app=driver,tier=cpu", false), ("app=driver, tier in (gpu)", true), ("version>4", true), ("version<4", false), ("", true),
        ("nvidia.com/gpu.present", true), ("!nvidia.com/gpu.present", false), ("app in (driver, plugin)", true),
        ("missing notin (a)", true), ("app in (x,y),tier", false), ("app!=plugin", true),
    ]

    @Test("label selector text", arguments: selectorCases)
    func labelSelector(text: String, expected: Bool) throws {
        #expect(try LabelSelector(parsing: text).matches(Self.labels) == expected)
    }

    @Test("an empty value selects empty labels")
    func emptyValue() throws {
        let selector = try LabelSelector(parsing: "app=")
        #expect(selector.matches(["app": ""]))
        #expect(!selector.matches(Self.labels))
    }

    @Test(
        "malformed label selectors are 400",
        arguments: ["=x", "app in driver", "a b", "app in (x", "-bad=1", "app=driver,", "a,,b", "app between (a)"])
    func malformed(text: String) {
        #expect(throws: APIError.self) { try LabelSelector(parsing: text) }
    }

    @Test("metav1.LabelSelector objects")
    func selectorObject() {
        let selector = LabelSelector(labelSelectorObject: [
            "matchLabels": ["app": "driver"],
            "matchExpressions": [["key": "tier", "operator": "In", "values": ["gpu", "cpu"]], ["key": "legacy", "operator": "DoesNotExist"]],
        ])
        #expect(selector?.matches(Self.labels) == true)
        #expect(selector?.matches(["app": "driver", "tier": "tpu"]) == false)
        #expect(LabelSelector(labelSelectorObject: ["matchExpressions": [["key": "a", "operator": "Near"]]]) == nil)
    }

    @Test("field selectors")
    func fieldSelector() throws {
        let pod: JSONValue = ["metadata": ["name": "p1", "namespace": "ns"], "spec": ["nodeName": "n1"], "status": ["phase": "Running"]]
        #expect(try FieldSelector(parsing: "spec.nodeName=n1", supportedFields: ["spec.nodeName"]).matches(pod))
        #expect(try FieldSelector(parsing: "metadata.name!=p1", supportedFields: []).matches(pod) == false)
        #expect(try FieldSelector(parsing: "metadata.namespace==ns,status.phase=Running", supportedFields: ["status.phase"]).matches(pod))
        #expect(try FieldSelector(parsing: "metadata.name=p1", supportedFields: []).pinnedName == "p1")
        #expect(throws: APIError.self) { try FieldSelector(parsing: "spec.other=x", supportedFields: ["spec.nodeName"]) }
    }

    static let pathCases: [(String, String)] = [
        (".spec.size", "3"), (".metadata.name", "\"w\""), (".status.conditions[?(@.type==\"Ready\")].status", "\"True\""),
        (".spec.list[1]", "\"b\""), ("{.spec.list[*]}", "\"a\""), (".spec['dotted.key']", "1"),
    ]

    @Test("JSONPath for printer columns", arguments: pathCases)
    func jsonPath(path: String, expected: String) throws {
        let object: JSONValue = [
            "metadata": ["name": "w"],
            "spec": ["size": 3, "list": ["a", "b"], "dotted.key": 1],
            "status": ["conditions": [["type": "Progressing", "status": "False"], ["type": "Ready", "status": "True"]]],
        ]
        let evaluated = try #require(JSONPath(path)).evaluate(object)
        #expect(evaluated.first?.serializedString() == expected)
    }
}
