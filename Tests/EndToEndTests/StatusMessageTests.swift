import Foundation
import Testing

/// Acceptance 10: status says what is missing and where.
extension EndToEnd {
    @Suite("End to end: status messages")
    struct StatusMessageTests {
        @Test("a component condition names the node whose pod is not ready, with the pod's state")
        func namesTheStuckNode() async throws {
            try await withOperatorCluster(gpuNodes: 3, cpuNodes: 0, sample: nil) { cluster, _ in
                try cluster.admin("POST", "/kubesim/holds", body: #"{"node": "gpu-node-0002", "unready": true}"#)
                try cluster.applySample()
                let message = try await Eventually.value(timeout: .seconds(30), "a DriverReady message naming gpu-node-0002") {
                    let driver = try cluster.conditions()["DriverReady"]
                    return driver?.message.contains("gpu-node-0002") == true ? driver?.message : nil
                }
                #expect(message.hasPrefix("2/3 nodes ready; not ready: gpu-node-0002 ("))
                #expect(try cluster.policyState() == "notReady")
                #expect(try cluster.conditions()["Error"]?.reason == "OperandNotReady")

                try cluster.admin("POST", "/kubesim/holds", body: #"{"node": "gpu-node-0002", "unready": false}"#)
                try await cluster.waitForState("ready", timeout: .seconds(60))
            }
        }
    }
}
