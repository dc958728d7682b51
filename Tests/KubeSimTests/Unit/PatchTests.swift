import KubeModels
import KubeSim
import Testing

@Suite("Merge, JSON and strategic merge patches")
struct PatchTests {
    @Test("RFC 7386 merge patch")
    func mergePatch() {
        let target: JSONValue = ["a": "b", "c": ["d": "e", "f": "g"], "list": [1, 2]]
        let patch: JSONValue = ["a": "z", "c": ["f": nil], "list": [3], "new": ["x": 1]]
        #expect(JSONMergePatch.apply(patch, to: target) == ["a": "z", "c": ["d": "e"], "list": [3], "new": ["x": 1]])
    }

    @Test("RFC 6902 operations")
    func jsonPatch() throws {
        let document: JSONValue = ["foo": ["bar", "baz"], "obj": ["a~b": 1, "c/d": 2]]
        let patch: JSONValue = [
            ["op": "add", "path": "/foo/1", "value": "qux"],
            ["op": "remove", "path": "/foo/0"],
            ["op": "replace", "path": "/obj/a~0b", "value": 10],
            ["op": "move", "from": "/obj/c~1d", "path": "/moved"],
            ["op": "copy", "from": "/moved", "path": "/copied"],
            ["op": "add", "path": "/foo/-", "value": "end"],
            ["op": "test", "path": "/copied", "value": 2],
        ]
        let result = try JSONPatch.apply(patch, to: document)
        #expect(result == ["foo": ["qux", "baz", "end"], "obj": ["a~b": 10], "moved": 2, "copied": 2])
    }

    @Test("a failing JSON patch test or bad path is not applicable")
    func jsonPatchFailures() {
        #expect(throws: JSONPatch.Failure.self) { try JSONPatch.apply([["op": "test", "path": "/a", "value": 2]], to: ["a": 1]) }
        #expect(throws: JSONPatch.Failure.self) { try JSONPatch.apply([["op": "remove", "path": "/missing"]], to: ["a": 1]) }
        #expect(throws: JSONPatch.Failure.self) { try JSONPatch.apply(["op": "add"], to: ["a": 1]) }
    }

    static let daemonSet: JSONValue = [
        "metadata": ["finalizers": ["a"], "labels": ["x": "1"]],
        "spec": [
            "updateStrategy": ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1]],
            "template": [
                "spec": [
                    "tolerations": [["key": "a"]],
                    "containers": [
                        ["name": "one", "image": "i:1", "env": [["name": "A", "value": "1"], ["name": "B", "value": "2"]]],
                        ["name": "two", "image": "j:1"],
                    ],
                ]
            ],
        ],
    ]

    @Test("merges containers and env by name, replaces tolerations, unions finalizers")
    func strategicMerge() throws {
        let patch: JSONValue = [
            "metadata": ["finalizers": ["b"]],
            "spec": [
                "template": [
                    "spec": [
                        "tolerations": [["key": "b"]],
                        "containers": [["name": "one", "image": "i:2", "env": [["name": "B", "value": "3"]]], ["name": "three", "image": "k:1"]],
                    ]
                ]
            ],
        ]
        let result = try StrategicMergePatch.apply(patch, to: Self.daemonSet, semantics: ListSemantics(kind: "DaemonSet"))
        let containers = try #require(result[path: ["spec", "template", "spec"]]?["containers"]?.arrayValue)
        #expect(containers.map { $0["name"] } == ["one", "two", "three"])
        #expect(containers[0]["image"] == "i:2")
        #expect(containers[0]["env"] == [["name": "A", "value": "1"], ["name": "B", "value": "3"]])
        #expect(result[path: ["spec", "template", "spec", "tolerations"]] == [["key": "b"]])
        #expect(result[path: ["metadata", "finalizers"]] == ["a", "b"])
    }

    @Test("directives: $patch delete, $retainKeys, $setElementOrder, $deleteFromPrimitiveList, null")
    func directives() throws {
        let patch: JSONValue = [
            "metadata": ["$deleteFromPrimitiveList/finalizers": ["a"], "labels": ["x": nil]],
            "spec": [
                "updateStrategy": ["$retainKeys": ["type"], "type": "OnDelete"],
                "template": [
                    "spec": [
                        "$setElementOrder/containers": [["name": "two"], ["name": "one"]],
                        "containers": [["name": "one", "$patch": "delete"]],
                    ]
                ],
            ],
        ]
        let result = try StrategicMergePatch.apply(patch, to: Self.daemonSet, semantics: ListSemantics(kind: "DaemonSet"))
        #expect(result[path: ["metadata", "finalizers"]] == [])
        #expect(result[path: ["metadata", "labels"]] == .object([:]))
        #expect(result[path: ["spec", "updateStrategy"]] == ["type": "OnDelete"])
        #expect(result[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.map { $0["name"] } == ["two"])
    }

    @Test("$patch: replace replaces a map wholesale")
    func replaceDirective() throws {
        let patch: JSONValue = ["spec": ["updateStrategy": ["$patch": "replace", "type": "OnDelete"]]]
        let result = try StrategicMergePatch.apply(patch, to: Self.daemonSet, semantics: ListSemantics(kind: "DaemonSet"))
        #expect(result[path: ["spec", "updateStrategy"]] == ["type": "OnDelete"])
    }
}
