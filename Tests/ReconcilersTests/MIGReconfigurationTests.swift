import Testing

@testable import Reconcilers

/// What the MIG manager's condition says about the nodes it reconfigures (the manager writes
/// `nvidia.com/mig.config.state`).
@Suite("MIG reconfiguration states in the status")
struct MIGReconfigurationTests {
    static let state = "nvidia.com/mig.config.state"

    @Test("failed and in-progress nodes are named, failed first, with what to do; success and unlabelled nodes are not")
    func summary() throws {
        let nodes: [(name: String, labels: [String: String])] = [
            ("gpu-b", [Self.state: "failed"]), ("gpu-a", [Self.state: "failed"]), ("gpu-c", [Self.state: "pending"]),
            ("gpu-d", [Self.state: "rebooting"]), ("gpu-e", [Self.state: "success"]), ("gpu-f", [:]),
        ]
        let message = try #require(MIGReconfiguration.summary(of: nodes))
        #expect(message.hasPrefix("MIG reconfiguration failed on gpu-a, gpu-b: read the nvidia-mig-manager pod's log"))
        #expect(message.contains("set nvidia.com/mig.config to a layout its GPUs support"))
        #expect(message.hasSuffix("MIG reconfiguration in progress on gpu-c, gpu-d (GPU operands there are paused)"))
        #expect(MIGReconfiguration.summary(of: [("gpu-e", [Self.state: "success"]), ("gpu-f", [:])]) == nil)
    }

    @Test("a long list is cut after five names")
    func longList() throws {
        let nodes = (1...8).map { (name: "gpu-\($0)", labels: [Self.state: "pending"]) }
        let message = try #require(MIGReconfiguration.summary(of: nodes))
        #expect(message.contains("gpu-1, gpu-2, gpu-3, gpu-4, gpu-5 and 3 more"))
    }
}
