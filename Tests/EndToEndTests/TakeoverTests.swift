import Foundation
import KubeModels
import Testing

/// Replacing a Helm install of NVIDIA's gpu-operator in place (issue: takeover), with the real
/// binary, kube-sim holding upstream's objects as its operator leaves them, and kubectl.
extension EndToEnd {
    @Suite("End to end: taking over NVIDIA's operator")
    struct TakeoverTests {
        static let ns = SimulatedCluster.namespace
        /// The DaemonSets of the default policy, one per component.
        static let componentDaemonSets: Set<String> = [
            "nvidia-driver-daemonset", "nvidia-container-toolkit-daemonset", "nvidia-operator-validator", "nvidia-device-plugin-daemonset",
            "nvidia-device-plugin-mps-control-daemon", "nvidia-dcgm-exporter", "gpu-feature-discovery", "nvidia-mig-manager",
        ]
        /// A DaemonSet upstream labelled as its own that we do not render: kept and reported, never deleted.
        static let leftover: JSONValue = [
            "apiVersion": "apps/v1", "kind": "DaemonSet",
            "metadata": [
                "name": "nvidia-sandbox-validator", "namespace": .string(ns),
                "labels": ["app": "nvidia-sandbox-validator", "app.kubernetes.io/managed-by": "gpu-operator"],
            ],
            "spec": [
                "selector": ["matchLabels": ["app": "nvidia-sandbox-validator"]],
                "template": [
                    "metadata": ["labels": ["app": "nvidia-sandbox-validator"]],
                    "spec": [
                        "nodeSelector": ["nvidia.com/gpu.deploy.sandbox-validator": "true"],
                        "containers": [["name": "validator", "image": "nvcr.io/nvidia/gpu-operator:v26.7.0"]],
                    ],
                ],
            ],
        ]

        /// The fixture as an older upstream left it: GFD's selector without `part-of` (immutable, so
        /// the DaemonSet must be replaced), plus the leftover.
        static func olderUpstream(_ objects: inout [JSONValue]) {
            for index in objects.indices
            where objects[index]["kind"]?.stringValue == "DaemonSet"
                && objects[index][path: ["metadata", "name"]]?.stringValue == "gpu-feature-discovery"
            {
                objects[index]["spec"]?["selector"] = ["matchLabels": ["app": "gpu-feature-discovery"]]
            }
            objects.append(leftover)
        }

        @Test(
            "while upstream runs nothing is written and the status says why; once stopped: ready, one DaemonSet per component, nothing deleted we did not own, pods replaced node by node"
        )
        func takeover() async throws {
            let cluster = try await SimulatedCluster(gpuNodes: 3, cpuNodes: 1)
            var operators: [OperatorProcess] = []
            do {
                try await TakeoverSupport.installUpstream(cluster, edit: Self.olderUpstream)
                let before = try TakeoverSupport.snapshot(cluster)
                let upstreamSets = try TakeoverSupport.daemonSets(cluster)
                operators.append(try cluster.startOperator())

                // Upstream's Deployment runs and its Lease is live: only the status speaks.
                try await Eventually.that(timeout: .seconds(30), "the status to say NVIDIA's operator runs") {
                    try cluster.conditions()["Ready"]?.reason == "UpstreamOperatorRunning"
                }
                let message = try cluster.conditions()["Ready"]?.message ?? ""
                #expect(message.contains("Deployment gpu-operator/gpu-operator runs nvcr.io/nvidia/gpu-operator"), "\(message)")
                #expect(message.contains("Lease gpu-operator/53822513.nvidia.com is held by"), "\(message)")
                try await Task.sleep(for: .seconds(2))
                let during = try TakeoverSupport.snapshot(cluster)
                let written = before.keys.filter { during[$0]?.version != before[$0]?.version }.sorted()
                #expect(written.isEmpty, "nothing but the status is written while upstream runs: \(written)")

                // Upstream stops (its Deployment deleted, its Lease released).
                try cluster.kubectl(["delete", "deployment", "gpu-operator", "-n", Self.ns])
                try cluster.kubectl(["delete", "lease", "53822513.nvidia.com", "-n", Self.ns])
                let nodes = Set(try TakeoverSupport.gpuNodes(cluster))
                var mostMissing: [String: Int] = [:]
                try await Eventually.that(timeout: .seconds(150), interval: .milliseconds(200), "the takeover to finish") {
                    let ready = try TakeoverSupport.readyPods(cluster)
                    for app in Self.componentDaemonSets where app != "nvidia-driver-daemonset" && upstreamSets[app]?.desired ?? 0 > 0 {
                        mostMissing[app] = max(mostMissing[app] ?? 0, nodes.subtracting(ready[app] ?? []).count)
                    }
                    let sets = try TakeoverSupport.daemonSets(cluster)
                    let rolled = Self.componentDaemonSets.allSatisfy { name in
                        guard let set = sets[name] else { return false }
                        return set.updated == set.desired && set.ready == set.desired
                    }
                    let state = try cluster.policyState()
                    return rolled && state == "ready"
                }
                for (app, missing) in mostMissing.sorted(by: { $0.key < $1.key }) {
                    #expect(missing <= 1, "\(app): at most one node without a ready pod at a time, saw \(missing)")
                }

                let after = try TakeoverSupport.snapshot(cluster)
                let sets = try TakeoverSupport.daemonSets(cluster)
                #expect(Set(sets.keys) == Self.componentDaemonSets.union(["nvidia-sandbox-validator"]), "\(sets.keys.sorted())")
                let gone = before.keys.filter { after[$0] == nil && $0 != "Deployment/gpu-operator" }.sorted()
                #expect(gone.isEmpty, "nothing upstream left is gone: \(gone)")
                #expect(after["DaemonSet/gpu-feature-discovery"]?.uid != before["DaemonSet/gpu-feature-discovery"]?.uid, "GFD was replaced")
                #expect(after["DaemonSet/nvidia-operator-validator"]?.uid == before["DaemonSet/nvidia-operator-validator"]?.uid, "adopted in place")
                #expect(after["DaemonSet/nvidia-sandbox-validator"]?.uid == before["DaemonSet/nvidia-sandbox-validator"]?.uid, "the leftover is kept")
                let gfd = try cluster.json(["get", "daemonset", "gpu-feature-discovery", "-n", Self.ns])
                let selector = ((gfd["spec"] as? [String: Any])?["selector"] as? [String: Any])?["matchLabels"] as? [String: String]
                #expect(selector == ["app": "gpu-feature-discovery", "app.kubernetes.io/part-of": "nvidia-gpu"])
                let conditions = try cluster.conditions()
                #expect(conditions["ForeignObjects"]?.message.contains("DaemonSet gpu-operator/nvidia-sandbox-validator") == true)
                let reasons = try cluster.items(["get", "events", "-n", "default"]).compactMap { $0["reason"] as? String }
                #expect(reasons.contains("ObjectReplaced") && reasons.contains("ForeignObjectsKept"), "\(Set(reasons).sorted())")
                let pods = try cluster.items(["get", "pods", "-n", Self.ns, "-l", "app=gpu-feature-discovery"])
                #expect(pods.count == nodes.count, "one GFD pod per GPU node, no duplicates")
                await cluster.stop(operators)
            } catch {
                let logs = operators.map { $0.process.stderr.suffix(6000) }.joined(separator: "\n")
                await cluster.stop(operators)
                throw TestFailure("\(error)\n--- operator log (tail) ---\n\(logs)")
            }
        }

        @Test("the MIG manager runs only on MIG-capable nodes and the MPS daemon only on mps.capable ones; a failed MIG reconfiguration is named")
        func migAndMPSPlacement() async throws {
            let cluster = try await SimulatedCluster(gpuNodes: 3, cpuNodes: 1)
            var operators: [OperatorProcess] = []
            do {
                let nodes = try TakeoverSupport.gpuNodes(cluster)
                try cluster.kubectl(["label", "node", nodes[0], "nvidia.com/mig.capable=true"])
                try cluster.kubectl(["label", "node", nodes[1], "nvidia.com/mps.capable=true"])
                try cluster.applySample()
                operators.append(try cluster.startOperator())
                try await cluster.waitForState("ready", timeout: .seconds(60))
                let ready = try TakeoverSupport.readyPods(cluster)
                #expect(ready["nvidia-mig-manager"] == [nodes[0]])
                #expect(ready["nvidia-device-plugin-mps-control-daemon"] == [nodes[1]])

                try cluster.kubectl(["label", "node", nodes[0], "nvidia.com/mig.config.state=failed", "--overwrite"])
                try await Eventually.that(timeout: .seconds(20), "MIGManagerReady to name the failed node") {
                    let condition = try cluster.conditions()["MIGManagerReady"]
                    return condition?.status == "False" && condition?.message.contains("MIG reconfiguration failed on \(nodes[0])") == true
                }
                #expect(try cluster.policyState() == "notReady")
                try cluster.kubectl(["label", "node", nodes[0], "nvidia.com/mig.config.state=success", "--overwrite"])
                try await cluster.waitForState("ready", timeout: .seconds(20))
                await cluster.stop(operators)
            } catch {
                let logs = operators.map { $0.process.stderr.suffix(6000) }.joined(separator: "\n")
                await cluster.stop(operators)
                throw TestFailure("\(error)\n--- operator log (tail) ---\n\(logs)")
            }
        }
    }
}
