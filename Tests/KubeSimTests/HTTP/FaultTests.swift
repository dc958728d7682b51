import KubeModels
import Testing

@testable import KubeSim

@Suite("Fault injection")
struct FaultTests {
    static let errorCases: [(Int, String)] = [(500, "InternalError"), (503, "ServiceUnavailable"), (429, "TooManyRequests")]

    @Test("every request fails with the configured status, counted in stats", arguments: errorCases)
    func errors(code: Int, reason: String) async throws {
        try await TestCluster.with { server, client in
            await server.setFaults(FaultProfile(errorRates: [code: 1.0], retryAfterSeconds: 3))
            let response = try await client.request("GET", "/api/v1/namespaces")
            #expect(response.status == code)
            let status = try response.json()
            #expect(status["reason"] == .string(reason) && status["code"] == .int(Int64(code)))
            if code == 429 {
                #expect(response.header("Retry-After") == "3")
                #expect(status[path: ["details", "retryAfterSeconds"]] == 3)
            }
            #expect(try await client.request("GET", "/api").status == 200)
            #expect(try await client.request("GET", "/kubesim/stats").status == 200)
            #expect(await server.stats().count(verb: "list", resource: "namespaces", code: code) == 1)
            await server.setFaults(FaultProfile())
            #expect(try await client.request("GET", "/api/v1/namespaces").status == 200)
        }
    }

    @Test("partial rates with a seed fail some requests; verb filters spare the others")
    func rates() async throws {
        try await TestCluster.with { server, client in
            await server.setFaults(FaultProfile(errorRates: [503: 0.5], verbs: ["list"], seed: 1))
            var codes: [Int] = []
            for _ in 0..<40 { codes.append(try await client.request("GET", "/api/v1/namespaces").status) }
            #expect(codes.contains(503) && codes.contains(200))
            #expect(try await client.request("GET", "/api/v1/namespaces/default").status == 200)
            let stats = await server.stats()
            #expect(stats.count(verb: "list", code: 503) + stats.count(verb: "list", code: 200) == 40)
        }
    }

    @Test("added latency delays answers")
    func latency() async throws {
        try await TestCluster.with { server, client in
            await server.setFaults(FaultProfile(latency: .milliseconds(300)))
            let started = ContinuousClock.now
            let status = try await client.request("GET", "/api/v1/nodes").status
            let elapsed = ContinuousClock.now - started
            #expect(status == 200)
            #expect(elapsed >= .milliseconds(300))
        }
    }

    @Test("a paused server parks requests and watch deliveries until unpaused")
    func paused() async throws {
        try await TestCluster.with { server, client in
            let events = try await client.watch("/api/v1/namespaces/default/configmaps?watch=1") { reader in
                #expect(try await TestCluster.eventually { await server.openWatchCount() == 1 })
                await server.setFaults(FaultProfile(paused: true))
                let pending = Task { try await client.request("GET", "/api/v1/namespaces").status }
                #expect(try await TestCluster.eventually { await server.parkedRequestCount() == 1 })
                let admin = try await client.request("POST", "/kubesim/nodes", json: ["name": "extra", "gpu": false])
                #expect(admin.status == 201)
                let configMaps = BuiltinResources.all.first { $0.type == .configMaps }!
                _ = try await server.cluster.create(
                    configMaps, namespace: "default", body: Fixtures.configMap("during-pause"), options: WriteOptions(fieldManager: "t"))
                #expect(try await TestCluster.eventually { await server.parkedRequestCount() == 2 })
                await server.setFaults(FaultProfile())
                #expect(try await pending.value == 200)
                return try await reader.next(1)
            }
            #expect(events.first?[path: ["object", "metadata", "name"]] == "during-pause")
        }
    }

    @Test("dropping watches ends open streams")
    func dropWatches() async throws {
        try await TestCluster.with { server, client in
            let ended = try await client.watch("/api/v1/nodes?watch=1&resourceVersion=0") { reader in
                #expect(try await TestCluster.eventually { await server.openWatchCount() == 1 })
                #expect(try await client.request("POST", "/kubesim/watches/drop").json()["dropped"] == 1)
                return try await reader.next() == nil
            }
            #expect(ended)
        }
    }

    @Test("the fault profile round-trips through the admin API")
    func adminProfile() async throws {
        try await TestCluster.with { _, client in
            let body: JSONValue = [
                "errorRates": ["503": 0.25], "retryAfterSeconds": 2, "latencyMilliseconds": 5, "paused": false, "historyWindow": 50, "verbs": ["get"],
            ]
            #expect(try await client.request("PUT", "/kubesim/faults", json: body).status == 200)
            let profile = try await client.json("/kubesim/faults")
            #expect(profile["errorRates"] == ["503": 0.25] && profile["latencyMilliseconds"] == 5 && profile["historyWindow"] == 50)
            #expect(try await client.request("PUT", "/kubesim/faults", json: ["errorRates": ["abc": 1]]).status == 400)
        }
    }
}
