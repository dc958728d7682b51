import KubeModels

extension NodeFactory {
    /// The managedFields a realistic node carries: kubelet's registration (its labels and
    /// annotations) and status, NFD's labels and annotations (GFD's labels reach the node through
    /// nfd-master), kube-controller-manager's pod CIDR and TTL annotation, and node-problem-detector's
    /// conditions. Every entry is an `Update`, as these managers write.
    /// - Parameters:
    ///   - labels: every label of the node.
    ///   - nfd: the keys nfd-master owns (NFD's and GFD's).
    ///   - annotations: every annotation of the node.
    ///   - gpu: whether the node has GPUs (adds `nvidia.com/gpu` to the status fields).
    ///   - now: the time of every entry.
    static func managedFields(labels: [String: String], nfd: [String], annotations: [String: String], gpu: Bool, now: Timestamp) -> [JSONValue] {
        let nfdKeys = Set(nfd)
        let kubeletLabels = labels.keys.filter { !nfdKeys.contains($0) }
        let nfdAnnotations = annotations.keys.filter { $0.hasPrefix("nfd.node.kubernetes.io/") }
        let kubeletAnnotations = annotations.keys.filter { !$0.hasPrefix("nfd.node.kubernetes.io/") && $0 != "node.alpha.kubernetes.io/ttl" }
        let time = JSONValue.string(now.rfc3339)
        func entry(_ manager: String, subresource: String? = nil, _ fields: JSONValue) -> JSONValue {
            var value: JSONValue = [
                "manager": .string(manager), "operation": "Update", "apiVersion": "v1", "time": time, "fieldsType": "FieldsV1",
                "fieldsV1": fields,
            ]
            if let subresource { value["subresource"] = .string(subresource) }
            return value
        }
        var resources = ["f:attachable-volumes-aws-ebs", "f:cpu", "f:ephemeral-storage", "f:hugepages-1Gi", "f:hugepages-2Mi", "f:memory", "f:pods"]
        if gpu { resources.append("f:nvidia.com/gpu") }
        let resourceFields = set(resources)
        func conditions(_ types: [String]) -> JSONValue {
            var members: [String: JSONValue] = [".": [:]]
            for type in types {
                members[#"k:{"type":"\#(type)"}"#] = [
                    ".": [:], "f:lastHeartbeatTime": [:], "f:lastTransitionTime": [:], "f:message": [:], "f:reason": [:], "f:status": [:],
                    "f:type": [:],
                ]
            }
            return .object(members)
        }
        return [
            entry(
                "kubelet",
                [
                    "f:metadata": ["f:annotations": set(kubeletAnnotations.map { "f:" + $0 }), "f:labels": set(kubeletLabels.map { "f:" + $0 })],
                    "f:spec": ["f:providerID": [:]],
                ]),
            entry(
                "kube-controller-manager",
                [
                    "f:metadata": ["f:annotations": ["f:node.alpha.kubernetes.io/ttl": [:]]],
                    "f:spec": ["f:podCIDR": [:], "f:podCIDRs": [".": [:], #"v:"10.244.0.0/24""#: [:]]],
                ]),
            entry(
                "nfd-master",
                ["f:metadata": ["f:annotations": set(nfdAnnotations.map { "f:" + $0 }), "f:labels": set(nfd.map { "f:" + $0 })]]),
            entry(
                "kubelet", subresource: "status",
                [
                    "f:status": [
                        "f:allocatable": resourceFields, "f:capacity": resourceFields,
                        "f:conditions": conditions(["DiskPressure", "MemoryPressure", "PIDPressure", "Ready"]),
                        "f:images": [:], "f:nodeInfo": ["f:bootID": [:], "f:containerRuntimeVersion": [:], "f:kernelVersion": [:]],
                    ]
                ]),
            entry(
                "node-problem-detector", subresource: "status",
                [
                    "f:status": [
                        "f:conditions": conditions(["FrequentContainerdRestart", "FrequentKubeletRestart", "KernelDeadlock", "ReadonlyFilesystem"])
                    ]
                ]),
        ]
    }

    /// A fieldsV1 set: `{".": {}, "f:a": {}, ...}`.
    private static func set(_ keys: [String]) -> JSONValue {
        var members: [String: JSONValue] = [".": [:]]
        for key in keys { members[key] = [:] }
        return .object(members)
    }
}
