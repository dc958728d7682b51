import Foundation
import Testing

extension EndToEnd {
    /// Bad input through kubectl against kube-sim and the real operator: what the CRD schema can reject
    /// the API server rejects; what passes the schema but cannot be rendered turns the policy notReady
    /// with an Error condition naming the field, and the running objects stay as they were.
    @Suite("End to end: invalid policies") struct InvalidPolicyTests {
        @discardableResult
        private static func patch(_ cluster: SimulatedCluster, _ spec: String, check: Bool = true) throws -> (status: Int32, stderr: String) {
            let result = try cluster.kubectl(
                ["patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", #"{"spec":"# + spec + "}"], check: check)
            return (result.status, result.stderr)
        }

        /// Name and generation of every DaemonSet in the operator namespace.
        private static func daemonSets(_ cluster: SimulatedCluster) throws -> [String: Int] {
            var result: [String: Int] = [:]
            for item in try cluster.items(["get", "daemonsets", "-n", SimulatedCluster.namespace]) {
                let metadata = item["metadata"] as? [String: Any] ?? [:]
                result[metadata["name"] as? String ?? ""] = metadata["generation"] as? Int ?? -1
            }
            return result
        }

        @Test("the schema rejects at kubectl; an unrenderable policy is notReady naming the field and changes nothing")
        func rejectedOrReported() async throws {
            try await withOperatorCluster(gpuNodes: 2) { cluster, _ in
                try await cluster.waitForState("ready")
                let before = try Self.daemonSets(cluster)
                let rejected: [(String, String)] = [
                    (#"{"daemonsets":{"tolerations":[{"operator":"Sometimes"}]}}"#, "spec.daemonsets.tolerations[0].operator"),
                    (#"{"driver":{"env":[{"name":"MY VAR","value":"1"}]}}"#, "spec.driver.env[0].name"),
                    (#"{"daemonsets":{"priorityClassName":"Not_A_DNS_Name"}}"#, "spec.daemonsets.priorityClassName"),
                    (#"{"toolkit":{"imagePullPolicy":"always"}}"#, "spec.toolkit.imagePullPolicy"),
                    (#"{"dcgm":{"hostPort":-1}}"#, "spec.dcgm.hostPort"),
                ]
                for (spec, field) in rejected {
                    let result = try Self.patch(cluster, spec, check: false)
                    #expect(result.status != 0, "\(spec) was accepted")
                    #expect(result.stderr.contains(field), "\(result.stderr)")
                }

                try Self.patch(cluster, #"{"daemonsets":{"tolerations":[{"operator":"Exists","value":"x"}]}}"#)
                try await cluster.waitForState("notReady", timeout: .seconds(30))
                let error = try #require(try cluster.conditions()["Error"])
                #expect(error.status == "True")
                #expect(error.message.contains("spec.daemonsets.tolerations[0].value"), "\(error.message)")
                #expect(try Self.daemonSets(cluster) == before)

                try Self.patch(cluster, #"{"daemonsets":{"tolerations":null}}"#)
                try await cluster.waitForState("ready", timeout: .seconds(30))
                #expect(try Self.daemonSets(cluster) == before)
            }
        }
    }
}
