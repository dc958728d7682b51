import Foundation
import KubeModels
import KubeSim
import Logging

/// Starts a server for one test and stops it afterwards.
enum TestCluster {
    /// Runs `body` against a fresh server with `configure`d options (plain HTTP unless `tls`).
    static func with<T: Sendable>(
        tls: Bool = false, configure: (inout KubeSimOptions) -> Void = { _ in },
        _ body: (KubeSimServer, TestHTTPClient) async throws -> T
    ) async throws -> T {
        var options = KubeSimOptions()
        options.useTLS = tls
        options.podReadyDelay = .milliseconds(50)
        options.randomSeed = 42
        configure(&options)
        var logger = Logger(label: "kubesim-test")
        logger.logLevel = .warning
        let server = try await KubeSimServer.start(options, logger: logger)
        do {
            let result = try await body(server, try TestHTTPClient(server: server))
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Polls `condition` until it holds or `timeout` passes.
    /// - Returns: whether it held.
    static func eventually(timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }
}

/// Builders for test objects.
enum Fixtures {
    static func configMap(_ name: String, namespace: String = "default", labels: [String: String] = [:], data: [String: String] = [:]) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": JSONValue(stringMap: labels)],
            "data": JSONValue(stringMap: data),
        ]
    }

    static func daemonSet(
        _ name: String, namespace: String = "default", nodeSelector: [String: String] = [:], image: String = "busybox:1",
        strategy: JSONValue? = nil, initContainer: Bool = false
    ) -> JSONValue {
        var podSpec: JSONValue = ["containers": [["name": "main", "image": .string(image)]]]
        if !nodeSelector.isEmpty { podSpec["nodeSelector"] = JSONValue(stringMap: nodeSelector) }
        if initContainer { podSpec["initContainers"] = [["name": "init", "image": "busybox:1"]] }
        var spec: JSONValue = [
            "selector": ["matchLabels": ["app": .string(name)]],
            "template": ["metadata": ["labels": ["app": .string(name)]], "spec": podSpec],
        ]
        if let strategy { spec["updateStrategy"] = strategy }
        return ["apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": spec]
    }

    /// A namespaced CRD `widgets.example.com` with a schema, defaults, status subresource and
    /// printer columns.
    static let widgetCRD: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "widgets.example.com"],
        "spec": [
            "group": "example.com", "scope": "Namespaced",
            "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]],
            "versions": [
                [
                    "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                    "additionalPrinterColumns": [
                        ["name": "Size", "type": "integer", "jsonPath": ".spec.size"],
                        ["name": "State", "type": "string", "jsonPath": ".status.state"],
                        ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"],
                    ],
                    "schema": [
                        "openAPIV3Schema": [
                            "type": "object",
                            "properties": [
                                "spec": [
                                    "type": "object", "required": ["size"],
                                    "properties": [
                                        "size": ["type": "integer", "minimum": 1],
                                        "color": ["type": "string", "enum": ["red", "blue"], "default": "red"],
                                        "tags": ["type": "array", "items": ["type": "string"]],
                                    ],
                                ],
                                "status": ["type": "object", "properties": ["state": ["type": "string"]]],
                            ],
                        ]
                    ],
                ]
            ],
        ],
    ]

    static func widget(_ name: String, size: Int64, namespace: String = "default", extra: [String: JSONValue] = [:]) -> JSONValue {
        var spec: [String: JSONValue] = ["size": .int(size)]
        for (key, value) in extra { spec[key] = value }
        return [
            "apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": .object(spec),
        ]
    }
}
