import Foundation
import Testing

@Suite("The kube-sim executable", .enabled(if: KubectlAvailability.isAvailable, KubectlAvailability.skipReason))
struct KubeSimBinaryTests {
    /// The `kube-sim` binary built next to the test bundle.
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kube-sim").path
    }

    @Test("serve prints ready <url>, writes a kubeconfig kubectl can use, and stops cleanly on SIGTERM and SIGINT", arguments: [SIGTERM, SIGINT])
    func serve(signal: Int32) async throws {
        let binary = Self.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "kube-sim was not built at \(binary)")
        let runner = try CommandRunner(environment: ["HOME": NSTemporaryDirectory()])
        defer { runner.cleanUp() }
        let kubeconfig = runner.directory.appendingPathComponent("kubeconfig").path
        let server = try runner.start(
            binary,
            [
                "serve", "--port", "0", "--kubeconfig-out", kubeconfig, "--gpu-nodes", "2", "--cpu-nodes", "1",
                "--os", "rhel9.4", "--runtime", "cri-o", "--pod-ready-delay", "0.1s",
            ])
        let ready = try await TestCluster.eventually(timeout: .seconds(30)) { server.stdout.hasPrefix("ready https://127.0.0.1:") }
        #expect(ready, "stdout: \(server.stdout) stderr: \(server.stderr)")
        let nodes = try await runner.run(
            kubectlPath,
            [
                "--kubeconfig", kubeconfig, "--cache-dir", runner.directory.appendingPathComponent("cache").path,
                "get", "nodes", "-o",
                "custom-columns=N:.metadata.name,OS:.status.nodeInfo.osImage,RT:.status.nodeInfo.containerRuntimeVersion,ID:.metadata.labels.feature\\.node\\.kubernetes\\.io/system-os_release\\.ID",
                "--no-headers",
            ])
        #expect(nodes.status == 0, "\(nodes.stderr)")
        let rows = nodes.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(
            rows == [
                "cpu-node-0001 Red Hat Enterprise Linux 9.4 cri-o://1.30.4 rhel",
                "gpu-node-0001 Red Hat Enterprise Linux 9.4 cri-o://1.30.4 rhel",
                "gpu-node-0002 Red Hat Enterprise Linux 9.4 cri-o://1.30.4 rhel",
            ])
        server.signal(signal)
        let status = await server.wait(timeout: .seconds(20))
        #expect(status == 0, "stderr: \(server.stderr)")
        #expect(server.stderr.contains("kubesim stopped"))
    }
}
