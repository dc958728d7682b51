import KubeModels
import KubeSim
import Testing

@Suite("PodDisruptionBudgets, evictions and crash loops over HTTP")
struct EvictionHTTPTests {
    static let pods = "/api/v1/namespaces/default/pods"
    static let budgets = "/apis/policy/v1/namespaces/default/poddisruptionbudgets"

    @Test("discovery lists pods/eviction (policy/v1 Eviction) and poddisruptionbudgets with their status subresource")
    func discovery() async throws {
        try await TestCluster.with { _, client in
            let core = try await client.json("/api/v1")["resources"]?.arrayValue ?? []
            let eviction = core.first { $0["name"] == "pods/eviction" }
            #expect(eviction?["group"] == "policy" && eviction?["version"] == "v1" && eviction?["kind"] == "Eviction")
            #expect(eviction?["verbs"] == ["create"])
            let policy = try await client.json("/apis/policy/v1")["resources"]?.arrayValue ?? []
            #expect(policy.contains { $0["name"] == "poddisruptionbudgets" && $0["shortNames"] == ["pdb"] && $0["namespaced"] == true })
            #expect(policy.contains { $0["name"] == "poddisruptionbudgets/status" })
            #expect(try await client.json("/apis/policy")["preferredVersion"]?["groupVersion"] == "policy/v1")
        }
    }

    @Test("an eviction answers 201 Success, then 429 with the budget's cause; the table shows the budget")
    func evictions() async throws {
        try await TestCluster.with(configure: { $0.gpuNodes = 1 }) { _, client in
            for name in ["a", "b"] {
                #expect(try await client.request("POST", Self.pods, json: WorkloadFixtures.pod(name)).status == 201)
            }
            #expect(try await client.request("POST", Self.budgets, json: WorkloadFixtures.budget("web", minAvailable: 1)).status == 201)
            #expect(
                try await TestCluster.eventually {
                    try await client.json("\(Self.budgets)/web")[path: ["status", "disruptionsAllowed"]] == 1
                })
            let evicted = try await client.request("POST", "\(Self.pods)/a/eviction", json: WorkloadFixtures.eviction("a"))
            #expect(evicted.status == 201)
            let success = try evicted.json()
            #expect(success["kind"] == "Status" && success["status"] == "Success" && success["code"] == 201)
            #expect(try await client.request("GET", "\(Self.pods)/a").status == 404)
            let blocked = try await client.request("POST", "\(Self.pods)/b/eviction", json: WorkloadFixtures.eviction("b"))
            #expect(blocked.status == 429 && blocked.header("Retry-After") == nil)
            let failure = try blocked.json()
            #expect(
                failure["reason"] == "TooManyRequests" && failure["message"] == "Cannot evict pod as it would violate the pod's disruption budget.")
            #expect(failure[path: ["details", "causes"]]?[0]?["reason"] == "DisruptionBudget")
            #expect(try await client.request("GET", "\(Self.pods)/b/eviction").status == 405)
            #expect(try await client.request("POST", "\(Self.pods)/missing/eviction", json: WorkloadFixtures.eviction("missing")).status == 404)
            let table = try await client.json(Self.budgets, accept: "application/json;as=Table;v=v1;g=meta.k8s.io")
            let headers = table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(headers == ["Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"])
            #expect(table["rows"]?[0]?["cells"]?.arrayValue?.prefix(4).map { $0 } == ["web", "1", "N/A", 0])
        }
    }

    @Test("POST /kubesim/crashloops starts and stops a DaemonSet pod's crash loop on a node")
    func crashLoopAdmin() async throws {
        try await TestCluster.with(configure: { $0.gpuNodes = 1 }) { server, client in
            _ = try await client.request("POST", "/apis/apps/v1/namespaces/default/daemonsets", json: Fixtures.daemonSet("driver"))
            #expect(
                try await TestCluster.eventually {
                    try await client.json("/apis/apps/v1/namespaces/default/daemonsets/driver")[path: ["status", "numberReady"]] == 1
                })
            let started = try await client.request(
                "POST", "/kubesim/crashloops", json: ["node": "gpu-node-0001", "namespace": "default", "daemonSet": "driver", "crashLooping": true])
            #expect(started.status == 200)
            #expect(try started.json()["pods"]?.arrayValue?.count == 1)
            #expect(try started.json()["crashLoops"] == [["node": "gpu-node-0001", "namespace": "default", "daemonSet": "driver"]])
            #expect(
                try await TestCluster.eventually {
                    let restarts = try await client.json(Self.pods)["items"]?[0]?[path: ["status", "containerStatuses"]]?[0]?["restartCount"]
                    return (restarts?.intValue ?? 0) >= 1
                })
            #expect(try await client.request("POST", "/kubesim/crashloops", json: ["node": "gpu-node-0001"]).status == 400)
            await server.setCrashLoop(node: "gpu-node-0001", namespace: "default", daemonSet: "driver", crashLooping: false)
            #expect(
                try await TestCluster.eventually {
                    try await client.json("/apis/apps/v1/namespaces/default/daemonsets/driver")[path: ["status", "numberReady"]] == 1
                })
        }
    }
}
