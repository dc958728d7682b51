import KubeModels
import Testing

@testable import KubeSim

@Suite("The write floor's minimal writes")
struct MinimalWritesTests {
    private static let agent = "swift-gpu-operator/1.0"

    private static func entry(
        _ method: String, _ path: String, _ body: String, contentType: String = "application/merge-patch+json", agent: String = agent
    ) -> WriteLog.Entry {
        WriteLog.Entry(method: method, path: path, query: [:], contentType: contentType, userAgent: agent, body: body)
    }

    @Test("patches of one node compose into one (later values and deletions win), applies keep the last per object")
    func reduction() throws {
        let apply = "application/apply-patch+yaml"
        let log = [
            Self.entry("PATCH", "/apis/apps/v1/namespaces/gpu-operator/daemonsets/driver", #"{"spec":1}"#, contentType: apply),
            Self.entry("PATCH", "/api/v1/nodes/n1", #"{"metadata":{"labels":{"a":"1","b":"1"}}}"#),
            Self.entry("PATCH", "/api/v1/nodes/n2", #"{"metadata":{"labels":{"a":"1"}}}"#),
            Self.entry("PATCH", "/api/v1/nodes/n1", #"{"metadata":{"labels":{"b":null,"c":"2"},"annotations":{"x":"y"}}}"#),
            Self.entry("PATCH", "/apis/apps/v1/namespaces/gpu-operator/daemonsets/driver", #"{"spec":2}"#, contentType: apply),
            Self.entry("PATCH", "/apis/nvidia.com/v1/clusterpolicies/cluster-policy/status", #"{"status":{"state":"notReady","x":1}}"#),
            Self.entry("PATCH", "/apis/nvidia.com/v1/clusterpolicies/cluster-policy/status", #"{"status":{"state":"ready"}}"#),
            Self.entry("POST", "/api/v1/namespaces/gpu-operator/events", "{}"),
            Self.entry("PUT", "/apis/coordination.k8s.io/v1/namespaces/gpu-operator/leases/l", "{}"),
            Self.entry("POST", "/apis/nvidia.com/v1/clusterpolicies", "{}", agent: "kubectl/v1.32.4"),
            Self.entry("PATCH", "/api/v1/namespaces/gpu-operator/serviceaccounts/sa", "{}", contentType: apply),
        ]
        let minimal = try WriteLog.minimal(log, userAgentPrefix: "swift-gpu-operator/")
        #expect(
            minimal.objects.map(\.path) == [
                "/apis/apps/v1/namespaces/gpu-operator/daemonsets/driver", "/api/v1/namespaces/gpu-operator/serviceaccounts/sa",
            ])
        #expect(minimal.objects.first?.body == #"{"spec":2}"#)
        #expect(minimal.daemonSets == ["gpu-operator/driver"])
        #expect(minimal.nodes.map(\.path) == ["/api/v1/nodes/n1", "/api/v1/nodes/n2"])
        let n1 = try JSONValue(parsingUTF8: Array(try #require(minimal.nodes.first).body.utf8))
        #expect(n1 == ["metadata": ["labels": ["a": "1", "b": nil, "c": "2"], "annotations": ["x": "y"]]])
        #expect(minimal.statuses.count == 1)
        let status = try JSONValue(parsingUTF8: Array(try #require(minimal.statuses.first).body.utf8))
        #expect(status == ["status": ["state": "ready", "x": 1]])
    }

    @Test("replayed elsewhere, objects name the owner that exists there")
    func owner() throws {
        let body = #"{"metadata":{"name":"d","ownerReferences":[{"kind":"ClusterPolicy","name":"cluster-policy","uid":"old-uid"}]}}"#
        let log = [Self.entry("PATCH", "/apis/apps/v1/namespaces/ns/daemonsets/d", body, contentType: "application/apply-patch+yaml")]
        let minimal = try WriteLog.minimal(log, userAgentPrefix: "swift-gpu-operator/")
        #expect(try minimal.ownerUID(kind: "ClusterPolicy") == "old-uid")
        #expect(try minimal.ownerUID(kind: "Deployment") == nil)
        let replayed = minimal.replacingUID("old-uid", with: "new-uid")
        #expect(replayed.objects.first?.body.contains(#""uid":"new-uid""#) == true)
        #expect(try replayed.ownerUID(kind: "ClusterPolicy") == "new-uid")
    }

    @Test("a merge patch that is not JSON is an error, not a silent drop")
    func badPatch() {
        let log = [Self.entry("PATCH", "/api/v1/nodes/n1", "{"), Self.entry("PATCH", "/api/v1/nodes/n1", "{}")]
        #expect(throws: JSONParseError.self) { try WriteLog.minimal(log, userAgentPrefix: "swift-gpu-operator/") }
    }
}
