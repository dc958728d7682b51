import Foundation
import KubeClient
import KubeModels

/// A ConfigMap-like model for tests (the real workload models live in main).
struct TestConfigMap: KubeResource, Hashable {
    static var resourceType: ResourceType { .configMaps }
    var apiVersion: String? = "v1"
    var kind: String? = "ConfigMap"
    var metadata: ObjectMeta
    var data: [String: String]?
}

/// A temporary folder removed when the value is discarded by `cleanUp()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "kubeclient-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ contents: String, executable: Bool = false) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: target, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target) }
        return target
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

/// Builds a `v1` ObjectList JSON of config maps.
func configMapList(_ names: [String], resourceVersion: String, continueToken: String? = nil) -> JSONValue {
    var metadata: [String: JSONValue] = ["resourceVersion": .string(resourceVersion)]
    if let continueToken { metadata["continue"] = .string(continueToken) }
    return [
        "apiVersion": "v1", "kind": "ConfigMapList", "metadata": .object(metadata),
        "items": .array(names.map { configMapJSON($0, resourceVersion: resourceVersion) }),
    ]
}

/// A config map as JSON.
func configMapJSON(
    _ name: String, namespace: String = "default", resourceVersion: String = "1",
    labels: [String: String] = [:]
) -> JSONValue {
    var metadata: [String: JSONValue] = [
        "name": .string(name), "namespace": .string(namespace), "resourceVersion": .string(resourceVersion),
    ]
    if !labels.isEmpty { metadata["labels"] = .object(labels.mapValues { .string($0) }) }
    return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(metadata)]
}

/// A watch line.
func watchLine(_ type: String, _ object: JSONValue) -> String {
    JSONValue.object(["type": .string(type), "object": object]).serializedString()
}

/// A client over a scripted transport, with an instant clock and fixed jitter.
func makeScriptedClient(
    _ transport: ScriptedTransport, configuration: ClientConfiguration? = nil,
    clock: any Clock<Duration> = InstantSleepClock(), dependencies: ClientDependencies? = nil
) -> KubeClient {
    var config = configuration ?? ClientConfiguration(server: "https://kube.test:6443", authentication: .bearerToken("t0k3n"))
    config.listPageSize = configuration?.listPageSize ?? 2
    return KubeClient(
        configuration: config, transport: transport, clock: clock,
        dependencies: dependencies ?? ClientDependencies(jitter: { 0.5 }))
}
