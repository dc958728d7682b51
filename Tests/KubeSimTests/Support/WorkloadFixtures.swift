import KubeModels
import KubeSim

/// Builders for workload pods, PodDisruptionBudgets and Evictions.
enum WorkloadFixtures {
    /// A pod bound to `node` (Pending without one), optionally controlled by an owner of `ownerKind`.
    static func pod(
        _ name: String, node: String? = "gpu-node-0001", labels: [String: String] = ["app": "web"], annotations: [String: String] = [:],
        ownerKind: String? = nil, ownerUID: String = "11111111-2222-3333-4444-555555555555", namespace: String = "default"
    ) -> JSONValue {
        var metadata: JSONValue = ["name": .string(name), "namespace": .string(namespace), "labels": JSONValue(stringMap: labels)]
        if !annotations.isEmpty { metadata["annotations"] = JSONValue(stringMap: annotations) }
        if let ownerKind {
            let apiVersion = ownerKind == "Job" ? "batch/v1" : "apps/v1"
            metadata["ownerReferences"] = [
                [
                    "apiVersion": .string(apiVersion), "kind": .string(ownerKind), "name": "owner", "uid": .string(ownerUID), "controller": true,
                ]
            ]
        }
        var spec: JSONValue = ["containers": [["name": "main", "image": "busybox:1"]]]
        if let node { spec["nodeName"] = .string(node) }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec]
    }

    /// A `policy/v1` PodDisruptionBudget selecting `selector`.
    static func budget(
        _ name: String, selector: [String: String] = ["app": "web"], minAvailable: JSONValue? = nil, maxUnavailable: JSONValue? = nil,
        namespace: String = "default"
    ) -> JSONValue {
        var spec: JSONValue = ["selector": ["matchLabels": JSONValue(stringMap: selector)]]
        if let minAvailable { spec["minAvailable"] = minAvailable }
        if let maxUnavailable { spec["maxUnavailable"] = maxUnavailable }
        return [
            "apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": spec,
        ]
    }

    /// An Eviction of a pod.
    static func eviction(
        _ name: String, apiVersion: String = "policy/v1", namespace: String = "default", deleteOptions: JSONValue? = nil
    ) -> JSONValue {
        var eviction: JSONValue = [
            "apiVersion": .string(apiVersion), "kind": "Eviction", "metadata": ["name": .string(name), "namespace": .string(namespace)],
        ]
        if let deleteOptions { eviction["deleteOptions"] = deleteOptions }
        return eviction
    }
}
