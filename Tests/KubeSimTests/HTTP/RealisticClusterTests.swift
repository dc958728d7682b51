import KubeModels
import KubeSim
import Testing

@Suite("Realistic nodes, background churn and the write log")
struct RealisticClusterTests {
    private static func realistic(_ options: inout KubeSimOptions) {
        options.gpuNodes = 10
        options.cpuNodes = 3
        options.nodeDetail = .realistic
        options.recordWrites = true
    }

    @Test("realistic GPU nodes carry NFD, GFD and cloud labels, 30-50 images, nvidia.com/gpu and four managers' fields")
    func realisticGPUNodes() async throws {
        try await TestCluster.with(configure: Self.realistic) { _, client in
            var products: Set<String> = []
            for index in 1...10 {
                let name = NodeFactory.name(gpu: true, index: index)
                let response = try await client.request("GET", "/api/v1/nodes/\(name)")
                let size = response.body.count
                #expect((15_000...32_000).contains(size), "\(name) is \(size) bytes of JSON")
                let node = try response.json()
                let labels = node[path: ["metadata", "labels"]]?.stringMap ?? [:]
                #expect((80...160).contains(labels.count), "\(name) has \(labels.count) labels")
                let nvidia = labels.keys.filter { $0.hasPrefix("nvidia.com/") }
                #expect((20...30).contains(nvidia.count))
                #expect(labels.keys.contains { $0.hasPrefix("feature.node.kubernetes.io/cpu-cpuid.") })
                #expect(labels.keys.contains { $0.hasPrefix("feature.node.kubernetes.io/kernel-config.") })
                #expect(labels["feature.node.kubernetes.io/pci-0302_10de.present"] == "true")
                #expect(labels["feature.node.kubernetes.io/system-os_release.ID"] == "ubuntu")
                #expect(labels["nvidia.com/gpu.present"] == nil, "the operator's own labels are not pre-set")
                products.insert(labels["nvidia.com/gpu.product"] ?? "")
                let images = node[path: ["status", "images"]]?.arrayValue ?? []
                #expect((30...50).contains(images.count))
                #expect(node[path: ["status", "capacity", "nvidia.com/gpu"]] == .string(labels["nvidia.com/gpu.count"] ?? "-"))
                let managers = Set((node[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap { $0["manager"]?.stringValue })
                #expect(managers == ["kubelet", "kube-controller-manager", "nfd-master", "node-problem-detector"])
                let conditions = node[path: ["status", "conditions"]]?.arrayValue ?? []
                #expect(conditions.contains { $0["type"] == "Ready" && $0["status"] == "True" })
            }
            #expect(products.count >= 4, "several GPU models: \(products)")
            let cpu = try await client.json("/api/v1/nodes/cpu-node-0001")
            let cpuLabels = cpu[path: ["metadata", "labels"]]?.stringMap ?? [:]
            #expect(cpuLabels.count > 80)
            #expect(!cpuLabels.keys.contains { $0.hasPrefix("nvidia.com/") || $0.contains("10de") })
            #expect(cpu[path: ["status", "capacity", "nvidia.com/gpu"]] == nil)
        }
    }

    @Test("each churn change does what it says, and the write log keeps client writes only")
    func churnChanges() async throws {
        try await TestCluster.with(configure: Self.realistic) { server, client in
            let before = try await client.json("/api/v1/nodes")[path: ["metadata", "resourceVersion"]]?.stringValue
            for _ in 0..<40 { await server.churn(.nfdRewrite) }
            for _ in 0..<40 { await server.churn(.kubeletStatus) }
            var names: [String] = []
            for _ in 0..<20 { if let name = await server.churn(.joinLeave) { names.append(name) } }
            #expect(names.allSatisfy { $0.hasPrefix("churn-node-") })
            let nodes = try await client.json("/api/v1/nodes")
            #expect(nodes[path: ["metadata", "resourceVersion"]]?.stringValue != before)
            let items = nodes["items"]?.arrayValue ?? []
            let churned = items.filter { $0[path: ["metadata", "name"]]?.stringValue?.hasPrefix("churn-node-") == true }
            #expect((1...8).contains(churned.count), "joins and leaves keep a few churn nodes, not an ever-growing set")
            #expect(churned.allSatisfy { $0[path: ["metadata", "labels", "feature.node.kubernetes.io/pci-10de.present"]] == nil })
            // No churn change touches a label the operator owns or reads for facts.
            for item in items {
                let labels = item[path: ["metadata", "labels"]]?.stringMap ?? [:]
                #expect(labels["nvidia.com/gpu.present"] == nil)
                #expect(labels["feature.node.kubernetes.io/kernel-version.full"] == "5.15.0-105-generic")
            }
            let writes = try await client.json("/kubesim/writes")["writes"]?.arrayValue ?? []
            #expect(writes.isEmpty, "churn is the cluster's own doing, not a client write")
            _ = try await client.request(
                "PATCH", "/api/v1/nodes/gpu-node-0001?fieldManager=bench", json: ["metadata": ["labels": ["a": "b"]]],
                contentType: "application/merge-patch+json")
            let recorded = try await client.json("/kubesim/writes")["writes"]?.arrayValue ?? []
            #expect(recorded.count == 1)
            #expect(recorded.first?["path"] == "/api/v1/nodes/gpu-node-0001")
            #expect(recorded.first?[path: ["query", "fieldManager"]] == "bench")
            #expect(recorded.first?["contentType"] == "application/merge-patch+json")
            #expect(try await client.request("DELETE", "/kubesim/writes").status == 200)
            #expect(try await client.json("/kubesim/writes")["writes"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test("churn runs at the rate PUT /kubesim/churn sets, and bad settings are refused with the reason")
    func churnRate() async throws {
        try await TestCluster.with(configure: Self.realistic) { _, client in
            let refused = try await client.request("PUT", "/kubesim/churn", json: ["rate": 10, "nfdFraction": 0.9, "joinLeaveFraction": 0.5])
            #expect(refused.status == 400)
            #expect(String(decoding: refused.body, as: UTF8.self).contains("add up to at most 1"))
            #expect(try await client.request("PUT", "/kubesim/churn", json: ["rate": 200, "nfdFraction": 0.5, "joinLeaveFraction": 0]).status == 200)
            #expect(
                try await TestCluster.eventually {
                    try await client.json("/kubesim/churn")["changes"]?.intValue ?? 0 >= 20
                })
            #expect(try await client.request("PUT", "/kubesim/churn", json: ["rate": 0, "nfdFraction": 0.5, "joinLeaveFraction": 0]).status == 200)
            #expect(try await client.json("/kubesim/churn")["rate"] == 0)
        }
    }

    @Test("without --record-writes the write log answers 404 naming the flag")
    func writeLogOff() async throws {
        try await TestCluster.with { _, client in
            let response = try await client.request("GET", "/kubesim/writes")
            #expect(response.status == 404)
            #expect(String(decoding: response.body, as: UTF8.self).contains("--record-writes"))
        }
    }
}
