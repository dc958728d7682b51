import Foundation
import KubeSim
import Testing

/// Issue 12: 1,000 nodes added, removed and relabelled at random while the operator runs; afterwards
/// every node's labels are what the labelling rules say and the operand pods match. The churn lasts
/// 60 s under `.ci/run` (`CI=true`) and 15 s otherwise.
extension EndToEnd {
    @Suite("End to end: node churn")
    struct ChurnTests {
        static var churnSeconds: Int { ProcessInfo.processInfo.environment["CI"] == "true" ? 60 : 15 }

        /// What the test did to one node.
        struct NodeState {
            var gpu: Bool
            var operandsOff = false
        }

        @Test("1,000 nodes churned at random: labels follow the rules and operand pods match, for every node")
        func churn() async throws {
            try await withOperatorCluster(gpuNodes: 600, cpuNodes: 400, podReadyDelay: "0s") { cluster, _ in
                try await cluster.waitForState("ready", timeout: .seconds(120))
                var nodes: [String: NodeState] = [:]
                for index in 1...600 { nodes[String(format: "gpu-node-%04d", index)] = NodeState(gpu: true) }
                for index in 1...400 { nodes[String(format: "cpu-node-%04d", index)] = NodeState(gpu: false) }
                var random = SeededGenerator(seed: 0xC4_0121)
                let deadline = ContinuousClock.now + .seconds(Self.churnSeconds)
                var operations = 0
                var added = 0
                while ContinuousClock.now < deadline {
                    let names = nodes.keys.sorted()
                    let name = names[Int(random.next() % UInt64(names.count))]
                    switch random.next() % 4 {
                    case 0:
                        added += 1
                        let gpu = random.next() % 2 == 0
                        let new = "churn-node-\(added)"
                        try cluster.admin("POST", "/kubesim/nodes", body: #"{"name": "\#(new)", "gpu": \#(gpu)}"#)
                        nodes[new] = NodeState(gpu: gpu)
                    case 1:
                        try cluster.admin("DELETE", "/kubesim/nodes/\(name)")
                        nodes[name] = nil
                    case 2:
                        // Re-registered with the other GPU flag: NFD's PCI label appears or goes. Re-registering
                        // replaces the node's labels, the operands switch included.
                        let gpu = !(nodes[name]?.gpu ?? false)
                        try cluster.admin("POST", "/kubesim/nodes", body: #"{"name": "\#(name)", "gpu": \#(gpu)}"#)
                        nodes[name] = NodeState(gpu: gpu)
                    default:
                        let off = !(nodes[name]?.operandsOff ?? false)
                        try cluster.kubectl([
                            "label", "node", name, off ? "nvidia.com/gpu.deploy.operands=false" : "nvidia.com/gpu.deploy.operands-", "--overwrite",
                        ])
                        nodes[name]?.operandsOff = off
                    }
                    operations += 1
                }
                // kubectl drives the churn, so a loaded machine runs fewer operations; one a second is the floor.
                #expect(operations >= Self.churnSeconds, "only \(operations) churn operations ran in \(Self.churnSeconds) s")
                var mismatches: [String] = []
                let settled = ContinuousClock.now + .seconds(120)
                repeat {
                    mismatches = try Self.mismatches(cluster, expected: nodes)
                    if mismatches.isEmpty { break }
                    try await Task.sleep(for: .seconds(1))
                } while ContinuousClock.now < settled
                #expect(mismatches.isEmpty, "\(mismatches.count) differences after \(operations) operations, e.g. \(mismatches.prefix(10))")
                try await cluster.waitForState("ready", timeout: .seconds(60))
            }
        }

        /// Nodes whose labels or operand pods differ from what the rules give for what was done to them.
        static func mismatches(_ cluster: SimulatedCluster, expected: [String: NodeState]) throws -> [String] {
            var problems: [String] = []
            var podsByNode: [String: Int] = [:]
            for pod in try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace]) {
                let spec = pod["spec"] as? [String: Any] ?? [:]
                let metadata = pod["metadata"] as? [String: Any] ?? [:]
                guard metadata["deletionTimestamp"] == nil, let node = spec["nodeName"] as? String else { continue }
                podsByNode[node, default: 0] += 1
            }
            var seen: Set<String> = []
            for node in try cluster.items(["get", "nodes"]) {
                let metadata = node["metadata"] as? [String: Any] ?? [:]
                let name = metadata["name"] as? String ?? ""
                let labels = metadata["labels"] as? [String: String] ?? [:]
                seen.insert(name)
                guard let state = expected[name] else {
                    problems.append("\(name) exists but was removed")
                    continue
                }
                let present = labels["nvidia.com/gpu.present"]
                if present != (state.gpu ? "true" : nil) && !(present == "false" && !state.gpu) {
                    problems.append("\(name): gpu.present=\(present ?? "unset"), GPU \(state.gpu)")
                }
                let deploys = labels.keys.filter { $0.hasPrefix("nvidia.com/gpu.deploy.") && $0 != "nvidia.com/gpu.deploy.operands" }
                let wantsOperands = state.gpu && !state.operandsOff
                if wantsOperands == deploys.isEmpty { problems.append("\(name): \(deploys.count) deploy labels, operands wanted \(wantsOperands)") }
                let pods = podsByNode[name] ?? 0
                if pods != (wantsOperands ? Operands.podsPerGPUNode : 0) {
                    problems.append("\(name): \(pods) operand pods, operands wanted \(wantsOperands)")
                }
            }
            for name in expected.keys where !seen.contains(name) { problems.append("\(name) is missing") }
            for (node, count) in podsByNode where expected[node] == nil { problems.append("\(count) operand pods on removed node \(node)") }
            return problems.sorted()
        }
    }
}
