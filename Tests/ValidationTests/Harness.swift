import Foundation
import KubeClient
import KubeModels
import KubeSim
import Logging
import TestSupport
import Testing
import Validation

/// Temporary directories with fake host roots and `nvidia-smi` scripts, and contexts wired to them.
struct Harness {
    /// The scratch directory (removed by ``cleanUp()``).
    let root: String
    /// Where status files go.
    var output: String { root + "/validations" }
    /// The fake host root (as mounted in the validator container).
    var host: String { root + "/host" }
    /// The fake containerized driver root.
    var driverRoot: String { root + "/driver" }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("validator-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/validations", withIntermediateDirectories: true)
    }

    /// Removes the scratch directory.
    func cleanUp() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Writes an executable shell script.
    func script(_ path: String, _ body: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// Writes a plain file.
    func file(_ path: String, _ contents: String = "") throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A file's contents, `nil` when missing.
    func read(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// The validator's environment for this scratch directory.
    func environment(_ component: String, _ extra: [String: String] = [:]) -> [String: String] {
        [
            "COMPONENT": component, "OUTPUT_DIR": output, "HOST_ROOT_CTR_PATH": host, "DRIVER_INSTALL_DIR_CTR_PATH": driverRoot,
            "HOST_DEV_CHAR_PATH": root + "/dev-char", "NODE_NAME": "gpu-node-0001", "OPERATOR_NAMESPACE": "gpu-operator",
            "VALIDATOR_IMAGE": "ghcr.io/swift-gpu-operator/operator:test",
        ].merging(extra) { _, new in new }
    }

    /// A context on real files and processes (the host's `nvidia-smi` run directly, not through chroot).
    func context(
        _ component: String, _ extra: [String: String] = [:], cluster: (any ValidationCluster)? = nil, time: TimeSource = .continuous
    ) throws -> ValidationContext {
        ValidationContext(
            config: try ValidationConfig(environment: environment(component, extra)), files: LocalFileSystem(),
            runner: ProcessCommandRunner(), cluster: cluster, time: time, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
            chrootIntoHost: false, modulesFile: root + "/modules")
    }
}

/// An in-process KubeSim with the validator DaemonSet, and a client on a manual clock.
struct SimulatedCluster {
    let server: InProcessAPIServer
    let clock: ManualClock
    let client: KubeClient

    init(gpuNodes: Int = 1) async throws {
        var options = KubeSimOptions()
        options.gpuNodes = gpuNodes
        options.podReadyDelay = .zero
        server = await InProcessAPIServer(options, logger: Logger(label: "kubesim", factory: { _ in SwiftLogNoOpLogHandler() }))
        clock = ManualClock()
        client = InProcessTransport.client(server, clock: clock, retry: .never)
        _ = try await client.create(.namespaces, ["metadata": ["name": "gpu-operator"]])
        let owner = try await client.create(.configMaps, ["metadata": ["name": "owner", "namespace": "gpu-operator"]])
        let uid = owner[path: ["metadata", "uid"]] ?? ""
        _ = try await client.create(
            .daemonSets,
            [
                "metadata": [
                    "name": "nvidia-operator-validator", "namespace": "gpu-operator",
                    "ownerReferences": [["apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": uid, "controller": true]],
                ],
                "spec": [
                    "selector": ["matchLabels": ["app": "nvidia-operator-validator"]],
                    "template": [
                        "metadata": ["labels": ["app": "nvidia-operator-validator"]],
                        "spec": [
                            "nodeSelector": ["no-such-label": "true"],
                            "tolerations": [["key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"]],
                            "containers": [["name": "validator", "image": "validator"]],
                        ],
                    ],
                ],
            ])
    }

    /// The cluster as the checks see it.
    var validationCluster: KubeValidationCluster { KubeValidationCluster(client: client) }

    /// Drives a check that waits on the manual clock: each round lets the simulated kubelet act, then
    /// moves time by `step` once the check sleeps, until the check finishes.
    func drive<T: Sendable>(step: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await body() }
        let driver = Task {
            for _ in 0..<200 {
                await server.runControllers(now: .now + .seconds(3600))
                await server.runControllers(now: .now + .seconds(7200))
                guard await clock.waitForSleepers() else { return }
                clock.advance(by: step)
            }
        }
        defer { driver.cancel() }
        return try await task.value
    }
}
