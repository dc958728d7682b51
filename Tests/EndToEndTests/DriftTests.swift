import Foundation
import Testing

/// Acceptance 4: what someone deletes or edits by hand comes back as declared.
extension EndToEnd {
    @Suite("End to end: drift")
    struct DriftTests {
        @Test("a deleted DaemonSet is recreated within 1 s; an edited image is reverted")
        func deletionAndEditRepaired() async throws {
            try await withOperatorCluster(gpuNodes: 2, cpuNodes: 0) { cluster, op in
                try await cluster.waitForState("ready")
                try cluster.kubectl(["delete", "daemonset", "-n", SimulatedCluster.namespace, "nvidia-device-plugin-daemonset", "--wait=false"])
                let recreated = try await Eventually.that(timeout: .seconds(10), interval: .milliseconds(20), "DaemonSet recreated") {
                    try cluster.names("daemonsets").contains("nvidia-device-plugin-daemonset")
                }
                #expect(recreated < .seconds(1), "recreated after \(recreated)")

                try cluster.kubectl([
                    "set", "image", "-n", SimulatedCluster.namespace, "daemonset/gpu-feature-discovery",
                    "gpu-feature-discovery=example.com/not-ours:1",
                ])
                try await Eventually.that(timeout: .seconds(10), "image reverted") {
                    let ds = try cluster.json(["get", "daemonset", "-n", SimulatedCluster.namespace, "gpu-feature-discovery"])
                    let containers =
                        ((ds["spec"] as? [String: Any])?["template"] as? [String: Any]).flatMap {
                            ($0["spec"] as? [String: Any])?["containers"] as? [[String: Any]]
                        } ?? []
                    return containers.first?["image"] as? String == "nvcr.io/nvidia/k8s-device-plugin:v0.20.0"
                }
                let events = try cluster.kubectl(["get", "events", "-n", "default", "--field-selector", "reason=ObjectReverted"]).stdout
                #expect(events.contains("gpu-feature-discovery"))
            }
        }
    }
}
