import Foundation
import Testing

extension EndToEnd {
    /// `operator run` with a configuration that cannot work exits 1 with one line saying what is wrong
    /// and what to check; an unreachable server is retried until `--startup-timeout`, then exit 1.
    @Suite("Start-up errors") struct StartupErrorTests {
        /// The kube-sim kubeconfig with its `users` entry's credential lines replaced by `credential`.
        private static func replacingCredential(_ kubeconfig: String, with credential: String) -> String {
            let kept = kubeconfig.split(separator: "\n", omittingEmptySubsequences: false).filter {
                !$0.hasPrefix("    client-certificate-data:") && !$0.hasPrefix("    client-key-data:") && !$0.hasPrefix("    token:")
            }
            return kept.joined(separator: "\n").replacingOccurrences(of: "  user:\n", with: "  user:\n" + credential)
        }

        /// The kubeconfig trusting `ca` (base64 PEM) instead of kube-sim's CA.
        private static func replacingCA(_ kubeconfig: String, with ca: String) -> String {
            kubeconfig.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix("    certificate-authority-data:") ? "    certificate-authority-data: \(ca)" : String(line)
            }.joined(separator: "\n")
        }

        private static func value(of field: String, in kubeconfig: String) -> String? {
            kubeconfig.split(separator: "\n").first { $0.hasPrefix("    \(field): ") }.map { String($0.dropFirst("    \(field): ".count)) }
        }

        /// Runs the operator with `kubeconfig` and returns its standard error once it exited (bounded wait).
        private static func exitLine(_ cluster: SimulatedCluster, kubeconfig: String?, extra: [String] = []) async throws -> String {
            var arguments = ["run", "--health-probe-bind-address", "127.0.0.1:0", "--metrics-bind-address", "127.0.0.1:0"] + extra
            if let kubeconfig { arguments += ["--kubeconfig", kubeconfig] }
            let process = try TestProcess(
                SimulatedCluster.binaries.appendingPathComponent("operator"), arguments,
                environment: ["OPERATOR_NAMESPACE": SimulatedCluster.namespace, "KUBECONFIG": "/nonexistent"], name: "operator")
            defer { process.kill() }
            try await Eventually.that(timeout: .seconds(45), "the operator exiting") { !process.isRunning }
            #expect(process.exitStatus == 1, "\(process.stderr)")
            let critical = process.stderr.split(separator: "\n").filter { $0.contains("critical") }
            #expect(critical.count == 1, "\(process.stderr)")
            return critical.first.map(String.init) ?? ""
        }

        /// Runs `body` against a fresh kube-sim, stopping it afterwards.
        private static func withCluster(_ body: (SimulatedCluster) async throws -> Void) async throws {
            let cluster = try await SimulatedCluster(gpuNodes: 0)
            do {
                try await body(cluster)
            } catch {
                await cluster.stop()
                throw error
            }
            await cluster.stop()
        }

        private static func write(_ text: String, _ name: String, in cluster: SimulatedCluster) throws -> String {
            let path = cluster.directory.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        @Test("a configuration that cannot work exits 1 with one line saying what to check")
        func configurationsThatCannotWork() async throws {
            try await Self.withCluster { cluster in
                let good = try String(contentsOfFile: cluster.kubeconfig, encoding: .utf8)
                let leaf = try #require(Self.value(of: "client-certificate-data", in: good))
                let exec = "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/false\n      interactiveMode: Never\n"
                let cases: [(String?, [String])] = [
                    // The client certificate is signed by kube-sim's CA but is no CA: the server certificate does not verify.
                    (
                        try Self.write(Self.replacingCA(good, with: leaf), "wrong-ca", in: cluster),
                        ["cannot connect securely", "certificate-authority"]
                    ),
                    (
                        try Self.write(Self.replacingCredential(good, with: "    token: 'not-a-valid-token'\n"), "bad-token", in: cluster),
                        ["401", "token"]
                    ),
                    (try Self.write(Self.replacingCredential(good, with: exec), "failing-exec", in: cluster), ["exec plugin"]),
                    (try Self.write("apiVersion: v1\nclusters: [ {\n", "malformed", in: cluster), ["kubeconfig"]),
                    (cluster.directory.appendingPathComponent("missing").path, ["kubeconfig"]),
                ]
                for (kubeconfig, phrases) in cases {
                    let line = try await Self.exitLine(cluster, kubeconfig: kubeconfig)
                    for phrase in phrases { #expect(line.contains(phrase), "\(kubeconfig ?? ""): \(line)") }
                }
            }
        }

        /// A free loopback port (bound, then released).
        private static func freePort() throws -> Int {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
                }
            }
            guard bound else { throw TestFailure("cannot find a free port") }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        @Test("a server that comes up during the start-up window is connected to after retries")
        func lateServerIsWaitedFor() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gpu-operator-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let port = try Self.freePort()
            let token = "late-server-token"
            let kubeconfig = directory.appendingPathComponent("kubeconfig").path
            try """
            apiVersion: v1
            kind: Config
            clusters:
            - name: late
              cluster:
                server: http://127.0.0.1:\(port)
            contexts:
            - name: late
              context: {cluster: late, user: late}
            current-context: late
            users:
            - name: late
              user:
                token: '\(token)'

            """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let op = try TestProcess(
                SimulatedCluster.binaries.appendingPathComponent("operator"),
                [
                    "run", "--kubeconfig", kubeconfig, "--health-probe-bind-address", "127.0.0.1:0", "--metrics-bind-address", "127.0.0.1:0",
                    "--startup-timeout", "120",
                ], environment: ["OPERATOR_NAMESPACE": SimulatedCluster.namespace], name: "operator")
            defer { op.kill() }
            try await Eventually.that(timeout: .seconds(30), "the operator retrying") {
                op.stderr.contains("could not read the Kubernetes version; retrying")
            }
            let sim = try TestProcess(
                SimulatedCluster.binaries.appendingPathComponent("kube-sim"), ["serve", "--http", "--port", String(port), "--token", token],
                name: "kube-sim")
            defer { sim.kill() }
            try await Eventually.that(timeout: .seconds(60), "the operator connecting") { op.stderr.contains("[Operator] connected") }
            #expect(op.isRunning, "\(op.stderr)")
            #expect(!op.stderr.contains("critical"), "\(op.stderr)")
        }

        @Test("an unreachable server is retried until --startup-timeout, then exit 1")
        func unreachableServerGivesUp() async throws {
            try await Self.withCluster { cluster in
                let good = try String(contentsOfFile: cluster.kubeconfig, encoding: .utf8)
                let server = try #require(good.split(separator: "\n").first { $0.hasPrefix("    server: ") })
                let closed = good.replacingOccurrences(of: String(server), with: "    server: https://127.0.0.1:1")
                let line = try await Self.exitLine(
                    cluster, kubeconfig: try Self.write(closed, "closed", in: cluster), extra: ["--startup-timeout", "2"])
                #expect(line.contains("within 2"), "\(line)")
                #expect(line.contains("check that the API server is up"), "\(line)")
            }
        }
    }
}
