import Foundation
import Testing

/// Driver upgrades (issue: the per-node upgrade controller), with the real binary, kube-sim and kubectl.
extension EndToEnd {
    @Suite("End to end: driver upgrades")
    struct DriverUpgradeTests {
        /// NVIDIA's chart default upgrade policy.
        static let chartUpgradePolicy = #"{"spec":{"driver":{"upgradePolicy":{"autoUpgrade":true,"maxParallelUpgrades":1,"maxUnavailable":"25%"}}}}"#
        /// A new driver version, as a full image triple.
        static let newVersion = #"{"spec":{"driver":{"repository":"nvcr.io/nvidia","image":"driver","version":"580.95.05"}}}"#
        static let stateLabel = "nvidia.com/gpu-driver-upgrade-state"

        /// Each GPU node's upgrade state and whether it is cordoned.
        static func nodes(_ cluster: SimulatedCluster) throws -> [String: (state: String, cordoned: Bool)] {
            var result: [String: (state: String, cordoned: Bool)] = [:]
            for node in try cluster.items(["get", "nodes", "-l", "nvidia.com/gpu.present=true"]) {
                let metadata = node["metadata"] as? [String: Any] ?? [:]
                let labels = metadata["labels"] as? [String: String] ?? [:]
                let spec = node["spec"] as? [String: Any] ?? [:]
                result[metadata["name"] as? String ?? ""] = (labels[stateLabel] ?? "", spec["unschedulable"] as? Bool ?? false)
            }
            return result
        }

        /// The images of the driver pods' driver container.
        static func driverImages(_ cluster: SimulatedCluster) throws -> [String] {
            try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "-l", "app=nvidia-driver-daemonset"]).compactMap { pod in
                let spec = pod["spec"] as? [String: Any]
                let containers = spec?["containers"] as? [[String: Any]] ?? []
                return containers.first { $0["name"] as? String == "nvidia-driver-ctr" }?["image"] as? String
            }
        }

        /// The messages of the GPUDriverUpgrade Events on nodes.
        static func upgradeEvents(_ cluster: SimulatedCluster) throws -> [String] {
            try cluster.items(["get", "events", "-n", "default", "--field-selector", "reason=GPUDriverUpgrade"]).compactMap { event in
                let object = event["involvedObject"] as? [String: Any]
                return "\(object?["name"] as? String ?? ""): \(event["message"] as? String ?? "")"
            }
        }

        /// Waits until every GPU node is `upgrade-done` and the policy is ready, tracking the most nodes
        /// cordoned at once.
        /// By default the rollout counts as started once some driver pod runs the new version's image
        /// (a cluster already done and ready before the operator saw the change must not pass).
        static func waitForRollout(
            _ cluster: SimulatedCluster, timeout: Duration = .seconds(90), newImage: String? = "nvcr.io/nvidia/driver:580.95.05"
        ) async throws -> Int {
            var mostCordoned = 0
            try await Eventually.that(timeout: timeout, interval: .milliseconds(100), "every GPU node upgrade-done and the policy ready") {
                let nodes = try nodes(cluster)
                mostCordoned = max(mostCordoned, nodes.values.filter(\.cordoned).count)
                let state = try cluster.policyState()
                let rolled = try newImage.map { prefix in try driverImages(cluster).allSatisfy { $0.hasPrefix(prefix) } } ?? true
                return rolled && nodes.values.allSatisfy { $0.state == "upgrade-done" } && state == "ready"
            }
            return mostCordoned
        }

        @Test("a new driver version rolls one node at a time and ends with every node upgrade-done, schedulable, on the new image")
        func rollsNodeByNode() async throws {
            try await withOperatorCluster(gpuNodes: 4, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                try cluster.kubectl(["patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", Self.chartUpgradePolicy])
                try await Eventually.that(timeout: .seconds(10), "nodes told that the operator manages upgrades") {
                    try cluster.items(["get", "nodes", "-l", "nvidia.com/gpu.present=true"]).allSatisfy { node in
                        let annotations = (node["metadata"] as? [String: Any])?["annotations"] as? [String: String]
                        return annotations?["nvidia.com/gpu-driver-upgrade-enabled"] == "true"
                    }
                }
                try cluster.kubectl(["patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", Self.newVersion])
                let mostCordoned = try await Self.waitForRollout(cluster)
                #expect(mostCordoned == 1, "never two nodes cordoned by us at once")
                let nodes = try Self.nodes(cluster)
                #expect(nodes.count == 4 && nodes.values.allSatisfy { !$0.cordoned })
                let images = try Self.driverImages(cluster)
                #expect(images.count == 4 && images.allSatisfy { $0.hasPrefix("nvcr.io/nvidia/driver:580.95.05") }, "\(images)")
                #expect(try cluster.conditions()["DriverReady"]?.status == "True")
                let started = try cluster.items(["get", "events", "-n", "default", "--field-selector", "reason=DriverUpgradeStarted"])
                let upgraded = try cluster.items(["get", "events", "-n", "default", "--field-selector", "reason=DriverUpgraded"])
                #expect(started.count == 4 && upgraded.count == 4, "one start and one finish Event per node on the ClusterPolicy")
            }
        }

        @Test("a node an admin cordoned before the upgrade is still cordoned after it (its cordon counts against maxUnavailable)")
        func adminCordonSurvives() async throws {
            try await withOperatorCluster(gpuNodes: 2, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                // 2 nodes at 100%: the admin's cordon uses one of the two unavailable nodes allowed.
                let policy = #"{"spec":{"driver":{"upgradePolicy":{"autoUpgrade":true,"maxParallelUpgrades":1,"maxUnavailable":"100%"}}}}"#
                try cluster.kubectl(["patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", policy])
                try cluster.kubectl(["cordon", "gpu-node-0002"])
                try cluster.kubectl(["patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", Self.newVersion])
                _ = try await Self.waitForRollout(cluster)
                let nodes = try Self.nodes(cluster)
                #expect(nodes["gpu-node-0002"]?.cordoned == true)
                #expect(nodes["gpu-node-0001"]?.cordoned == false)
            }
        }

        @Test("a label-only change restarts driver pods one node at a time without emptying any node")
        func cosmeticChangeRestartsOnly() async throws {
            try await withOperatorCluster(gpuNodes: 3, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                try cluster.kubectl(["patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", Self.chartUpgradePolicy])
                try cluster.kubectl([
                    "patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", #"{"spec":{"daemonsets":{"labels":{"team":"gpu"}}}}"#,
                ])
                // The cluster is already done and ready before the patch is seen: wait for the three
                // restarts themselves (Events stay), tracking cordons all along, then for the end state.
                var mostCordoned = 0
                try await Eventually.that(timeout: .seconds(90), interval: .milliseconds(100), "three driver restarts") {
                    mostCordoned = max(mostCordoned, try Self.nodes(cluster).values.filter(\.cordoned).count)
                    return try Self.upgradeEvents(cluster).filter { $0.contains("upgrade-required → pod-restart-required") }.count >= 3
                }
                mostCordoned = max(mostCordoned, try await Self.waitForRollout(cluster, newImage: nil))
                let events = try Self.upgradeEvents(cluster)
                #expect(mostCordoned == 1, "\(events)")
                #expect(events.filter { $0.contains("upgrade-required → pod-restart-required") }.count == 3, "\(events)")
                #expect(!events.contains { $0.contains("pod-deletion-required") || $0.contains("wait-for-jobs-required") }, "\(events)")
            }
        }

        @Test("autoUpgrade off: no driver pod is deleted and the status names the nodes running the old driver")
        func manualUpgrades() async throws {
            try await withOperatorCluster(gpuNodes: 2, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                try cluster.resetStats()
                try cluster.kubectl(["patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", Self.newVersion])
                try await Eventually.that(timeout: .seconds(15), "the driver condition names the outdated nodes") {
                    try cluster.conditions()["DriverReady"]?.message.hasPrefix("2/2 node(s) run an outdated driver (gpu-node-0001, gpu-node-0002)")
                        == true
                }
                #expect(try cluster.policyState() == "notReady")
                #expect(try cluster.requestCounts().byVerb["delete"] == nil, "no pod deleted")
                #expect(try Self.nodes(cluster).values.allSatisfy { $0.state == "" && !$0.cordoned })
            }
        }

        @Test("the operator killed mid-upgrade resumes from the node labels: every node cordoned and restarted once")
        func resumesAfterRestart() async throws {
            try await withOperatorCluster(gpuNodes: 3, cpuNodes: 0) { cluster, first in
                try await cluster.waitForState("ready")
                try cluster.kubectl(["patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", Self.chartUpgradePolicy])
                try cluster.kubectl(["patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", Self.newVersion])
                try await Eventually.that(timeout: .seconds(30), interval: .milliseconds(20), "a node in the middle of its upgrade") {
                    try Self.nodes(cluster).values.contains { !["", "upgrade-done", "upgrade-required"].contains($0.state) }
                }
                first.process.kill()
                let second = try cluster.startOperator()
                do {
                    _ = try await Self.waitForRollout(cluster)
                    await second.process.stop()
                } catch {
                    await second.process.stop()
                    throw error
                }
                let events = try Self.upgradeEvents(cluster)
                for node in ["gpu-node-0001", "gpu-node-0002", "gpu-node-0003"] {
                    let mine = events.filter { $0.hasPrefix("\(node):") }
                    #expect(mine.filter { $0.contains("cordon-required → wait-for-jobs-required") }.count == 1, "\(node): \(mine)")
                    #expect(mine.filter { $0.contains("pod-restart-required → validation-required") }.count == 1, "\(node): \(mine)")
                }
                #expect(try Self.nodes(cluster).values.allSatisfy { !$0.cordoned })
            }
        }
    }
}
