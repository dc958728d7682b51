import KubeModels

/// The Kubernetes calls the checks make, as untyped objects.
package protocol ValidationCluster: Sendable {
    /// Reads a node.
    /// - Throws: ``ValidationError/kubernetes(action:reason:)``, also when it does not exist.
    func node(_ name: String) async throws(ValidationError) -> JSONValue
    /// Reads a DaemonSet, `nil` when it does not exist.
    func daemonSet(_ name: String, namespace: String) async throws(ValidationError) -> JSONValue?
    /// Lists DaemonSets by label.
    func daemonSets(namespace: String, labelSelector: String) async throws(ValidationError) -> [JSONValue]
    /// Lists pods by label and field selectors (`namespace` nil: every namespace).
    func pods(namespace: String?, labelSelector: String?, fieldSelector: String?) async throws(ValidationError) -> [JSONValue]
    /// Reads a pod, `nil` when it does not exist.
    func pod(_ name: String, namespace: String) async throws(ValidationError) -> JSONValue?
    /// Creates a pod.
    /// - Returns: the pod as stored (with its generated name).
    func createPod(_ pod: JSONValue, namespace: String) async throws(ValidationError) -> JSONValue
    /// Deletes a pod at once (grace period 0, background propagation); a missing pod is no error.
    func deletePod(_ name: String, namespace: String) async throws(ValidationError)
}

extension ValidationCluster {
    /// Whether a DaemonSet labelled `app.kubernetes.io/component=nvidia-driver` with a ClusterPolicy
    /// or NVIDIADriver controller exists in the namespace: the driver is then the operator's
    /// containerized one.
    package func driverManagedByOperator(namespace: String) async throws(ValidationError) -> Bool {
        let sets = try await daemonSets(namespace: namespace, labelSelector: "app.kubernetes.io/component=nvidia-driver")
        return sets.contains { set in
            (set[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).contains { owner in
                owner["controller"]?.boolValue == true && (owner["apiVersion"]?.stringValue ?? "").hasPrefix("nvidia.com/")
                    && ["ClusterPolicy", "NVIDIADriver"].contains(owner["kind"]?.stringValue ?? "")
            }
        }
    }
}
