import Foundation
import Testing

@testable import KubeModels

@Suite("JSONValue")
struct JSONValueTests {
    @Test("serialization sorts keys and is stable")
    func sortedSerialization() throws {
        let value: JSONValue = ["b": 1, "a": ["x": true, "c": nil], "s": "q\"\n"]
        #expect(value.serializedString() == #"{"a":{"c":null,"x":true},"b":1,"s":"q\"\n"}"#)
    }

    @Test("round trip keeps integers integral")
    func roundTrip() throws {
        let text = #"{"generation":3,"ratio":0.5,"items":[1,"two",false],"n":null}"#
        let value = try JSONValue(parsing: Data(text.utf8))
        #expect(value["generation"] == .int(3))
        #expect(value["ratio"] == .double(0.5))
        #expect(try JSONValue(parsing: value.serializedData()) == value)
    }

    @Test("resource paths")
    func paths() {
        #expect(ResourceType.daemonSets.path(namespace: "gpu", name: "x") == "/apis/apps/v1/namespaces/gpu/daemonsets/x")
        #expect(ResourceType.nodes.path(name: "n1", subresource: "status") == "/api/v1/nodes/n1/status")
        #expect(ResourceType.clusterPolicies.path() == "/apis/nvidia.com/v1/clusterpolicies")
    }
}
