import Foundation

/// A `kube-sim` process, the real `kubectl` pointed at it, and the real `operator` binary: the
/// end-to-end test bench of DESIGN.md.
final class SimulatedCluster: Sendable {
    static let binaries: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if FileManager.default.isExecutableFile(atPath: beside.appendingPathComponent("kube-sim").path) { return beside }
        return root.appendingPathComponent(".build/debug")
    }()
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let namespace = "gpu-operator"

    let directory: URL
    let kubeconfig: String
    let sim: TestProcess
    let url: String

    /// Starts `kube-sim` with GPU and CPU nodes and waits until it serves.
    init(gpuNodes: Int, cpuNodes: Int = 1, podReadyDelay: String = "0.1s", extraArguments: [String] = []) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gpu-operator-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        kubeconfig = directory.appendingPathComponent("kubeconfig").path
        sim = try TestProcess(
            Self.binaries.appendingPathComponent("kube-sim"),
            [
                "serve", "--port", "0", "--kubeconfig-out", kubeconfig, "--gpu-nodes", String(gpuNodes), "--cpu-nodes", String(cpuNodes),
                "--pod-ready-delay", podReadyDelay,
            ] + extraArguments, name: "kube-sim")
        let line = try await sim.waitForLine(startingWith: "ready ", timeout: .seconds(30))
        url = String(line.dropFirst("ready ".count))
    }

    /// Stops every process and removes the temporary files.
    func stop(_ operators: [OperatorProcess] = []) async {
        for op in operators { await op.process.stop() }
        await sim.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs the real kubectl against the simulated cluster.
    @discardableResult
    func kubectl(_ arguments: [String], stdin: String? = nil, check: Bool = true) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["kubectl", "--kubeconfig", kubeconfig, "--request-timeout", "20s"] + arguments
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = (process.terminationStatus, String(decoding: stdoutData, as: UTF8.self), String(decoding: stderrData, as: UTF8.self))
        if check && result.0 != 0 { throw TestFailure("kubectl \(arguments.joined(separator: " ")) failed: \(result.2)") }
        return result
    }

    /// Runs kubectl and parses its JSON output.
    func json(_ arguments: [String]) throws -> [String: Any] {
        let output = try kubectl(arguments + ["-o", "json"]).stdout
        guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw TestFailure("kubectl \(arguments) did not print a JSON object")
        }
        return object
    }

    /// The items of a kubectl list.
    func items(_ arguments: [String]) throws -> [[String: Any]] {
        try json(arguments)["items"] as? [[String: Any]] ?? []
    }

    /// Names of the objects of a kind in the operator namespace (or cluster-wide for cluster kinds).
    func names(_ kind: String, namespaced: Bool = true) throws -> [String] {
        try items(["get", kind] + (namespaced ? ["-n", Self.namespace] : [])).compactMap { ($0["metadata"] as? [String: Any])?["name"] as? String }
            .sorted()
    }

    /// Calls KubeSim's admin API (`/kubesim/...`) through kubectl.
    @discardableResult
    func admin(_ method: String, _ path: String, body: String? = nil) throws -> String {
        switch method {
        case "GET": return try kubectl(["get", "--raw", path]).stdout
        case "POST": return try kubectl(["create", "--raw", path, "-f", "-"], stdin: body ?? "{}").stdout
        case "PUT": return try kubectl(["replace", "--raw", path, "-f", "-"], stdin: body ?? "{}").stdout
        case "DELETE": return try kubectl(["delete", "--raw", path]).stdout
        default: throw TestFailure("unsupported admin method \(method)")
        }
    }

    /// Request counts since the last reset: writes (create/update/patch/delete) and lists.
    func requestCounts() throws -> (writes: Int, lists: Int, byVerb: [String: Int]) {
        let text = try admin("GET", "/kubesim/stats")
        let stats = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        let byVerb = stats["byVerb"] as? [String: Int] ?? [:]
        let writes = ["create", "update", "patch", "delete", "deletecollection"].reduce(0) { $0 + (byVerb[$1] ?? 0) }
        return (writes, byVerb["list"] ?? 0, byVerb)
    }

    /// Resets KubeSim's request counts.
    func resetStats() throws { try admin("DELETE", "/kubesim/stats") }

    /// Installs the CRD and a sample ClusterPolicy with kubectl, as a user does.
    func applySample(_ sample: String = "samples/clusterpolicy.yaml") throws {
        try kubectl(["apply", "-f", Self.root.appendingPathComponent("config/crd/nvidia.com_clusterpolicies.yaml").path])
        try kubectl(["apply", "-f", Self.root.appendingPathComponent(sample).path])
    }

    /// Starts the operator binary against this cluster.
    func startOperator(_ extra: [String] = []) throws -> OperatorProcess {
        let process = try TestProcess(
            Self.binaries.appendingPathComponent("operator"),
            [
                "run", "--kubeconfig", kubeconfig, "--health-probe-bind-address", "127.0.0.1:0", "--metrics-bind-address", "127.0.0.1:0",
            ] + extra, environment: ["OPERATOR_NAMESPACE": Self.namespace], name: "operator")
        return OperatorProcess(process: process)
    }

    /// The `.status.state` of a ClusterPolicy as `kubectl get` prints it (the Status printer column).
    func policyState(_ name: String = "cluster-policy") throws -> String {
        let output = try kubectl(["get", "clusterpolicy", name, "--no-headers"], check: false).stdout
        let columns = output.split(separator: " ", omittingEmptySubsequences: true)
        return columns.count >= 3 ? String(columns[1]) : ""
    }

    /// The conditions of a ClusterPolicy by type: (status, reason, message).
    func conditions(_ name: String = "cluster-policy") throws -> [String: (status: String, reason: String, message: String)] {
        let status = try json(["get", "clusterpolicy", name])["status"] as? [String: Any] ?? [:]
        var result: [String: (String, String, String)] = [:]
        for condition in status["conditions"] as? [[String: Any]] ?? [] {
            result[condition["type"] as? String ?? ""] = (
                condition["status"] as? String ?? "", condition["reason"] as? String ?? "",
                condition["message"] as? String ?? ""
            )
        }
        return result
    }

    /// Waits until the policy's printed state is `state`.
    func waitForState(_ state: String, _ name: String = "cluster-policy", timeout: Duration = .seconds(60)) async throws {
        try await Eventually.that(timeout: timeout, "ClusterPolicy \(name) to be \(state)") { try self.policyState(name) == state }
    }
}

/// The operator binary running against a simulated cluster.
struct OperatorProcess: Sendable {
    let process: TestProcess
}
