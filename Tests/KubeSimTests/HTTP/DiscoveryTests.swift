import KubeModels
import KubeSim
import Testing

@Suite("Discovery and OpenAPI")
struct DiscoveryTests {
    @Test("legacy discovery lists groups, resources, verbs, short names and subresources")
    func discovery() async throws {
        try await TestCluster.with { _, client in
            let core = try await client.json("/api")
            #expect(core["kind"] == "APIVersions" && core["versions"] == ["v1"])
            let groups = try await client.json("/apis")
            let names = groups["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            for group in ["apps", "rbac.authorization.k8s.io", "apiextensions.k8s.io", "coordination.k8s.io", "node.k8s.io", "events.k8s.io"] {
                #expect(names.contains(group))
            }
            let v1 = try await client.json("/api/v1")
            let resources = v1["resources"]?.arrayValue ?? []
            let pods = resources.first { $0["name"] == "pods" }
            #expect(pods?["namespaced"] == true && pods?["kind"] == "Pod" && pods?["shortNames"] == ["po"])
            #expect(pods?["verbs"]?.arrayValue?.contains("watch") == true)
            #expect(resources.contains { $0["name"] == "pods/status" })
            let apps = try await client.json("/apis/apps/v1")
            #expect(apps["resources"]?.arrayValue?.contains { $0["name"] == "daemonsets" && $0["shortNames"] == ["ds"] } == true)
            #expect(try await client.json("/apis/apps")["preferredVersion"]?["groupVersion"] == "apps/v1")
            #expect(try await client.request("GET", "/apis/nope.io/v1").status == 404)
        }
    }

    @Test("a new CRD appears in discovery and OpenAPI with a PATCH operation kubectl validation accepts")
    func customResources() async throws {
        try await TestCluster.with { _, client in
            #expect(
                try await client.request("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", json: Fixtures.widgetCRD).status == 201)
            let groups = try await client.json("/apis")
            #expect(groups["groups"]?.arrayValue?.contains { $0["name"] == "example.com" } == true)
            let resources = try await client.json("/apis/example.com/v1")
            #expect(resources["resources"]?.arrayValue?.contains { $0["name"] == "widgets" && $0["shortNames"] == ["wd"] } == true)
            let root = try await client.json("/openapi/v3")
            let url = try #require(root[path: ["paths", "apis/example.com/v1", "serverRelativeURL"]]?.stringValue)
            #expect(url.hasPrefix("/openapi/v3/apis/example.com/v1?hash="))
            let document = try await client.json(url)
            let patch = try #require(document[path: ["paths", "/apis/example.com/v1/namespaces/{namespace}/widgets/{name}", "patch"]])
            #expect(patch["x-kubernetes-group-version-kind"] == ["group": "example.com", "version": "v1", "kind": "Widget"])
            #expect(patch["parameters"]?.arrayValue?.contains { $0["name"] == "fieldValidation" && $0["in"] == "query" } == true)
            #expect(document[path: ["components", "schemas", "com.example.v1.Widget", "properties", "spec"]] != nil)
            let core = try await client.json("/openapi/v3/api/v1")
            let nodePatch = core[path: ["paths", "/api/v1/nodes/{name}", "patch"]]
            #expect(nodePatch?["x-kubernetes-group-version-kind"]?["kind"] == "Node")
            #expect(nodePatch?[path: ["requestBody", "content", "application/strategic-merge-patch+json"]] == nil)
            #expect(try await client.request("GET", "/openapi/v2").status == 404)
        }
    }
}
