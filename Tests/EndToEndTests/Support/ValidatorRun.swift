import Foundation

/// One run of the real `operator` binary invoked as `nvidia-validator` (a symlink, as in the image)
/// against a simulated cluster, with upstream's environment.
struct ValidatorRun {
    let status: Int32
    let stderr: String
    /// What the validator wrote as its termination message, if anything.
    let terminationMessage: String?
    /// The status files present afterwards.
    let statusFiles: [String]

    /// Runs one check and waits (bounded) for it to exit.
    static func run(_ cluster: SimulatedCluster, component: String, environment: [String: String] = [:]) async throws -> ValidatorRun {
        let directory = cluster.directory.appendingPathComponent("validator-\(UUID().uuidString)")
        let output = directory.appendingPathComponent("validations")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let link = directory.appendingPathComponent("nvidia-validator")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: SimulatedCluster.binaries.appendingPathComponent("operator"))
        let termination = directory.appendingPathComponent("termination-log")
        let base = [
            "COMPONENT": component, "NODE_NAME": "gpu-node-0001", "OPERATOR_NAMESPACE": SimulatedCluster.namespace, "OUTPUT_DIR": output.path,
            "SLEEP_INTERVAL_SECONDS": "1", "KUBECONFIG": cluster.kubeconfig, "VALIDATOR_IMAGE": "ghcr.io/swift-gpu-operator/operator:0.1.0",
        ]
        let process = try TestProcess(
            link, ["--termination-message-path", termination.path], environment: base.merging(environment) { _, new in new }, name: "nvidia-validator"
        )
        try await Eventually.that(timeout: .seconds(60), "nvidia-validator \(component) to exit") { !process.isRunning }
        return ValidatorRun(
            status: process.exitStatus, stderr: process.stderr,
            terminationMessage: try? String(contentsOf: termination, encoding: .utf8),
            statusFiles: (try FileManager.default.contentsOfDirectory(atPath: output.path)).sorted())
    }
}
