import Foundation
import Testing

/// Driver upgrades around GPU workloads: waiting for jobs, pods that cannot be evicted, budgets.
extension EndToEnd {
    @Suite("End to end: driver upgrades and workloads")
    struct DriverUpgradeWorkloadTests {
        /// A pod on `node` asking for one GPU; `owned` gives it a controller (a Job or ReplicaSet that kube-sim
        /// does not serve, as a workload controller's pod has), `completeAfter` makes it finish.
        static func gpuPod(_ name: String, node: String, labels: [String: String], owner: String?, completeAfter: Int? = nil) -> String {
            let labelLines = labels.map { "    \($0.key): \($0.value)" }.joined(separator: "\n")
            let annotations = completeAfter.map { "  annotations:\n    kubesim.dev/complete-after-seconds: \"\($0)\"\n" } ?? ""
            let owners =
                owner.map { kind in
                    "  ownerReferences:\n  - apiVersion: \(kind == "Job" ? "batch/v1" : "apps/v1")\n    kind: \(kind)\n    name: \(name)-owner\n"
                        + "    uid: 00000000-0000-0000-0000-\(String(repeating: "0", count: 12 - min(12, name.count)))\(name.prefix(12))\n    controller: true\n"
                } ?? ""
            return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: \(name)
                  namespace: default
                  labels:
                \(labelLines)
                \(annotations)\(owners)spec:
                  nodeName: \(node)
                  containers:
                  - name: main
                    image: nvcr.io/nvidia/cuda:12.4.0-base-ubuntu22.04
                    resources:
                      limits:
                        nvidia.com/gpu: "1"

                """
        }

        /// Enables upgrades with `policy` (JSON of `upgradePolicy`), then changes the driver version.
        static func upgrade(_ cluster: SimulatedCluster, policy: String) throws {
            try cluster.kubectl([
                "patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", #"{"spec":{"driver":{"upgradePolicy":"# + policy + "}}}",
            ])
            try cluster.kubectl(["patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", DriverUpgradeTests.newVersion])
        }

        static func state(_ cluster: SimulatedCluster, _ node: String) throws -> String {
            try DriverUpgradeTests.nodes(cluster)[node]?.state ?? ""
        }

        @Test("a job selected by waitForCompletion holds its node until it completes; the status says so")
        func waitsForJobs() async throws {
            try await withOperatorCluster(gpuNodes: 2, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                try cluster.kubectl(
                    ["apply", "-f", "-"],
                    stdin: Self.gpuPod("train-a", node: "gpu-node-0001", labels: ["app": "train"], owner: "Job", completeAfter: 8))
                try cluster.resetStats()
                try Self.upgrade(cluster, policy: #"{"autoUpgrade":true,"maxUnavailable":"100%","waitForCompletion":{"podSelector":"app=train"}}"#)
                try await Eventually.that(timeout: .seconds(20), "gpu-node-0001 waiting for the job, in the status") {
                    try cluster.conditions()["DriverReady"]?.message.contains(
                        "gpu-node-0001 waiting for 1 pod(s) to complete (default/train-a) since") == true
                }
                #expect(try Self.state(cluster, "gpu-node-0001") == "wait-for-jobs-required")
                _ = try await DriverUpgradeTests.waitForRollout(cluster, timeout: .seconds(60))
                let phase = try cluster.json(["get", "pod", "-n", "default", "train-a"])["status"] as? [String: Any]
                #expect(phase?["phase"] as? String == "Succeeded", "the job ran to completion; it was not evicted")
                let stats = try JSONSerialization.jsonObject(with: Data(try cluster.admin("GET", "/kubesim/stats").utf8)) as? [String: Any]
                let podWatches = (stats?["requests"] as? [[String: Any]] ?? [])
                    .filter { $0["verb"] as? String == "watch" && $0["resource"] as? String == "pods" }
                    .reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
                #expect(podWatches >= 3, "the driver pods and the pods of each node in flight are watched (\(podWatches) pod watches)")
            }
        }

        @Test("with a waitForCompletion timeout the node goes on at the timeout and the still-running job is evicted")
        func waitTimesOut() async throws {
            try await withOperatorCluster(gpuNodes: 1, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                try cluster.kubectl(
                    ["apply", "-f", "-"],
                    stdin: Self.gpuPod("train-b", node: "gpu-node-0001", labels: ["app": "train"], owner: "Job", completeAfter: 3600))
                try Self.upgrade(
                    cluster,
                    policy: #"{"autoUpgrade":true,"maxUnavailable":"100%","waitForCompletion":{"podSelector":"app=train","timeoutSeconds":3}}"#)
                _ = try await DriverUpgradeTests.waitForRollout(cluster, timeout: .seconds(60))
                let pods = try cluster.items(["get", "pods", "-n", "default"])
                #expect(pods.isEmpty, "the job pod was evicted after the timeout")
            }
        }

        @Test("a bare GPU pod fails its node without podDeletion.force, naming the pod and the fix; with force and a relabel it is evicted")
        func bareGPUPod() async throws {
            try await withOperatorCluster(gpuNodes: 2, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                try cluster.kubectl(
                    ["apply", "-f", "-"], stdin: Self.gpuPod("notebook", node: "gpu-node-0001", labels: ["app": "notebook"], owner: nil))
                try Self.upgrade(cluster, policy: #"{"autoUpgrade":true,"maxParallelUpgrades":1,"maxUnavailable":"100%"}"#)
                try await Eventually.that(timeout: .seconds(20), "gpu-node-0001 upgrade-failed") {
                    try Self.state(cluster, "gpu-node-0001") == "upgrade-failed"
                }
                let message = try #require(try cluster.conditions()["DriverReady"]?.message)
                #expect(
                    message.contains(
                        "gpu-node-0001 failed: GPU pods cannot be evicted: default/notebook (no controller; set podDeletion.force to evict it)"),
                    "\(message)")
                #expect(message.contains("label the node nvidia.com/gpu-driver-upgrade-state=upgrade-required"), "\(message)")
                // The rollout waits: the failed node holds the only slot.
                try await Task.sleep(for: .seconds(2))
                #expect(try Self.state(cluster, "gpu-node-0002") == "upgrade-required")
                try cluster.kubectl([
                    "patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p",
                    #"{"spec":{"driver":{"upgradePolicy":{"podDeletion":{"force":true}}}}}"#,
                ])
                try cluster.kubectl(["label", "node", "gpu-node-0001", "nvidia.com/gpu-driver-upgrade-state=upgrade-required", "--overwrite"])
                _ = try await DriverUpgradeTests.waitForRollout(cluster, timeout: .seconds(60))
                #expect(try cluster.items(["get", "pods", "-n", "default"]).isEmpty, "the bare pod was evicted")
            }
        }

        @Test("a PodDisruptionBudget that blocks the eviction fails the node at the timeout, naming the budget")
        func budgetBlocks() async throws {
            try await withOperatorCluster(gpuNodes: 1, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                try cluster.kubectl(
                    ["apply", "-f", "-"], stdin: Self.gpuPod("web-1", node: "gpu-node-0001", labels: ["app": "web"], owner: "ReplicaSet"))
                try cluster.kubectl(
                    ["apply", "-f", "-"],
                    stdin:
                        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web-pdb\n  namespace: default\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n"
                )
                try await Eventually.that(timeout: .seconds(10), "the budget's status") {
                    (try cluster.json(["get", "pdb", "-n", "default", "web-pdb"])["status"] as? [String: Any])?["observedGeneration"] != nil
                }
                try Self.upgrade(cluster, policy: #"{"autoUpgrade":true,"maxUnavailable":"100%","podDeletion":{"timeoutSeconds":3}}"#)
                try await Eventually.that(timeout: .seconds(30), "gpu-node-0001 upgrade-failed") {
                    try Self.state(cluster, "gpu-node-0001") == "upgrade-failed"
                }
                let message = try #require(try cluster.conditions()["DriverReady"]?.message)
                #expect(message.contains("eviction blocked by PodDisruptionBudget default/web-pdb"), "\(message)")
                #expect(try cluster.items(["get", "pods", "-n", "default"]).count == 1, "the protected pod still runs")
            }
        }
    }
}
