import Foundation
import Testing

/// Issue 16: our own validator's cluster checks against KubeSim, with the validator DaemonSet the
/// operator deployed; and the operator's status naming a failing check's reason.
extension EndToEnd {
    @Suite("End to end: operator validate (cuda, plugin)")
    struct ValidatorTests {
        @Test(
            "cuda: a pinned pod owned like the validator DaemonSet succeeds → cuda-ready; plugin: capacity 0 fails naming the node, GPUs advertised → plugin-ready with a workload pod"
        )
        func cudaAndPlugin() async throws {
            try await withOperatorCluster(gpuNodes: 1, cpuNodes: 0) { cluster, _ in
                try await Eventually.that(timeout: .seconds(60), "the validator DaemonSet") {
                    try cluster.names("daemonsets").contains("nvidia-operator-validator")
                }
                try cluster.admin("POST", "/kubesim/completions", body: #"{"labels": {"app": "nvidia-cuda-validator"}}"#)
                let cuda = try await ValidatorRun.run(cluster, component: "cuda")
                #expect(cuda.status == 0, "\(cuda.stderr)")
                #expect(cuda.statusFiles == ["cuda-ready"])
                let pods = try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "-l", "app=nvidia-cuda-validator"])
                #expect(pods.count == 1)
                let pod = try #require(pods.first)
                #expect((pod["status"] as? [String: Any])?["phase"] as? String == "Succeeded")
                #expect((pod["spec"] as? [String: Any])?["nodeName"] as? String == "gpu-node-0001")
                let owners = (pod["metadata"] as? [String: Any])?["ownerReferences"] as? [[String: Any]] ?? []
                #expect(owners.map { $0["kind"] as? String } == ["ClusterPolicy"])

                let noGPU = try await ValidatorRun.run(
                    cluster, component: "plugin", environment: ["WITH_WORKLOAD": "false", "CAPACITY_WAIT_ATTEMPTS": "2"])
                #expect(noGPU.status != 0)
                #expect(noGPU.statusFiles.isEmpty)
                #expect(noGPU.terminationMessage?.contains("node gpu-node-0001 advertises no GPU: capacity of nvidia.com/gpu is 0") == true)
                #expect(noGPU.terminationMessage?.contains("after 1 s") == true)

                try cluster.admin("POST", "/kubesim/nodes/gpu-node-0001/resources", body: #"{"resources": {"nvidia.com/gpu": "4"}}"#)
                try cluster.admin("POST", "/kubesim/completions", body: #"{"labels": {"app": "nvidia-device-plugin-validator"}}"#)
                let plugin = try await ValidatorRun.run(cluster, component: "plugin")
                #expect(plugin.status == 0, "\(plugin.stderr)")
                #expect(plugin.statusFiles == ["plugin-ready"])
                let workload = try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "-l", "app=nvidia-device-plugin-validator"])
                #expect(workload.count == 1)
            }
        }

        @Test("a failing check's termination message shows in the ClusterPolicy status for that node")
        func statusNamesTheReason() async throws {
            try await withOperatorCluster(gpuNodes: 2, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready", timeout: .seconds(60))
                let failed = try await ValidatorRun.run(
                    cluster, component: "plugin", environment: ["WITH_WORKLOAD": "false", "CAPACITY_WAIT_ATTEMPTS": "1"])
                let reason = try #require(failed.terminationMessage?.trimmingCharacters(in: .whitespacesAndNewlines))
                #expect(failed.status != 0)
                let body = try JSONSerialization.data(withJSONObject: [
                    "node": "gpu-node-0002", "namespace": SimulatedCluster.namespace, "daemonSet": "nvidia-operator-validator",
                    "container": "plugin-validation", "message": reason,
                ])
                try cluster.admin("POST", "/kubesim/initfailures", body: String(decoding: body, as: UTF8.self))
                let message = try await Eventually.value(timeout: .seconds(60), "a ValidatorReady message with the reason") {
                    let validator = try cluster.conditions()["ValidatorReady"]
                    return validator?.message.contains(reason) == true ? validator?.message : nil
                }
                #expect(message.contains("gpu-node-0002 (Init:CrashLoopBackOff: \(reason))"))
                #expect(try cluster.policyState() == "notReady")
            }
        }
    }
}
