import Foundation
import Testing

/// Issue 14: `--dry-run` against a live cluster, read-only, with `--diff` and `--plan`.
extension EndToEnd {
    @Suite("End to end: live dry run")
    struct LiveDryRunTests {
        /// The sample policy with a device-plugin env var and another driver version.
        static let changed = """
            apiVersion: nvidia.com/v1
            kind: ClusterPolicy
            metadata:
              name: cluster-policy
            spec:
              mig:
                strategy: single
              dcgm:
                enabled: false
              devicePlugin:
                env:
                  - name: DRY_RUN_DEMO
                    value: "1"
              driver:
                repository: nvcr.io/nvidia
                image: driver
                version: "580.95.05"
            """

        @Test(
            "converged: exit 0 and nothing to show; a changed policy: the diff shows exactly the changed objects, the plan the nodes and GPU pods, and no write reaches the server"
        )
        func diffAndPlan() async throws {
            try await withOperatorCluster(gpuNodes: 2, cpuNodes: 1) { cluster, op in
                try await cluster.waitForState("ready")
                // Stopped, so every request counted from here on is the dry runs'.
                await op.process.stop()
                let gpuJob =
                    #"{"spec": {"nodeName": "gpu-node-0001", "containers": [{"name": "c", "image": "busybox", "resources": {"limits": {"nvidia.com/gpu": "1"}}}]}}"#
                try cluster.kubectl(["run", "training", "--image=busybox", "--overrides=\(gpuJob)"])
                let file = cluster.directory.appendingPathComponent("changed.yaml")
                try Self.changed.write(to: file, atomically: true, encoding: .utf8)
                try cluster.resetStats()

                let unchanged = try await dryRun(
                    cluster, [SimulatedCluster.root.appendingPathComponent("samples/clusterpolicy.yaml").path, "--diff", "--plan"])
                #expect(unchanged.status == 0, "\(unchanged.stderr)")
                #expect(unchanged.stdout.contains("Objects: 0 to create, 0 to update, 0 to delete"))

                let diff = try await dryRun(cluster, [file.path, "--diff"])
                #expect(diff.status == 2, "\(diff.stderr)")
                let changedFiles = diff.stdout.split(separator: "\n").filter { $0.hasPrefix("+++ ") }
                #expect(
                    changedFiles == [
                        "+++ rendered/apps.v1.DaemonSet.gpu-operator.nvidia-driver-daemonset",
                        "+++ rendered/apps.v1.DaemonSet.gpu-operator.nvidia-device-plugin-daemonset",
                    ])
                #expect(diff.stdout.contains("+          value: '1'") || diff.stdout.contains("+          value: \"1\""))
                #expect(diff.stdout.contains("-        image: nvcr.io/nvidia/driver:595.91.07-ubuntu22.04"))

                let plan = try await dryRun(cluster, [file.path, "--plan"])
                #expect(plan.status == 2)
                #expect(plan.stdout.contains("Nodes: 2 of 2 affected"))
                #expect(plan.stdout.contains("evict GPU pods default/training"))
                #expect(plan.stdout.contains("pulls nvcr.io/nvidia/driver:580.95.05-ubuntu22.04"))
                #expect(plan.stdout.contains("rolling restart of nvidia-device-plugin-daemonset pod"))

                #expect(try cluster.requestCounts().writes == 0, "the dry runs wrote to the cluster")
                #expect(try cluster.policyState() == "ready")
            }
        }

        @Test("an unreachable cluster is an error (exit 1) naming what failed, not a diff")
        func unreachable() async throws {
            try await withOperatorCluster(gpuNodes: 1, cpuNodes: 0, sample: nil) { cluster, _ in
                let kubeconfig = cluster.directory.appendingPathComponent("nowhere.yaml")
                try (try String(contentsOfFile: cluster.kubeconfig, encoding: .utf8)).replacingOccurrences(
                    of: cluster.url, with: "https://127.0.0.1:1"
                )
                .write(to: kubeconfig, atomically: true, encoding: .utf8)
                let result = try await dryRun(
                    cluster, [SimulatedCluster.root.appendingPathComponent("samples/clusterpolicy.yaml").path, "--diff"], kubeconfig: kubeconfig.path)
                #expect(result.status == 1)
                #expect(result.stderr.contains("cannot read the cluster (read-only dry run)"))
                #expect(result.stdout.isEmpty)
            }
        }

        private func dryRun(
            _ cluster: SimulatedCluster, _ arguments: [String], kubeconfig: String? = nil
        ) async throws -> (
            status: Int32, stdout: String, stderr: String
        ) {
            let process = try TestProcess(
                SimulatedCluster.binaries.appendingPathComponent("operator"),
                ["--dry-run", "--kubeconfig", kubeconfig ?? cluster.kubeconfig, "-f"] + arguments,
                environment: ["OPERATOR_NAMESPACE": SimulatedCluster.namespace], name: "operator --dry-run")
            try await Eventually.that(timeout: .seconds(60), "the dry run to finish") { !process.isRunning }
            return (process.exitStatus, process.stdout, process.stderr)
        }
    }
}
