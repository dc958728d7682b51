import KubeModels
import Testing

@testable import KubeSim

/// What the validator's tests ask of KubeSim: finite workloads by label, GPU capacity on a node, and
/// a failing init container with its termination message.
@Suite("Completion rules, node resources and init-container failures")
struct ValidatorSupportTests {
    @Test("a pod matching a completion rule succeeds after the rule's seconds; other pods keep running")
    func completionRule() async throws {
        let harness = await ClusterHarness(gpuNodes: 1)
        await harness.cluster.setCompletionRule(CompletionRule(labels: ["app": "nvidia-cuda-validator"], afterSeconds: 3))
        try await harness.create(ClusterHarness.pods, WorkloadFixtures.pod("cuda", labels: ["app": "nvidia-cuda-validator"]))
        try await harness.create(ClusterHarness.pods, WorkloadFixtures.pod("web"))
        let start = ContinuousClock.now.advanced(by: .seconds(1))
        _ = await harness.cluster.runControllers(now: start)
        _ = await harness.cluster.runControllers(now: start.advanced(by: .seconds(2)))
        #expect(try await WorkloadPodTests.phase(harness, "cuda") == "Running")
        _ = await harness.cluster.runControllers(now: start.advanced(by: .seconds(4)))
        #expect(try await WorkloadPodTests.phase(harness, "cuda") == "Succeeded")
        #expect(try await WorkloadPodTests.phase(harness, "web") == "Running")
    }

    @Test("extended resources are set in capacity and allocatable, and removed with nil")
    func nodeResources() async throws {
        let harness = await ClusterHarness(gpuNodes: 1)
        let node = try #require(await harness.cluster.setNodeResources(name: "gpu-node-0001", resources: ["nvidia.com/gpu": "8"]))
        #expect(node.value[path: ["status", "capacity", "nvidia.com/gpu"]] == "8")
        #expect(node.value[path: ["status", "allocatable", "nvidia.com/gpu"]] == "8")
        #expect(node.value[path: ["status", "capacity", "cpu"]] == "64", "other resources are kept")
        let cleared = try #require(await harness.cluster.setNodeResources(name: "gpu-node-0001", resources: ["nvidia.com/gpu": nil]))
        #expect(cleared.value[path: ["status", "capacity", "nvidia.com/gpu"]] == nil)
        #expect(await harness.cluster.setNodeResources(name: "no-such-node", resources: [:]) == nil)
    }

    @Test("an init failure holds a DaemonSet's pod in Init:CrashLoopBackOff with the message in lastState; clearing it makes the pod ready")
    func initFailure() async throws {
        let harness = await ClusterHarness(gpuNodes: 1)
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("validator", initContainer: true))
        await harness.settle()
        let failure = InitFailure(container: "init", message: "node gpu-node-0001 advertises no GPU")
        let changed = await harness.cluster.setInitFailure(node: "gpu-node-0001", namespace: "default", daemonSet: "validator", failure: failure)
        #expect(changed.count == 1)
        var pod = try await harness.get(ClusterHarness.pods, try #require(changed.first)).value
        #expect(pod[path: ["status", "phase"]] == "Pending")
        let initStatus = pod[path: ["status", "initContainerStatuses"]]?[0]
        #expect(initStatus?[path: ["state", "waiting", "reason"]] == "CrashLoopBackOff")
        #expect(initStatus?[path: ["lastState", "terminated", "message"]] == "node gpu-node-0001 advertises no GPU")
        #expect(initStatus?[path: ["lastState", "terminated", "exitCode"]] == 1)
        #expect(PodStatusPrinter.reason(pod) == "Init:CrashLoopBackOff")
        await harness.cluster.setInitFailure(node: "gpu-node-0001", namespace: "default", daemonSet: "validator", failure: nil)
        pod = try await harness.get(ClusterHarness.pods, try #require(changed.first)).value
        #expect(pod[path: ["status", "phase"]] == "Running" && PodStatusFactory.isReady(pod["status"]))
    }
}
