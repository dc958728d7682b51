import Foundation
import Testing

/// Acceptance 8: a crash mid-rollout is harmless.
extension EndToEnd {
    @Suite("End to end: restarts")
    struct RestartTests {
        @Test("killing the operator mid-rollout and starting it again converges with no duplicates and no extra writes")
        func crashAndRestart() async throws {
            try await withOperatorCluster(gpuNodes: 3, cpuNodes: 1, podReadyDelay: "1s") { cluster, first in
                try await Eventually.that(timeout: .seconds(20), interval: .milliseconds(10), "the first DaemonSet applied") {
                    try !cluster.names("daemonsets").isEmpty
                }
                first.process.kill()
                let second = try cluster.startOperator()
                do {
                    try await cluster.waitForState("ready", timeout: .seconds(40))
                    #expect(try cluster.names("daemonsets") == Operands.defaultDaemonSets)
                    #expect(
                        try cluster.names("serviceaccounts").filter { $0.hasPrefix("nvidia") || $0.hasPrefix("gpu") }
                            == Operands.defaultServiceAccounts)
                    // Let the converged operator's last writes reach the server before it stops.
                    try await Task.sleep(for: .seconds(1))
                    await second.process.stop()
                    // A third start over the converged cluster must not write anything.
                    try cluster.resetStats()
                    let third = try cluster.startOperator()
                    try await Eventually.that(timeout: .seconds(20), "third operator synced") { third.process.stderr.contains("caches synced") }
                    // Observation window after the caches synced: a restart over a converged cluster writes nothing.
                    try await Task.sleep(for: .seconds(3))
                    let counts = try cluster.requestCounts()
                    await third.process.stop()
                    #expect(counts.writes == 0, "writes after restart: \(counts.byVerb)")
                    #expect(try cluster.policyState() == "ready")
                } catch {
                    await second.process.stop()
                    throw error
                }
            }
        }
    }
}
