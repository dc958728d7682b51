import KubeModels

/// The ClusterPolicy CustomResourceDefinition, generated from the schema in this module.
///
/// `config/crd/nvidia.com_clusterpolicies.yaml` is this object printed by `operator crd`; a test keeps
/// the checked-in file identical.
package enum ClusterPolicyCRD {
    /// The CRD's name.
    package static let name = "clusterpolicies.nvidia.com"

    /// Revision of the schema the operator carries; the operator upgrades a served CRD whose revision
    /// annotation is missing or lower. Bump it whenever the schema changes (a test enforces this).
    package static let schemaRevision = 3

    /// Annotation carrying ``schemaRevision`` on the CRD.
    package static let revisionAnnotation = "nvidia.com/gpu-operator-schema-revision"

    /// The schema of a ClusterPolicy object (`openAPIV3Schema`).
    package static let schema: JSONSchemaProps = .object(
        "ClusterPolicy declares the NVIDIA GPU software stack the operator deploys on the cluster's GPU nodes.",
        [
            "apiVersion": .string("Versioned schema of this object."),
            "kind": .string("Kind of this object."),
            "metadata": JSONSchemaProps(type: "object"),
            "spec": specSchema,
            "status": statusSchema,
        ])

    /// The schema of `spec`.
    package static let specSchema: JSONSchemaProps = .object(
        "The desired GPU stack.",
        [
            "operator": SpecSchemas.operator,
            "daemonsets": SpecSchemas.daemonsets,
            "driver": SpecSchemas.driver,
            "toolkit": SpecSchemas.toolkit,
            "devicePlugin": SpecSchemas.devicePlugin,
            "dcgmExporter": SpecSchemas.dcgmExporter,
            "dcgm": SpecSchemas.dcgm,
            "nodeStatusExporter": OtherSpecSchemas.nodeStatusExporter,
            "gfd": OtherSpecSchemas.gfd,
            "mig": OtherSpecSchemas.mig,
            "migManager": OtherSpecSchemas.migManager,
            "psp": OtherSpecSchemas.psp,
            "psa": OtherSpecSchemas.psa,
            "validator": SpecSchemas.validator,
            "gds": OtherSpecSchemas.sidecar("GPUDirect Storage (nvidia-fs)"),
            "gdrcopy": OtherSpecSchemas.sidecar("GDRCopy (gdrdrv)"),
            "sandboxWorkloads": OtherSpecSchemas.sandboxWorkloads,
            "vfioManager": OtherSpecSchemas.vfioManager,
            "sandboxDevicePlugin": OtherSpecSchemas.sandboxDevicePlugin,
            "vgpuManager": OtherSpecSchemas.vgpuManager,
            "vgpuDeviceManager": OtherSpecSchemas.vgpuDeviceManager,
            "ccManager": OtherSpecSchemas.ccManager,
            "kataManager": OtherSpecSchemas.kataManager,
            "kataSandboxDevicePlugin": OtherSpecSchemas.kataSandboxDevicePlugin,
            "cdi": OtherSpecSchemas.cdi,
            "hostPaths": OtherSpecSchemas.hostPaths,
        ])

    /// The schema of `status`.
    package static let statusSchema: JSONSchemaProps = {
        var conditions = JSONSchemaProps.array(
            "Ready and Error, plus one condition per component (DriverReady, ToolkitReady, ...).",
            of: .object(
                "One observed condition.",
                [
                    "type": {
                        var type = JSONSchemaProps.string(
                            "Condition type in CamelCase.",
                            pattern:
                                #"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"#)
                        type.maxLength = 316
                        return type
                    }(),
                    "status": .string("True, False or Unknown.", enum: ["True", "False", "Unknown"]),
                    "observedGeneration": .integer("The spec generation the condition was computed from.", format: "int64", minimum: 0),
                    "lastTransitionTime": {
                        var time = JSONSchemaProps.string("When the status last changed.")
                        time.format = "date-time"
                        return time
                    }(),
                    "reason": {
                        var reason = JSONSchemaProps.string(
                            "Machine-readable reason in CamelCase.", pattern: #"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$"#)
                        reason.minLength = 1
                        reason.maxLength = 1024
                        return reason
                    }(),
                    "message": {
                        var message = JSONSchemaProps.string("What is missing and where, for people.")
                        message.maxLength = 32768
                        return message
                    }(),
                ],
                required: ["type", "status", "lastTransitionTime", "reason", "message"]))
        conditions.listType = "map"
        conditions.listMapKeys = ["type"]
        return .object(
            "The observed state of the GPU stack.",
            [
                "state": .string("ready, notReady, or ignored (another ClusterPolicy is active).", enum: ["ignored", "ready", "notReady"]),
                "namespace": .string("The namespace the operands run in."),
                "observedGeneration": .integer("The spec generation this status describes.", format: "int64"),
                "conditions": conditions,
            ], required: ["state"])
    }()

    /// The whole CRD object.
    package static var object: JSONValue {
        get throws {
            let version: JSONValue = [
                "name": "v1",
                "served": true,
                "storage": true,
                "subresources": ["status": [:]],
                "additionalPrinterColumns": [
                    ["name": "Status", "type": "string", "jsonPath": ".status.state"],
                    ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"],
                ],
                "schema": ["openAPIV3Schema": try JSONValue(encoding: schema)],
            ]
            return [
                "apiVersion": "apiextensions.k8s.io/v1",
                "kind": "CustomResourceDefinition",
                "metadata": [
                    "name": .string(name),
                    "annotations": [.init(stringLiteral: revisionAnnotation): .string(String(schemaRevision))],
                    "labels": ["app.kubernetes.io/name": "gpu-operator", "app.kubernetes.io/part-of": "swift-gpu-operator"],
                ],
                "spec": [
                    "group": "nvidia.com",
                    "names": [
                        "kind": "ClusterPolicy", "listKind": "ClusterPolicyList", "plural": "clusterpolicies",
                        "singular": "clusterpolicy",
                    ],
                    "scope": "Cluster",
                    "versions": [version],
                ],
            ]
        }
    }
}
