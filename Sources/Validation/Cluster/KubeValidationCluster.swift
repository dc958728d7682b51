import KubeClient
import KubeModels

/// ``ValidationCluster`` over the project's ``KubeClient``.
package struct KubeValidationCluster: ValidationCluster {
    /// The client.
    package var client: KubeClient

    /// Wraps a client.
    package init(client: KubeClient) { self.client = client }

    /// Reads the node.
    package func node(_ name: String) async throws(ValidationError) -> JSONValue {
        let node = try await call("read node \(name)") { try await client.get(.nodes, name: name) }
        guard let node else { throw .kubernetes(action: "read node \(name)", reason: "no such node") }
        return node
    }

    /// Reads the DaemonSet.
    package func daemonSet(_ name: String, namespace: String) async throws(ValidationError) -> JSONValue? {
        try await call("read DaemonSet \(namespace)/\(name)") { try await client.get(.daemonSets, name: name, namespace: namespace) }
    }

    /// Lists DaemonSets by label.
    package func daemonSets(namespace: String, labelSelector: String) async throws(ValidationError) -> [JSONValue] {
        try await call("list DaemonSets \(labelSelector) in \(namespace)") {
            try await client.list(.daemonSets, namespace: namespace, labelSelector: labelSelector).items
        }
    }

    /// Lists pods by selectors.
    package func pods(namespace: String?, labelSelector: String?, fieldSelector: String?) async throws(ValidationError) -> [JSONValue] {
        try await call("list pods in \(namespace ?? "all namespaces")") {
            try await client.list(.pods, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector).items
        }
    }

    /// Reads the pod.
    package func pod(_ name: String, namespace: String) async throws(ValidationError) -> JSONValue? {
        try await call("read pod \(namespace)/\(name)") { try await client.get(.pods, name: name, namespace: namespace) }
    }

    /// Creates the pod.
    package func createPod(_ pod: JSONValue, namespace: String) async throws(ValidationError) -> JSONValue {
        try await call("create a validation pod in \(namespace)") { try await client.create(.pods, pod, namespace: namespace) }
    }

    /// Deletes the pod in the background.
    package func deletePod(_ name: String, namespace: String) async throws(ValidationError) {
        _ = try await call("delete pod \(namespace)/\(name)") {
            try await client.delete(.pods, name: name, namespace: namespace, propagation: .background)
        }
    }

    private func call<T: Sendable>(_ action: String, _ body: () async throws -> T) async throws(ValidationError) -> T {
        do {
            return try await body()
        } catch {
            throw .kubernetes(action: action, reason: "\(error)")
        }
    }
}
