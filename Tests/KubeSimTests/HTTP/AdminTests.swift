import KubeModels
import KubeSim
import Testing

@Suite("The /kubesim/ admin API")
struct AdminTests {
    @Test("nodes can be added, relabelled and removed")
    func nodes() async throws {
        try await TestCluster.with(configure: { $0.gpuNodes = 1 }) { _, client in
            let added = try await client.request("POST", "/kubesim/nodes", json: ["name": "gpu-x", "gpu": true, "labels": ["zone": "a"]])
            #expect(added.status == 201)
            let node = try await client.json("/api/v1/nodes/gpu-x")
            #expect(node[path: ["metadata", "labels", "zone"]] == "a")
            #expect(node[path: ["metadata", "labels", "feature.node.kubernetes.io/pci-10de.present"]] == "true")
            let relabelled = try await client.request("PATCH", "/kubesim/nodes/gpu-x/labels", json: ["labels": ["zone": nil, "tier": "b"]])
            #expect(try relabelled.json()[path: ["metadata", "labels", "zone"]] == nil)
            #expect(try relabelled.json()[path: ["metadata", "labels", "tier"]] == "b")
            #expect(try await client.request("DELETE", "/kubesim/nodes/gpu-x").status == 200)
            #expect(try await client.request("GET", "/api/v1/nodes/gpu-x").status == 404)
            #expect(try await client.request("DELETE", "/kubesim/nodes/gpu-x").status == 404)
            #expect(try await client.request("GET", "/kubesim/unknown").status == 404)
        }
    }

    @Test("stats count requests by verb, resource and code, and reset")
    func stats() async throws {
        try await TestCluster.with { server, client in
            _ = try await client.request("POST", "/api/v1/namespaces/default/configmaps", json: Fixtures.configMap("a"))
            _ = try await client.request("GET", "/api/v1/namespaces/default/configmaps/a")
            _ = try await client.request("GET", "/api/v1/namespaces/default/configmaps/missing")
            _ = try await client.request("GET", "/apis/apps/v1/daemonsets")
            let stats = try await client.json("/kubesim/stats")
            #expect(stats["byVerb"]?["create"] == 1 && stats["byVerb"]?["get"] == 2 && stats["byVerb"]?["list"] == 1)
            #expect(stats["byResource"]?["configmaps"] == 3 && stats["byResource"]?["daemonsets.apps"] == 1)
            #expect(stats["byCode"]?["404"] == 1)
            #expect(await server.stats().writes() == 1)
            #expect(try await client.request("DELETE", "/kubesim/stats").status == 200)
            #expect(await server.stats().total == 0)
        }
    }

    @Test("holds keep a node's pods Pending until released")
    func holds() async throws {
        try await TestCluster.with(configure: { $0.gpuNodes = 1 }) { _, client in
            #expect(try await client.request("POST", "/kubesim/holds", json: ["node": "gpu-node-0001", "unready": true]).status == 200)
            _ = try await client.request("POST", "/apis/apps/v1/namespaces/default/daemonsets", json: Fixtures.daemonSet("ds", initContainer: true))
            let table = "application/json;as=Table;v=v1;g=meta.k8s.io"
            #expect(
                try await TestCluster.eventually {
                    try await client.json("/api/v1/namespaces/default/pods", accept: table)["rows"]?[0]?["cells"]?[2] == "Init:0/1"
                })
            #expect(try await client.request("POST", "/kubesim/holds", json: ["node": "gpu-node-0001", "unready": false]).status == 200)
            #expect(
                try await TestCluster.eventually {
                    try await client.json("/apis/apps/v1/namespaces/default/daemonsets/ds")[path: ["status", "numberReady"]] == 1
                })
        }
    }
}
