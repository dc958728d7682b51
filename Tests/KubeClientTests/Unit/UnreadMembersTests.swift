import KubeClient
import KubeModels
import Testing

@Suite("Members the models never read are stepped over while parsing")
struct UnreadMembersTests {
    private static let node = #"""
        {"apiVersion":"v1","kind":"Node",
         "metadata":{"name":"gpu-1","resourceVersion":"9","labels":{"images":"kept","managedFields":"kept too"},
           "managedFields":[{"manager":"kubelet","fieldsV1":{"f:metadata":{"f:labels":{"f:a\"}]":{}}}},"n":[1,[2,{"x":"}"}]]}]},
         "status":{"images":[{"names":["nvcr.io/nvidia/driver@sha256:ab","a\\b"],"sizeBytes":445012330}],
           "nodeInfo":{"containerRuntimeVersion":"containerd://1.7.20"}}}
        """#

    @Test("a Node's managedFields and images are skipped, escapes and brackets inside strings included; labels named like them are kept")
    func nodeSkips() throws {
        let tree = try JSONValue(parsingUTF8: Array(Self.node.utf8), skipping: Node.unreadMembers)
        #expect(tree["metadata"]?["managedFields"] == nil)
        #expect(tree["status"]?["images"] == nil)
        #expect(tree["metadata"]?["labels"] == ["images": "kept", "managedFields": "kept too"])
        #expect(tree["status"]?["nodeInfo"]?["containerRuntimeVersion"] == "containerd://1.7.20")
        let node = try JSONEncoding.decode(Node.self, from: Array(Self.node.utf8))
        #expect(node.metadata.managedFields == nil)
        #expect(node.metadata.labels?["images"] == "kept")
        #expect(node.status?.nodeInfo?.containerRuntimeVersion == "containerd://1.7.20")
    }

    @Test("watch events and list pages of Nodes skip the same members; other kinds keep them")
    func watchAndList() throws {
        guard case .modified(let node) = try WatchEventDecoding.decode(Array(#"{"type":"MODIFIED","object":\#(Self.node)}"#.utf8), as: Node.self)
        else {
            Issue.record("expected MODIFIED")
            return
        }
        #expect(node.metadata.managedFields == nil && node.metadata.name == "gpu-1")
        let page = try JSONEncoding.decodeList(
            ObjectList<Node>.self, from: Array(#"{"kind":"NodeList","metadata":{"resourceVersion":"1"},"items":[\#(Self.node)]}"#.utf8))
        #expect(page.items.first?.metadata.managedFields == nil)
        #expect(page.items.first?.metadata.labels?["managedFields"] == "kept too")
        let configMap = #"{"metadata":{"name":"c","managedFields":[{"manager":"gpu-operator","operation":"Apply"}]}}"#
        #expect(try JSONEncoding.decode(ConfigMap.self, from: Array(configMap.utf8)).metadata.managedFields?.count == 1)
    }

    @Test("a skipped member that never ends is still an error naming the offset")
    func truncated() {
        let cut = String(Self.node.prefix(140))
        #expect(throws: JSONParseError.self) { try JSONValue(parsingUTF8: Array(cut.utf8), skipping: Node.unreadMembers) }
        #expect(throws: JSONParseError.self) {
            try JSONValue(parsingUTF8: Array(#"{"metadata":{"managedFields":"unterminated}}"#.utf8), skipping: Node.unreadMembers)
        }
    }
}
