import KubeModels

extension KubeClient {
    /// Evicts a pod through the Eviction API (`POST …/pods/{name}/eviction`, `policy/v1`): the API
    /// server deletes it only if every PodDisruptionBudget selecting it allows a disruption.
    /// - Parameters:
    ///   - name: the pod.
    ///   - namespace: its namespace.
    ///   - gracePeriodSeconds: overrides the pod's own grace period when set.
    /// - Throws: ``KubeError``: `.tooManyRequests` when a PodDisruptionBudget refuses (never retried;
    ///   ``KubeError/causes`` name the budget), `.notFound` when the pod is gone.
    package func evict(pod name: String, namespace: String, gracePeriodSeconds: Int? = nil) async throws {
        var eviction: JSONValue = [
            "apiVersion": "policy/v1", "kind": "Eviction", "metadata": ["name": .string(name), "namespace": .string(namespace)],
        ]
        if let gracePeriodSeconds { eviction["deleteOptions"] = ["gracePeriodSeconds": .int(Int64(gracePeriodSeconds))] }
        var request = APIRequest(
            method: .post, path: APIRequest.objectPath(.pods, name: name, namespace: namespace, subresource: "eviction"),
            body: eviction.serialized(), contentType: "application/json")
        request.tooManyRequestsIsAnAnswer = true
        _ = try await send(request)
    }
}
