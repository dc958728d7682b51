import Foundation
import KubeClient
import KubeModels
import Testing

/// Opt-in benchmark: one merge patch per node for 5,000 nodes (what node labelling does on first
/// convergence), under the client's default flow control.
@Suite("KubeClient labelling benchmark", .serialized, .enabled(if: ProcessInfo.processInfo.environment["KUBECLIENT_BENCH"] == "1"))
struct KubeClientLabelBenchmarks {
    @Test("label 5,000 nodes with default flow control")
    func labelNodes() async throws {
        try await KubeClientBenchmarks.withClient(pageSize: 500) { client in
            let names = try await client.list(Node.self).items.compactMap(\.metadata.name)
            let start = ContinuousClock.now
            let patched = try await withThrowingTaskGroup(of: Int.self) { group in
                var inFlight = 0
                var done = 0
                for name in names {
                    if inFlight >= 128 {
                        done += try await group.next() ?? 0
                        inFlight -= 1
                    }
                    group.addTask {
                        _ = try await client.patch(
                            Node.self, name: name,
                            patch: .merge(["metadata": ["labels": ["nvidia.com/gpu.deploy.driver": "true"]]]))
                        return 1
                    }
                    inFlight += 1
                }
                for try await one in group { done += one }
                return done
            }
            let elapsed = start.duration(to: .now)
            #expect(patched == names.count)
            KubeClientBenchmarks.report(
                "label-nodes",
                [
                    "nodes": "\(patched)", "totalMs": KubeClientBenchmarks.milliseconds(elapsed),
                    "patchesPerSecond": String(format: "%.0f", Double(patched) / elapsed.inSeconds),
                    "maximumConcurrentRequests": "\(client.configuration.flowControl.maximumConcurrentRequests)",
                    "qps": String(format: "%.0f", client.configuration.flowControl.queriesPerSecond),
                ])
        }
    }
}
