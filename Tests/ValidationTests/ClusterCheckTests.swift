import KubeClient
import KubeModels
import KubeSim
import Testing
import Validation

@Suite("cuda and plugin checks against KubeSim")
struct ClusterCheckTests {
    static let node = "gpu-node-0001"

    @Test("GPU capacity rule: nvidia.com/gpu or MIG resources ≥ 1; mixed strategy requests a MIG resource")
    func capacityRule() {
        #expect(GPUCapacity.advertised(["cpu": "64", "nvidia.com/gpu": "0"]).isEmpty)
        #expect(GPUCapacity.advertised(["nvidia.com/gpu": "2"]).map(\.name) == ["nvidia.com/gpu"])
        let mig = ["nvidia.com/mig-1g.10gb": "7", "nvidia.com/gpu": "0"]
        #expect(GPUCapacity.workloadResource(mig, migStrategy: "mixed") == "nvidia.com/mig-1g.10gb")
        #expect(GPUCapacity.workloadResource(["nvidia.com/gpu": "1", "nvidia.com/mig-1g.10gb": "7"], migStrategy: "single") == "nvidia.com/gpu")
        #expect(
            GPUCapacity.free("nvidia.com/gpu", allocatable: ["nvidia.com/gpu": "2"], pods: [["nvidia.com/gpu": "1"], ["nvidia.com/gpu": "1"]]) == 0)
    }

    @Test("plugin: capacity 0 fails within the bound, naming the node")
    func pluginNoCapacity() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let cluster = try await SimulatedCluster()
        let context = try harness.context(
            "plugin", ["WITH_WORKLOAD": "false", "CAPACITY_WAIT_ATTEMPTS": "3"], cluster: cluster.validationCluster,
            time: TimeSource(clock: cluster.clock))
        let error = await #expect(throws: ValidationError.self) {
            try await cluster.drive(step: .seconds(5)) { try await Validator.run(context, searchPath: "") }
        }
        #expect(
            error?.description
                == "node \(Self.node) advertises no GPU: capacity of nvidia.com/gpu is 0 on node \(Self.node) "
                + "(no nvidia.com/gpu or nvidia.com/mig-* resource) after 10 s")
        #expect(harness.read(harness.output + "/plugin-ready") == nil)
    }

    @Test("plugin: capacity shows nvidia.com/gpu → plugin-ready; a MIG resource counts under the mixed strategy")
    func pluginCapacity() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let cluster = try await SimulatedCluster()
        #expect(await cluster.server.setNodeResources(node: Self.node, resources: ["nvidia.com/mig-1g.10gb": "7"]))
        let context = try harness.context(
            "plugin", ["WITH_WORKLOAD": "false", "MIG_STRATEGY": "mixed"], cluster: cluster.validationCluster, time: TimeSource(clock: cluster.clock))
        let outcome = try await PluginCheck(context: context).run()
        #expect(outcome == .capacity(resource: "nvidia.com/mig-1g.10gb", count: 7))
        #expect(harness.read(harness.output + "/plugin-ready") == "")
    }

    @Test("plugin with a workload: one GPU requested and the pod succeeds; no free GPU → passes on capacity alone, no pod")
    func pluginWorkload() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let cluster = try await SimulatedCluster()
        await cluster.server.setNodeResources(node: Self.node, resources: ["nvidia.com/gpu": "1"])
        await cluster.server.completePods(labels: ["app": "nvidia-device-plugin-validator"])
        let context = try harness.context("plugin", cluster: cluster.validationCluster, time: TimeSource(clock: cluster.clock))
        let outcome = try await cluster.drive(step: .seconds(5)) { try await PluginCheck(context: context).run() }
        guard case .workload(let resource, let name) = outcome else {
            Issue.record("expected a workload, got \(outcome)")
            return
        }
        #expect(resource == "nvidia.com/gpu")
        let pod = try #require(try await cluster.client.get(.pods, name: name, namespace: "gpu-operator"))
        #expect(pod[path: ["spec", "initContainers"]]?.arrayValue?.first?[path: ["resources", "limits", "nvidia.com/gpu"]] == "1")
        // The GPU is now taken by a running workload on the node.
        _ = try await cluster.client.create(
            .pods,
            [
                "metadata": ["name": "training", "namespace": "gpu-operator"],
                "spec": [
                    "nodeName": .string(Self.node),
                    "containers": [
                        ["name": "main", "image": "busybox", "resources": ["requests": ["nvidia.com/gpu": "1"], "limits": ["nvidia.com/gpu": "1"]]]
                    ],
                ],
            ])
        await cluster.server.runControllers()
        let busy = try await PluginCheck(context: context).run()
        #expect(busy == .capacityOnlyNoFreeGPU(resource: "nvidia.com/gpu", count: 1))
        #expect(harness.read(harness.output + "/plugin-ready") == "")
    }

    @Test("cuda: the previous pod is deleted, the new one is pinned with the DaemonSet's tolerations and owners, and cuda-ready follows its success")
    func cuda() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let cluster = try await SimulatedCluster()
        await cluster.server.completePods(labels: ["app": "nvidia-cuda-validator"])
        let context = try harness.context(
            "cuda", ["VALIDATOR_RUNTIME_CLASS": "nvidia"], cluster: cluster.validationCluster, time: TimeSource(clock: cluster.clock))
        let first = try await cluster.drive(step: .seconds(5)) {
            try await WorkloadRun(context: context).run(app: "nvidia-cuda-validator", gpuResource: nil)
        }
        try await cluster.drive(step: .seconds(5)) { try await Validator.run(context, searchPath: "") }
        #expect(harness.read(harness.output + "/cuda-ready") == "")
        let pods = try await cluster.client.list(.pods, namespace: "gpu-operator", labelSelector: "app=nvidia-cuda-validator").items
        #expect(pods.count == 1)
        let pod = try #require(pods.first)
        #expect(pod[path: ["metadata", "name"]]?.stringValue != first, "the first pod was deleted")
        let daemonSet = try #require(try await cluster.client.get(.daemonSets, name: "nvidia-operator-validator", namespace: "gpu-operator"))
        #expect(pod[path: ["metadata", "ownerReferences"]] == daemonSet[path: ["metadata", "ownerReferences"]])
        #expect(pod[path: ["spec", "tolerations"]] == daemonSet[path: ["spec", "template", "spec", "tolerations"]])
        #expect(pod[path: ["spec", "nodeName"]]?.stringValue == Self.node)
        #expect(pod[path: ["spec", "runtimeClassName"]]?.stringValue == "nvidia")
        #expect(pod[path: ["spec", "initContainers"]]?.arrayValue?.first?["image"]?.stringValue == "ghcr.io/swift-gpu-operator/operator:test")
        #expect(pod[path: ["status", "phase"]]?.stringValue == "Succeeded")
    }

    @Test("cuda: a pod that never completes times out after the bound, naming the pod and its phase")
    func cudaTimeout() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let cluster = try await SimulatedCluster()
        let context = try harness.context(
            "cuda", ["POD_WAIT_ATTEMPTS": "4"], cluster: cluster.validationCluster, time: TimeSource(clock: cluster.clock))
        let error = await #expect(throws: ValidationError.self) {
            try await cluster.drive(step: .seconds(5)) { try await Validator.run(context, searchPath: "") }
        }
        #expect(error?.description.hasPrefix("timed out after 15 s waiting for pod nvidia-cuda-validator-") == true)
        #expect(error?.description.contains("is Running") == true)
        #expect(harness.read(harness.output + "/cuda-ready") == nil)
    }
}
