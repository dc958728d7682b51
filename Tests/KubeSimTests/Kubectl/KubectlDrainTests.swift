import Foundation
import KubeModels
import KubeSim
import Testing

@Suite("kubectl drain against KubeSim", .enabled(if: KubectlAvailability.isAvailable, KubectlAvailability.skipReason))
struct KubectlDrainTests {
    static let daemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: driver, namespace: default}
        spec:
          selector: {matchLabels: {app: driver}}
          updateStrategy: {type: OnDelete}
          template:
            metadata: {labels: {app: driver}}
            spec:
              containers: [{name: driver, image: "nvcr.io/nvidia/driver:550"}]
        """

    static func pod(_ name: String, node: String, app: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), namespace: default, labels: {app: \(app)}}
        spec:
          nodeName: \(node)
          containers: [{name: main, image: "cuda:12", volumeMounts: [{name: scratch, mountPath: /scratch}]}]
          volumes: [{name: scratch, emptyDir: {}}]
        """
    }

    static let budget = """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: guarded, namespace: default}
        spec:
          minAvailable: 1
          selector: {matchLabels: {app: guarded}}
        """

    @Test("drain cordons, evicts a bare pod with --force and keeps DaemonSet pods; a PodDisruptionBudget blocks it; uncordon works")
    func drain() async throws {
        try await TestCluster.with(tls: true, configure: { $0.gpuNodes = 2 }) { server, client in
            let kubectl = try Kubectl(server: server)
            defer { kubectl.runner.cleanUp() }
            #expect(try await kubectl("apply", "-f", "-", stdin: Self.daemonSet).status == 0)
            #expect(try await kubectl("apply", "-f", "-", stdin: Self.pod("bare", node: "gpu-node-0001", app: "batch")).status == 0)
            #expect(try await kubectl("apply", "-f", "-", stdin: Self.pod("guarded", node: "gpu-node-0002", app: "guarded")).status == 0)
            #expect(try await kubectl("apply", "-f", "-", stdin: Self.budget).status == 0)
            #expect(
                try await TestCluster.eventually {
                    let ready = try await kubectl("get", "pods", "--no-headers").stdout.split(separator: "\n").filter { $0.contains("Running") }
                    let budget = try await client.json("/apis/policy/v1/namespaces/default/poddisruptionbudgets/guarded")["status"]
                    return ready.count == 4 && budget?["observedGeneration"] == 1 && budget?["currentHealthy"] == 1
                })

            let drained = try await kubectl(
                "drain", "gpu-node-0001", "--ignore-daemonsets", "--delete-emptydir-data", "--force", "--timeout=30s")
            #expect(drained.status == 0, "\(drained.stdout) \(drained.stderr)")
            #expect(drained.stdout.contains("node/gpu-node-0001 cordoned"))
            #expect(drained.stdout.contains("pod/bare evicted"), "\(drained.stdout)")
            #expect(drained.stdout.contains("node/gpu-node-0001 drained"))
            #expect(try await client.request("GET", "/api/v1/namespaces/default/pods/bare").status == 404)
            #expect(try await kubectl("get", "node", "gpu-node-0001", "-o", "jsonpath={.spec.unschedulable}").stdout == "true")
            let nodes = try await kubectl("get", "nodes", "--no-headers").stdout
            #expect(nodes.contains("SchedulingDisabled"))
            let driverPods = try await kubectl("get", "pods", "-l", "app=driver", "-o", "jsonpath={.items[*].spec.nodeName}").stdout
            #expect(driverPods.split(separator: " ").sorted() == ["gpu-node-0001", "gpu-node-0002"])
            let budgets = try await kubectl("get", "pdb", "--no-headers").stdout
            #expect(budgets.split(separator: " ", omittingEmptySubsequences: true).prefix(4) == ["guarded", "1", "N/A", "0"])
            let described = try await kubectl("describe", "pdb", "guarded")
            #expect(described.status == 0 && described.stdout.contains("Allowed disruptions:  0"), "\(described.stdout) \(described.stderr)")

            let blocked = try await kubectl(
                "drain", "gpu-node-0002", "--ignore-daemonsets", "--delete-emptydir-data", "--force", "--timeout=3s")
            #expect(blocked.status != 0)
            #expect(blocked.stderr.contains("Cannot evict pod as it would violate the pod's disruption budget."), "\(blocked.stderr)")
            #expect(try await client.request("GET", "/api/v1/namespaces/default/pods/guarded").status == 200)

            let uncordoned = try await kubectl("uncordon", "gpu-node-0001")
            #expect(uncordoned.stdout.contains("node/gpu-node-0001 uncordoned"), "\(uncordoned.stderr)")
            #expect(try await kubectl("get", "node", "gpu-node-0001", "-o", "jsonpath={.spec.unschedulable}").stdout == "")
        }
    }
}
