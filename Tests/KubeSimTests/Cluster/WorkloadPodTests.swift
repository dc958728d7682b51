import KubeModels
import Testing

@testable import KubeSim

@Suite("Workload pods: run on their node, job-like completion, crash loops")
struct WorkloadPodTests {
    static func phase(_ harness: ClusterHarness, _ name: String) async throws -> String? {
        try await harness.get(ClusterHarness.pods, name).value[path: ["status", "phase"]]?.stringValue
    }

    @Test("a pod bound to a node becomes Running and Ready after the delay; an unbound pod stays Pending; unserved owners are kept")
    func runs() async throws {
        let harness = await ClusterHarness(gpuNodes: 1)
        let start = ContinuousClock.now
        try await harness.create(ClusterHarness.pods, WorkloadFixtures.pod("bare"))
        try await harness.create(ClusterHarness.pods, WorkloadFixtures.pod("owned", ownerKind: "ReplicaSet"))
        try await harness.create(ClusterHarness.pods, WorkloadFixtures.pod("unbound", node: nil))
        _ = await harness.cluster.runControllers(now: start)
        #expect(try await Self.phase(harness, "bare") == "Pending")
        _ = await harness.cluster.runControllers(now: start.advanced(by: .seconds(2)))
        for name in ["bare", "owned"] {
            let status = try await harness.get(ClusterHarness.pods, name).value["status"]
            #expect(status?["phase"] == "Running" && PodStatusFactory.isReady(status))
            #expect(status?["podIP"]?.stringValue?.hasPrefix("10.244.") == true && status?["hostIP"] != nil && status?["startTime"] != nil)
            #expect(status?["containerStatuses"]?[0]?["ready"] == true && status?["containerStatuses"]?[0]?["state"]?["running"] != nil)
        }
        await harness.settle()
        #expect(try await Self.phase(harness, "unbound") == "Pending")
        #expect(await harness.exists(ClusterHarness.pods, "owned"))
    }

    @Test("a job-like pod succeeds the annotated number of seconds after it started running")
    func completes() async throws {
        let harness = await ClusterHarness(gpuNodes: 1)
        let start = ContinuousClock.now
        try await harness.create(
            ClusterHarness.pods, WorkloadFixtures.pod("job", annotations: [SimulatedCluster.completeAfterAnnotation: "5"], ownerKind: "Job"))
        let running = start.advanced(by: .seconds(2))
        let next = await harness.cluster.runControllers(now: running)
        #expect(try await Self.phase(harness, "job") == "Running")
        #expect(next == running.advanced(by: .seconds(5)))
        _ = await harness.cluster.runControllers(now: running.advanced(by: .seconds(4)))
        #expect(try await Self.phase(harness, "job") == "Running")
        _ = await harness.cluster.runControllers(now: running.advanced(by: .seconds(5)))
        let status = try await harness.get(ClusterHarness.pods, "job").value["status"]
        #expect(status?["phase"] == "Succeeded" && !PodStatusFactory.isReady(status))
        let terminated = status?["containerStatuses"]?[0]?["state"]?["terminated"]
        #expect(terminated?["exitCode"] == 0 && terminated?["reason"] == "Completed")
        #expect(status?["containerStatuses"]?[0]?["ready"] == false)
        #expect(PodStatusPrinter.reason(try await harness.get(ClusterHarness.pods, "job").value) == "Completed")
    }

    @Test("a crash loop keeps a DaemonSet's pod on a node Running and unready with restarts rising each second, also for its replacement")
    func crashLoop() async throws {
        let harness = await ClusterHarness(gpuNodes: 2)
        try await harness.create(ClusterHarness.daemonSets, Fixtures.daemonSet("driver"))
        await harness.settle()
        let pods = try await harness.pods()
        let target = try #require(pods.first { $0.value[path: ["spec", "nodeName"]] == "gpu-node-0001" })
        let start = ContinuousClock.now
        let changed = await harness.cluster.setCrashLoop(
            node: "gpu-node-0001", namespace: "default", daemonSet: "driver", crashLooping: true, now: start)
        #expect(changed == [target.key.name])
        var pod = try await harness.get(ClusterHarness.pods, target.key.name).value
        #expect(pod[path: ["status", "phase"]] == "Running" && !PodStatusFactory.isReady(pod["status"]))
        #expect(pod[path: ["status", "containerStatuses"]]?[0]?["state"]?["waiting"]?["reason"] == "CrashLoopBackOff")
        #expect(PodStatusPrinter.reason(pod) == "CrashLoopBackOff")
        _ = await harness.cluster.runControllers(now: start.advanced(by: .seconds(3)))
        pod = try await harness.get(ClusterHarness.pods, target.key.name).value
        #expect(pod[path: ["status", "containerStatuses"]]?[0]?["restartCount"] == 3)
        _ = await harness.cluster.runControllers(now: start.advanced(by: .seconds(7)))
        pod = try await harness.get(ClusterHarness.pods, target.key.name).value
        #expect(pod[path: ["status", "containerStatuses"]]?[0]?["restartCount"] == 7)
        #expect(try await harness.get(ClusterHarness.daemonSets, "driver").value[path: ["status", "numberReady"]] == 1)

        _ = try await harness.cluster.delete(ClusterHarness.pods, namespace: "default", name: target.key.name, options: DeleteOptions())
        await harness.settle()
        let replacement = try #require(try await harness.pods().first { $0.value[path: ["spec", "nodeName"]] == "gpu-node-0001" })
        #expect(replacement.key.name != target.key.name)
        #expect(replacement.value[path: ["status", "containerStatuses"]]?[0]?["state"]?["waiting"]?["reason"] == "CrashLoopBackOff")

        #expect(
            await harness.cluster.setCrashLoop(node: "gpu-node-0001", namespace: "default", daemonSet: "driver", crashLooping: false) == [
                replacement.key.name
            ])
        let recovered = try await harness.get(ClusterHarness.pods, replacement.key.name).value
        #expect(PodStatusFactory.isReady(recovered["status"]) && recovered[path: ["status", "phase"]] == "Running")
        #expect(recovered[path: ["status", "containerStatuses"]]?[0]?["lastState"]?["terminated"]?["exitCode"] == 1)
        await harness.settle()
        #expect(try await harness.get(ClusterHarness.daemonSets, "driver").value[path: ["status", "numberReady"]] == 2)
        #expect(await harness.cluster.crashLoopRules.isEmpty)
    }
}
