import KubeModels
import Testing

@testable import KubeSim

@Suite("Simulated nodes, DaemonSet controller and pod lifecycle")
struct DaemonSetControllerTests {
    static let gpuSelector = ["feature.node.kubernetes.io/pci-10de.present": "true"]

    @Test("simulated nodes carry NFD labels and node info")
    func nodes() async throws {
        let harness = await ClusterHarness(gpuNodes: 1, cpuNodes: 1)
        let gpu = try await harness.get(ClusterHarness.nodes, "gpu-node-0001", namespace: nil)
        let cpu = try await harness.get(ClusterHarness.nodes, "cpu-node-0001", namespace: nil)
        #expect(gpu.labels["feature.node.kubernetes.io/pci-10de.present"] == "true")
        #expect(cpu.labels["feature.node.kubernetes.io/pci-10de.present"] == nil)
        #expect(gpu.labels["feature.node.kubernetes.io/system-os_release.ID"] == "ubuntu")
        #expect(gpu.labels["feature.node.kubernetes.io/system-os_release.VERSION_ID"] == "22.04")
        #expect(gpu.labels["feature.node.kubernetes.io/kernel-version.full"] == "5.15.0-105-generic")
        #expect(gpu.value[path: ["status", "nodeInfo", "containerRuntimeVersion"]] == "containerd://1.7.20")
        #expect(gpu.value[path: ["status", "nodeInfo", "kernelVersion"]] == "5.15.0-105-generic")
        #expect(gpu.value[path: ["status", "nodeInfo", "osImage"]] == "Ubuntu 22.04.4 LTS")
    }

    @Test("one pod per matching node, owned by the DaemonSet, ready after the delay")
    func pods() async throws {
        let harness = await ClusterHarness(gpuNodes: 2, cpuNodes: 1)
        let ds = try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("ds", nodeSelector: Self.gpuSelector))
        await harness.settle(podsBecomeReady: false)
        var pods = try await harness.pods()
        #expect(pods.count == 2)
        #expect(Set(pods.compactMap { $0.value[path: ["spec", "nodeName"]]?.stringValue }) == ["gpu-node-0001", "gpu-node-0002"])
        for pod in pods {
            #expect(pod.key.name.hasPrefix("ds-") && pod.key.name.count == 8)
            #expect(pod.ownerReferences.first?.uid == ds.uid && pod.ownerReferences.first?.controller == true)
            #expect(pod.labels["controller-revision-hash"] != nil)
            #expect(pod.value[path: ["status", "phase"]] == "Pending")
        }
        var status = try await harness.get(ClusterHarness.daemonSets, "ds").value["status"]
        #expect(status?["desiredNumberScheduled"] == 2 && status?["numberReady"] == 0 && status?["numberUnavailable"] == 2)
        await harness.settle()
        pods = try await harness.pods()
        #expect(pods.allSatisfy { $0.value[path: ["status", "phase"]] == "Running" && PodStatusFactory.isReady($0.value["status"]) })
        status = try await harness.get(ClusterHarness.daemonSets, "ds").value["status"]
        #expect(
            status == [
                "currentNumberScheduled": 2, "desiredNumberScheduled": 2, "numberMisscheduled": 0, "numberReady": 2,
                "numberAvailable": 2, "updatedNumberScheduled": 2, "observedGeneration": 1,
            ])
        let revisions = try await harness.cluster.list(ClusterHarness.revisions, namespace: "default", options: ListOptions()).items
        #expect(revisions.count == 1)
        #expect(revisions.first?.key.name == "ds-\(pods[0].labels["controller-revision-hash"] ?? "")")
        #expect(revisions.first?.value["revision"] == 1)
    }

    @Test("rolling update replaces pods one at a time with maxUnavailable 1")
    func rollingUpdate() async throws {
        let harness = await ClusterHarness(gpuNodes: 3)
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("ds", image: "a:1"))
        await harness.settle()
        let original = Set(try await harness.pods().map(\.key.name))
        _ = try await harness.cluster.patch(
            ClusterHarness.daemonSets, namespace: "default", name: "ds",
            body: .strategic(["spec": ["template": ["spec": ["containers": [["name": "main", "image": "a:2"]]]]]]),
            subresource: "", options: harness.options)
        await harness.settle(podsBecomeReady: false)
        var pods = try await harness.pods()
        #expect(pods.count == 3)
        #expect(Set(pods.map(\.key.name)).intersection(original).count == 2)
        var status = try await harness.get(ClusterHarness.daemonSets, "ds").value["status"]
        #expect(status?["observedGeneration"] == 2)
        #expect(status?["updatedNumberScheduled"] == 1)
        for _ in 0..<3 { await harness.settle() }
        pods = try await harness.pods()
        #expect(pods.allSatisfy { $0.value[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "a:2" })
        status = try await harness.get(ClusterHarness.daemonSets, "ds").value["status"]
        #expect(status?["updatedNumberScheduled"] == 3 && status?["numberAvailable"] == 3)
        let revisions = try await harness.cluster.list(ClusterHarness.revisions, namespace: "default", options: ListOptions()).items
        #expect(revisions.compactMap { $0.value["revision"]?.intValue }.sorted() == [1, 2])
    }

    @Test("OnDelete waits for pods to be deleted before replacing them")
    func onDelete() async throws {
        let harness = await ClusterHarness(gpuNodes: 2)
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("ds", image: "a:1", strategy: ["type": "OnDelete"]))
        await harness.settle()
        _ = try await harness.cluster.patch(
            ClusterHarness.daemonSets, namespace: "default", name: "ds",
            body: .strategic(["spec": ["template": ["spec": ["containers": [["name": "main", "image": "a:2"]]]]]]),
            subresource: "", options: harness.options)
        await harness.settle()
        var pods = try await harness.pods()
        #expect(pods.allSatisfy { $0.value[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "a:1" })
        #expect(try await harness.get(ClusterHarness.daemonSets, "ds").value[path: ["status", "updatedNumberScheduled"]] == nil)
        _ = try await harness.cluster.delete(ClusterHarness.pods, namespace: "default", name: pods[0].key.name, options: DeleteOptions())
        await harness.settle()
        pods = try await harness.pods()
        #expect(pods.filter { $0.value[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "a:2" }.count == 1)
        #expect(try await harness.get(ClusterHarness.daemonSets, "ds").value[path: ["status", "updatedNumberScheduled"]] == 1)
    }

    @Test("removing the matching label from a node deletes its pod")
    func relabel() async throws {
        let harness = await ClusterHarness(gpuNodes: 2)
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("ds", nodeSelector: Self.gpuSelector))
        await harness.settle()
        await harness.cluster.setNodeLabels(name: "gpu-node-0002", labels: ["feature.node.kubernetes.io/pci-10de.present": nil])
        await harness.settle()
        let pods = try await harness.pods()
        #expect(pods.compactMap { $0.value[path: ["spec", "nodeName"]]?.stringValue } == ["gpu-node-0001"])
        #expect(try await harness.get(ClusterHarness.daemonSets, "ds").value[path: ["status", "desiredNumberScheduled"]] == 1)
        await harness.cluster.addNode(name: "gpu-new", gpu: true)
        await harness.cluster.removeNode(name: "gpu-node-0001")
        await harness.settle()
        #expect(try await harness.pods().compactMap { $0.value[path: ["spec", "nodeName"]]?.stringValue } == ["gpu-new"])
    }

    @Test("held pods stay Pending with Init:0/1 until released")
    func hold() async throws {
        let harness = await ClusterHarness(gpuNodes: 2)
        await harness.cluster.holdPods(onNode: "gpu-node-0001", held: true)
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("ds", initContainer: true))
        await harness.settle()
        let held = try await harness.pods().first { $0.value[path: ["spec", "nodeName"]] == "gpu-node-0001" }
        #expect(held.map { PodStatusPrinter.reason($0.value) } == "Init:0/1")
        #expect(try await harness.get(ClusterHarness.daemonSets, "ds").value[path: ["status", "numberReady"]] == 1)
        await harness.cluster.holdPods(onNode: "gpu-node-0001", held: false)
        await harness.settle()
        #expect(try await harness.pods().allSatisfy { PodStatusPrinter.reason($0.value) == "Running" })
        #expect(try await harness.get(ClusterHarness.daemonSets, "ds").value[path: ["status", "numberReady"]] == 2)
    }

    @Test("deleting a DaemonSet garbage-collects its pods and revisions")
    func deletion() async throws {
        let harness = await ClusterHarness(gpuNodes: 2)
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("ds"))
        await harness.settle()
        _ = try await harness.cluster.delete(ClusterHarness.daemonSets, namespace: "default", name: "ds", options: DeleteOptions())
        await harness.settle()
        #expect(try await harness.pods().isEmpty)
        #expect(try await harness.cluster.list(ClusterHarness.revisions, namespace: "default", options: ListOptions()).items.isEmpty)
    }
}

@Suite("Pods that become ready without delay")
struct InstantPodTests {
    @Test("with a zero readiness delay DaemonSet pods are created Running and Ready")
    func instant() async throws {
        let harness = await ClusterHarness(gpuNodes: 2, podReadyDelay: .zero)
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("ds"))
        await harness.settle(podsBecomeReady: false)
        let pods = try await harness.pods()
        #expect(pods.count == 2)
        #expect(
            pods.allSatisfy {
                PodStatusFactory.isReady($0.value["status"])
                    && $0.resourceVersion == Int64($0.value[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")
            })
        #expect(try await harness.get(ClusterHarness.daemonSets, "ds").value[path: ["status", "numberAvailable"]] == 2)
    }
}

@Suite("minReadySeconds")
struct MinReadySecondsTests {
    @Test("pods count as available only after minReadySeconds")
    func minReady() async throws {
        let harness = await ClusterHarness(gpuNodes: 1)
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("ds").setting(["spec", "minReadySeconds"], to: 3600))
        await harness.settle()
        let status = try await harness.get(ClusterHarness.daemonSets, "ds").value["status"]
        #expect(status?["numberReady"] == 1)
        #expect(status?["numberAvailable"] == nil)
        #expect(status?["numberUnavailable"] == 1)
    }
}
