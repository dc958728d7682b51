import Foundation
import Testing

/// The operator installs and upgrades its CRD, and more than one replica is safe (leader election).
extension EndToEnd {
    @Suite("End to end: installation")
    struct InstallationTests {
        static let revisionAnnotation = "nvidia.com/gpu-operator-schema-revision"

        /// The CRD as checked in.
        static func checkedInCRD() throws -> String {
            try String(contentsOf: SimulatedCluster.root.appendingPathComponent("config/crd/nvidia.com_clusterpolicies.yaml"), encoding: .utf8)
        }

        /// The schema revision the checked-in CRD (and so the operator) carries.
        static func currentRevision() throws -> String {
            let prefix = "\(revisionAnnotation): '"
            let line = try #require(try checkedInCRD().split(separator: "\n").first { $0.contains(prefix) })
            return String(try #require(line.split(separator: "'").dropFirst().first))
        }

        /// The CRD as checked in, with its schema revision annotation set to `revision`.
        static func crd(revision: String) throws -> String {
            let current = try currentRevision()
            return try checkedInCRD().replacingOccurrences(
                of: "\(revisionAnnotation): '\(current)'", with: "\(revisionAnnotation): '\(revision)'")
        }

        func servedRevision(_ cluster: SimulatedCluster) throws -> String? {
            let crd = try cluster.json(["get", "crd", "clusterpolicies.nvidia.com"])
            return ((crd["metadata"] as? [String: Any])?["annotations"] as? [String: String])?[Self.revisionAnnotation]
        }

        @Test("with no CRD installed, the operator installs it and a policy applied afterwards becomes ready")
        func installsMissingCRD() async throws {
            try await withOperatorCluster(gpuNodes: 1, cpuNodes: 0, sample: nil) { cluster, _ in
                try await Eventually.that(timeout: .seconds(30), "the CRD to be installed") {
                    try cluster.kubectl(["get", "crd", "clusterpolicies.nvidia.com"], check: false).status == 0
                }
                try await Eventually.that(timeout: .seconds(30), "the ClusterPolicy kind to be served") {
                    try cluster.kubectl(
                        ["apply", "-f", SimulatedCluster.root.appendingPathComponent("samples/clusterpolicy.yaml").path], check: false
                    ).status == 0
                }
                try await cluster.waitForState("ready")
            }
        }

        @Test("an older served CRD is upgraded at start")
        func upgradesOlderCRD() async throws {
            let cluster = try await SimulatedCluster(gpuNodes: 1, cpuNodes: 0)
            var operators: [OperatorProcess] = []
            do {
                try cluster.kubectl(["apply", "-f", "-"], stdin: try Self.crd(revision: "0"))
                #expect(try servedRevision(cluster) == "0")
                operators.append(try cluster.startOperator())
                let current = try Self.currentRevision()
                try await Eventually.that(timeout: .seconds(30), "the CRD upgraded to revision \(current)") {
                    try servedRevision(cluster) == current
                }
                await cluster.stop(operators)
            } catch {
                await cluster.stop(operators)
                throw error
            }
        }

        @Test("with --no-install-crd an outdated CRD keeps the policy not ready, and the condition says why")
        func outdatedCRDIsReported() async throws {
            let cluster = try await SimulatedCluster(gpuNodes: 1, cpuNodes: 0)
            var operators: [OperatorProcess] = []
            do {
                try cluster.kubectl(["apply", "-f", "-"], stdin: try Self.crd(revision: "0"))
                try cluster.kubectl(["apply", "-f", SimulatedCluster.root.appendingPathComponent("samples/clusterpolicy.yaml").path])
                operators.append(try cluster.startOperator(["--no-install-crd"]))
                try await cluster.waitForState("notReady")
                let error = try #require(try cluster.conditions()["Error"])
                #expect(error.reason == "ReconcileFailed")
                #expect(error.message.contains("schema revision 0"))
                #expect(try servedRevision(cluster) == "0")
                #expect(try cluster.names("daemonsets").isEmpty, "nothing is deployed from a policy the served schema may have pruned")
                await cluster.stop(operators)
            } catch {
                await cluster.stop(operators)
                throw error
            }
        }

        @Test("two replicas with --leader-elect: one reconciles; when it dies the other takes over")
        func leaderFailover() async throws {
            let cluster = try await SimulatedCluster(gpuNodes: 1, cpuNodes: 0)
            var operators: [OperatorProcess] = []
            do {
                // Installed with config/default, the operator's namespace exists before it starts.
                try cluster.kubectl(["create", "namespace", SimulatedCluster.namespace])
                try cluster.applySample()
                let first = try cluster.startOperator(["--leader-elect"])
                operators.append(first)
                try await cluster.waitForState("ready")
                let second = try cluster.startOperator(["--leader-elect"])
                operators.append(second)
                try await Eventually.that(timeout: .seconds(10), "the second replica to start") { second.process.stderr.contains("connected") }
                // An observation window longer than the lease retry period: the standby must stay a standby.
                try await Task.sleep(for: .seconds(3))
                #expect(first.process.stderr.contains("became leader"))
                #expect(!second.process.stderr.contains("became leader"), "a standby must not reconcile while the leader renews")
                first.process.kill()
                try cluster.kubectl(["delete", "daemonset", "-n", SimulatedCluster.namespace, "gpu-feature-discovery", "--wait=false"])
                try await Eventually.that(timeout: .seconds(40), "the standby to become leader") { second.process.stderr.contains("became leader") }
                try await Eventually.that(timeout: .seconds(20), "the new leader to restore the DaemonSet") {
                    try cluster.names("daemonsets").contains("gpu-feature-discovery")
                }
                await cluster.stop(operators)
            } catch {
                await cluster.stop(operators)
                throw error
            }
        }
    }
}
