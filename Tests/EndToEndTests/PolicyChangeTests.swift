import Foundation
import Testing

/// Acceptance 3, 5 and 6: the policy changes, a second one appears, the policy is deleted.
extension EndToEnd {
    @Suite("End to end: policy changes")
    struct PolicyChangeTests {
        @Test("a new devicePlugin.version rolls the DaemonSet; disabling dcgmExporter removes its objects; enabling returns them")
        func versionChangeAndToggle() async throws {
            try await withOperatorCluster(gpuNodes: 2, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                try cluster.kubectl([
                    "patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p",
                    #"{"spec":{"devicePlugin":{"repository":"nvcr.io/nvidia","image":"k8s-device-plugin","version":"v0.21.0"}}}"#,
                ])
                try await Eventually.that(timeout: .seconds(15), "device-plugin pods running v0.21.0") {
                    let pods = try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace, "-l", "app=nvidia-device-plugin-daemonset"])
                    let images = pods.compactMap { pod -> String? in
                        let spec = pod["spec"] as? [String: Any]
                        let containers = spec?["containers"] as? [[String: Any]] ?? []
                        return containers.first { $0["name"] as? String == "nvidia-device-plugin" }?["image"] as? String
                    }
                    return images.count == 2 && images.allSatisfy { $0 == "nvcr.io/nvidia/k8s-device-plugin:v0.21.0" }
                }
                try await cluster.waitForState("ready")

                try cluster.kubectl([
                    "patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", #"{"spec":{"dcgmExporter":{"enabled":false}}}"#,
                ])
                try await Eventually.that(timeout: .seconds(10), "dcgm-exporter objects gone") {
                    try !cluster.names("daemonsets").contains("nvidia-dcgm-exporter") && !cluster.names("services").contains("nvidia-dcgm-exporter")
                        && !cluster.names("serviceaccounts").contains("nvidia-dcgm-exporter")
                        && !cluster.names("roles").contains("nvidia-dcgm-exporter")
                }
                try await cluster.waitForState("ready")
                #expect(try cluster.conditions()["DCGMExporterReady"]?.reason == "Disabled")

                try cluster.kubectl([
                    "patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", #"{"spec":{"dcgmExporter":{"enabled":true}}}"#,
                ])
                try await Eventually.that(timeout: .seconds(10), "dcgm-exporter objects back") {
                    try cluster.names("daemonsets").contains("nvidia-dcgm-exporter") && cluster.names("services").contains("nvidia-dcgm-exporter")
                }
                try await cluster.waitForState("ready")
            }
        }

        @Test("a second ClusterPolicy is ignored with a reason naming the active one; the first stays ready")
        func secondPolicyIgnored() async throws {
            try await withOperatorCluster(gpuNodes: 1, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                try cluster.kubectl(
                    ["apply", "-f", "-"], stdin: "apiVersion: nvidia.com/v1\nkind: ClusterPolicy\nmetadata:\n  name: second-policy\nspec: {}\n")
                try await cluster.waitForState("ignored", "second-policy")
                let ready = try #require(try cluster.conditions("second-policy")["Ready"])
                #expect(ready.reason == "Ignored")
                #expect(ready.message.contains("cluster-policy"))
                #expect(try cluster.policyState() == "ready")
                #expect(!(try cluster.names("daemonsets").contains("nvidia-dcgm")), "the ignored policy's settings must not apply")
            }
        }

        @Test("deleting the ClusterPolicy removes every object it owned")
        func deletionRemovesEverything() async throws {
            try await withOperatorCluster(gpuNodes: 1, cpuNodes: 0) { cluster, _ in
                try await cluster.waitForState("ready")
                #expect(try !cluster.names("runtimeclasses", namespaced: false).isEmpty)
                try cluster.kubectl(["delete", "clusterpolicy", "cluster-policy"])
                try await Eventually.that(timeout: .seconds(15), "every owned object gone") {
                    let selector = ["-l", "app.kubernetes.io/managed-by=gpu-operator"]
                    for kind in ["daemonsets", "serviceaccounts", "roles", "rolebindings", "configmaps", "services"] {
                        if try !cluster.items(["get", kind, "-n", SimulatedCluster.namespace] + selector).isEmpty { return false }
                    }
                    for kind in ["clusterroles", "clusterrolebindings", "runtimeclasses"] {
                        if try !cluster.items(["get", kind] + selector).isEmpty { return false }
                    }
                    return try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace]).isEmpty
                }
            }
        }
    }
}
