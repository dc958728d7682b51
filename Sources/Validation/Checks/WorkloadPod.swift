import KubeModels

/// The validation workload pods (pure): pinned to this node, with the validator DaemonSet's
/// tolerations and owner references, our image and its pull settings, and the previous pod of the
/// same kind deleted first by the check.
package enum WorkloadPod {
    /// The label value of the CUDA validation pod (`app=nvidia-cuda-validator`).
    package static let cudaApp = "nvidia-cuda-validator"
    /// The label value of the plugin validation pod (`app=nvidia-device-plugin-validator`).
    package static let pluginApp = "nvidia-device-plugin-validator"
    /// The validator DaemonSet the pods take tolerations and owners from.
    package static let validatorDaemonSet = "nvidia-operator-validator"

    /// Builds a workload pod.
    /// - Parameters:
    ///   - app: ``cudaApp`` or ``pluginApp``.
    ///   - config: node, namespace, image settings.
    ///   - daemonSet: the live validator DaemonSet.
    ///   - gpuResource: a resource the workload requests one of (the plugin check), or `nil`.
    package static func build(app: String, config: ValidationConfig, daemonSet: JSONValue, gpuResource: String?) -> JSONValue {
        let image = JSONValue.string(config.workloadImage)
        let pullPolicy = JSONValue.string(config.workloadPullPolicy ?? "IfNotPresent")
        var workload: JSONValue = [
            "name": app == cudaApp ? "cuda-validation" : "plugin-validation",
            "image": image, "imagePullPolicy": pullPolicy,
            "command": ["nvidia-validator"],
            "env": [
                ["name": "COMPONENT", "value": "cuda-workload"],
                ["name": "NVIDIA_VISIBLE_DEVICES", "value": .string(gpuResource == nil ? "all" : "void")],
                ["name": "NVIDIA_DRIVER_CAPABILITIES", "value": "compute,utility"],
            ],
            "securityContext": ["allowPrivilegeEscalation": false],
            "terminationMessagePolicy": "FallbackToLogsOnError",
        ]
        if let gpuResource {
            // The device plugin chooses the GPU; the runtime must not add every GPU.
            workload["env"] = [["name": "COMPONENT", "value": "cuda-workload"], ["name": "NVIDIA_DRIVER_CAPABILITIES", "value": "compute,utility"]]
            workload["resources"] = ["limits": .object([gpuResource: "1"]), "requests": .object([gpuResource: "1"])]
        }
        let done = app == cudaApp ? "cuda workload validation is successful" : "device-plugin workload validation is successful"
        var spec: JSONValue = [
            "nodeName": .string(config.nodeName),
            // A failed workload stays Failed with its reason; the validator's init container retries.
            "restartPolicy": "Never",
            "initContainers": [workload],
            "containers": [
                [
                    "name": .string(app), "image": image, "imagePullPolicy": pullPolicy,
                    "command": ["sh", "-c"], "args": [.string("echo \(done)")],
                    "securityContext": ["allowPrivilegeEscalation": false],
                ]
            ],
            "tolerations": daemonSet[path: ["spec", "template", "spec", "tolerations"]] ?? [],
        ]
        if let runtimeClass = config.workloadRuntimeClass { spec["runtimeClassName"] = .string(runtimeClass) }
        if !config.workloadPullSecrets.isEmpty {
            spec["imagePullSecrets"] = .array(config.workloadPullSecrets.map { ["name": .string($0)] })
        }
        var metadata: JSONValue = [
            "generateName": .string(app + "-"), "namespace": .string(config.namespace), "labels": ["app": .string(app)],
        ]
        if let owners = daemonSet[path: ["metadata", "ownerReferences"]] { metadata["ownerReferences"] = owners }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec]
    }

    /// Why a pod failed: its status message, else a terminated container's message or reason.
    package static func failureReason(_ pod: JSONValue) -> String {
        let status = pod["status"]
        var parts: [String] = []
        for key in ["initContainerStatuses", "containerStatuses"] {
            for container in status?[key]?.arrayValue ?? [] {
                guard let terminated = container[path: ["state", "terminated"]], (terminated["exitCode"]?.intValue ?? 0) != 0 else { continue }
                let name = container["name"]?.stringValue ?? "?"
                let message = terminated["message"]?.stringValue?.trimmingWhitespace ?? ""
                let reason = terminated["reason"]?.stringValue ?? "Error"
                parts.append("\(name): " + (message.isEmpty ? "\(reason), exit code \(terminated["exitCode"]?.intValue ?? 0)" : message))
            }
        }
        if parts.isEmpty, let message = status?["message"]?.stringValue, !message.isEmpty { parts.append(message) }
        return parts.isEmpty ? "phase Failed" : parts.joined(separator: "; ")
    }
}
