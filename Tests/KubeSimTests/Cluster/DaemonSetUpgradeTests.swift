import KubeModels
import Testing

@testable import KubeSim

@Suite("DaemonSet upgrades: OnDelete revisions and cordoned nodes")
struct DaemonSetUpgradeTests {
    static func image(_ pod: StoredObject) -> String? {
        pod.value[path: ["spec", "containers"]]?[0]?["image"]?.stringValue
    }

    @Test("OnDelete keeps old pods on the old revision; a deleted pod comes back from the newest revision")
    func onDeleteRevisions() async throws {
        let harness = await ClusterHarness(gpuNodes: 2)
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("driver", image: "driver:1", strategy: ["type": "OnDelete"]))
        await harness.settle()
        let oldHash = try #require(try await harness.pods().first?.labels["controller-revision-hash"])
        _ = try await harness.cluster.patch(
            ClusterHarness.daemonSets, namespace: "default", name: "driver",
            body: .strategic(["spec": ["template": ["spec": ["containers": [["name": "main", "image": "driver:2"]]]]]]), subresource: "",
            options: harness.options)
        await harness.settle()
        var options = ListOptions()
        options.labelSelector = try LabelSelector(parsing: "app=driver")
        let revisions = try await harness.cluster.list(ClusterHarness.revisions, namespace: "default", options: options).items
        #expect(revisions.compactMap { $0.value["revision"]?.intValue }.sorted() == [1, 2])
        let newest = try #require(revisions.first { $0.value["revision"] == 2 })
        let newHash = String(newest.key.name.dropFirst("driver-".count))
        #expect(newHash != oldHash && newest.labels["controller-revision-hash"] == newHash)
        var pods = try await harness.pods()
        #expect(pods.allSatisfy { $0.labels["controller-revision-hash"] == oldHash && Self.image($0) == "driver:1" })
        #expect(try await harness.get(ClusterHarness.daemonSets, "driver").value[path: ["status", "updatedNumberScheduled"]] == nil)

        let outdated = try #require(pods.first { $0.value[path: ["spec", "nodeName"]] == "gpu-node-0001" })
        _ = try await harness.cluster.delete(ClusterHarness.pods, namespace: "default", name: outdated.key.name, options: DeleteOptions())
        await harness.settle()
        pods = try await harness.pods()
        let replacement = try #require(pods.first { $0.value[path: ["spec", "nodeName"]] == "gpu-node-0001" })
        #expect(replacement.labels["controller-revision-hash"] == newHash && Self.image(replacement) == "driver:2")
        #expect(PodStatusFactory.isReady(replacement.value["status"]))
        let other = try #require(pods.first { $0.value[path: ["spec", "nodeName"]] == "gpu-node-0002" })
        #expect(other.labels["controller-revision-hash"] == oldHash)
        let status = try await harness.get(ClusterHarness.daemonSets, "driver").value["status"]
        #expect(status?["updatedNumberScheduled"] == 1 && status?["numberReady"] == 2 && status?["observedGeneration"] == 2)
    }

    @Test("a cordoned node gets the unschedulable taint and keeps and receives DaemonSet pods; uncordon removes the taint")
    func cordon() async throws {
        let harness = await ClusterHarness(gpuNodes: 1)
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("driver"))
        await harness.settle()
        _ = try await harness.cluster.patch(
            ClusterHarness.nodes, namespace: nil, name: "gpu-node-0001", body: .strategic(["spec": ["unschedulable": true]]), subresource: "",
            options: harness.options)
        await harness.settle()
        let node = try await harness.get(ClusterHarness.nodes, "gpu-node-0001", namespace: nil).value
        #expect(node[path: ["spec", "taints"]]?[0]?["key"] == "node.kubernetes.io/unschedulable")
        #expect(node[path: ["spec", "taints"]]?[0]?["effect"] == "NoSchedule")
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("validator"))
        await harness.settle()
        let pods = try await harness.pods()
        #expect(pods.count == 2 && pods.allSatisfy { PodStatusFactory.isReady($0.value["status"]) })
        _ = try await harness.cluster.patch(
            ClusterHarness.nodes, namespace: nil, name: "gpu-node-0001", body: .strategic(["spec": ["unschedulable": nil]]), subresource: "",
            options: harness.options)
        await harness.settle()
        #expect(try await harness.get(ClusterHarness.nodes, "gpu-node-0001", namespace: nil).value[path: ["spec", "taints"]] == nil)
    }
}
