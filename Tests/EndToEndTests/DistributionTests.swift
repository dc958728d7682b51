import Foundation
import Testing

/// Issue 14: the toolkit configured for each GPU node's distribution with no env in the policy.
extension EndToEnd {
    @Suite("End to end: distributions")
    struct DistributionTests {
        private static let toolkit = "nvidia-container-toolkit-daemonset"

        @Test("k3s GPU nodes get k3s' containerd paths and the status names the flavour; an RKE2 node joining splits the toolkit per flavour")
        func k3sThenRKE2() async throws {
            try await withOperatorCluster(gpuNodes: 0, cpuNodes: 1) { cluster, _ in
                for name in ["gpu-k3s-1", "gpu-k3s-2"] {
                    try cluster.admin(
                        "POST", "/kubesim/nodes", body: #"{"name": "\#(name)", "gpu": true, "distribution": "k3s", "containerdVersion": "2.0.2"}"#)
                }
                try await cluster.waitForState("ready")
                let k3s = try env(cluster, Self.toolkit)
                #expect(k3s["CONTAINERD_CONFIG"] == "/runtime/config-dir/config-v3.toml.tmpl")
                #expect(k3s["RUNTIME_CONFIG_SOURCE"] == "file=/host/var/lib/rancher/k3s/agent/etc/containerd/config.toml")
                let condition = try flavorCondition(cluster)
                #expect(condition?["reason"] as? String == "RuntimeDetected")
                #expect((condition?["message"] as? String)?.contains("k3s, containerd 2.0.2-k3s1 (2 node(s))") == true)

                try cluster.admin("POST", "/kubesim/nodes", body: #"{"name": "gpu-rke2-1", "gpu": true, "distribution": "rke2"}"#)
                try await Eventually.that(timeout: .seconds(30), "one toolkit DaemonSet per flavour") {
                    let names = try cluster.items(["get", "daemonsets", "-n", SimulatedCluster.namespace]).compactMap {
                        ($0["metadata"] as? [String: Any])?["name"] as? String
                    }.filter { $0.hasPrefix(Self.toolkit) }
                    return Set(names) == ["\(Self.toolkit)-k3s-containerd2", "\(Self.toolkit)-rke2-containerd1"]
                }
                try await cluster.waitForState("ready")
                #expect(try env(cluster, "\(Self.toolkit)-rke2-containerd1")["CONTAINERD_CONFIG"] == "/runtime/config-dir/config.toml.tmpl")
                #expect(try nodeLabel(cluster, "gpu-rke2-1") == "rke2-containerd1")
                let pods = try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "--field-selector", "spec.nodeName=gpu-rke2-1"])
                let owners = pods.compactMap {
                    (($0["metadata"] as? [String: Any])?["ownerReferences"] as? [[String: Any]])?.first?["name"] as? String
                }
                #expect(owners.contains("\(Self.toolkit)-rke2-containerd1") && !owners.contains("\(Self.toolkit)-k3s-containerd2"))
                let mixed = try flavorCondition(cluster)
                #expect(mixed?["reason"] as? String == "MixedRuntimeFlavors")
                #expect((mixed?["message"] as? String)?.contains("rke2, containerd 1.7.20-k3s1 on gpu-rke2-1") == true)
            }
        }

        private func env(_ cluster: SimulatedCluster, _ daemonSet: String) throws -> [String: String] {
            let ds = try cluster.json(["get", "daemonset", daemonSet, "-n", SimulatedCluster.namespace])
            let spec = ((ds["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
            let container = (spec?["containers"] as? [[String: Any]])?.first { $0["name"] as? String == "nvidia-container-toolkit-ctr" }
            var result: [String: String] = [:]
            for variable in container?["env"] as? [[String: Any]] ?? [] {
                if let name = variable["name"] as? String, let value = variable["value"] as? String { result[name] = value }
            }
            return result
        }

        private func flavorCondition(_ cluster: SimulatedCluster) throws -> [String: Any]? {
            let policy = try cluster.json(["get", "clusterpolicy", "cluster-policy"])
            let conditions = (policy["status"] as? [String: Any])?["conditions"] as? [[String: Any]] ?? []
            return conditions.first { $0["type"] as? String == "RuntimeFlavors" }
        }

        private func nodeLabel(_ cluster: SimulatedCluster, _ name: String) throws -> String? {
            ((try cluster.json(["get", "node", name])["metadata"] as? [String: Any])?["labels"] as? [String: String])?[
                "nvidia.com/gpu.runtime-flavor"]
        }
    }
}
