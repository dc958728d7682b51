import KubeModels

/// Schemas of the building blocks several ClusterPolicy sections share.
enum CommonSchemas {
    static let quantityPattern =
        #"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$"#
    static let imageNamePattern = #"[a-zA-Z0-9\-]+"#
    /// What Kubernetes accepts as an environment variable name (`IsEnvVarName`).
    static let envVarNamePattern = #"^[-._a-zA-Z][-._a-zA-Z0-9]*$"#
    /// A label value: empty, or at most 63 letters, digits, `-`, `_` and `.` starting and ending alphanumeric.
    static let labelValuePattern = #"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"#
    /// A DNS-1123 subdomain (object names such as a PriorityClass), or empty.
    static let dnsSubdomainPattern = #"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$"#
    /// A label value schema.
    static let labelValue: JSONSchemaProps = {
        var schema = JSONSchemaProps(type: "string")
        schema.pattern = labelValuePattern
        schema.maxLength = 63
        return schema
    }()
    static let prometheusDurationPattern =
        #"^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$"#

    static let env = JSONSchemaProps.array(
        "Environment variables set on the container; an existing variable of the same name is overwritten in place.",
        of: .object(
            "One environment variable.",
            [
                "name": .string("Variable name: letters, digits, '-', '.' and '_', not starting with a digit.", pattern: envVarNamePattern),
                "value": .string("Literal value."),
            ], required: ["name"])
    )

    static let imagePullSecrets = JSONSchemaProps.stringArray("Names of Secrets in the operator namespace used to pull the image.")

    static let imagePullPolicy = JSONSchemaProps.string(
        "When to pull the image: Always, Never or IfNotPresent.", enum: ["Always", "Never", "IfNotPresent"])

    static let resources: JSONSchemaProps = {
        var quantity = JSONSchemaProps.intOrString("A resource quantity such as 500m or 1Gi.", pattern: quantityPattern)
        quantity.description = nil
        var limits = JSONSchemaProps(type: "object", description: "Upper bounds per resource name.")
        limits.additionalProperties = quantity
        var requests = JSONSchemaProps(type: "object", description: "Amounts reserved per resource name.")
        requests.additionalProperties = quantity
        return .object(
            "CPU and memory requests and limits for the component's containers.",
            [
                "limits": limits, "requests": requests,
            ])
    }()

    /// The image triple plus pull settings.
    static let imageProperties: [String: JSONSchemaProps] = [
        "repository": .string("Registry and path prefix of the image, e.g. nvcr.io/nvidia."),
        "image": .string("Image name; alone (without repository and version) it is used verbatim as a full reference.", pattern: imageNamePattern),
        "version": .string("Image tag, or a digest starting with sha256:."),
        "imagePullPolicy": imagePullPolicy,
        "imagePullSecrets": imagePullSecrets,
    ]

    /// The common component fields.
    static func componentProperties(enabledDefault: Bool, hasEnabled: Bool = true) -> [String: JSONSchemaProps] {
        var properties = imageProperties.merging([
            "resources": resources,
            "args": .stringArray("Replaces the main container's arguments when not empty."),
            "env": env,
            "hostNetwork": .bool("Run the component's pods in the host network namespace."),
        ]) { _, new in new }
        if hasEnabled { properties["enabled"] = .bool("Deploy this component (default \(enabledDefault)).") }
        return properties
    }

    /// A component section with the common fields plus `extra`.
    static func component(
        _ description: String, enabledDefault: Bool, hasEnabled: Bool = true, extra: [String: JSONSchemaProps] = [:],
        default defaultValue: JSONValue? = nil
    ) -> JSONSchemaProps {
        let properties = componentProperties(enabledDefault: enabledDefault, hasEnabled: hasEnabled)
        return .object(description, properties.merging(extra) { _, new in new }, default: defaultValue)
    }

    static let serviceMonitor = JSONSchemaProps.object(
        "A Prometheus-operator ServiceMonitor for this endpoint.",
        [
            "enabled": .bool("Create the ServiceMonitor (needs the monitoring.coreos.com CRD)."),
            "interval": .string("How often Prometheus scrapes, e.g. 15s.", pattern: prometheusDurationPattern),
            "scrapeTimeout": .string("Timeout of one scrape, e.g. 10s.", pattern: prometheusDurationPattern),
            "honorLabels": .bool("Keep the scraped series' labels when they clash with the target's."),
            "additionalLabels": .stringMap("Labels added to the ServiceMonitor, e.g. to match a Prometheus selector.", values: labelValue),
            "relabelings": .array(
                "Relabelling rules applied to the target before scraping.",
                of: .object(
                    "One relabelling rule.",
                    [
                        "sourceLabels": .stringArray("Labels whose values are joined and matched."),
                        "separator": .string("Separator placed between joined source label values."),
                        "targetLabel": .string("Label the result is written to."),
                        "regex": .string("Regular expression matched against the joined value."),
                        "modulus": .integer("Modulus for the hashmod action.", format: "int64"),
                        "replacement": .string("Replacement value; may reference regex groups."),
                        "action": .string(
                            "What to do with a match.",
                            enum: [
                                "replace", "Replace", "keep", "Keep", "drop", "Drop", "hashmod", "HashMod", "labelmap", "LabelMap",
                                "labeldrop", "LabelDrop", "labelkeep", "LabelKeep", "lowercase", "Lowercase", "uppercase", "Uppercase",
                                "keepequal", "KeepEqual", "dropequal", "DropEqual",
                            ], default: "replace"),
                    ])),
        ])

    static let driverManager = JSONSchemaProps.object(
        "The k8s-driver-manager init container that prepares a node for a driver (un)install.",
        imageProperties.merging(["env": env]) { _, new in new })

    static let toleration = JSONSchemaProps.object(
        "A toleration of a node taint.",
        [
            "key": .string("Taint key; empty with operator Exists matches every taint."),
            "operator": .string("Exists or Equal (default Equal).", enum: ["Equal", "Exists", ""]),
            "value": .string("Taint value to match with Equal."),
            "effect": .string(
                "Taint effect to match: NoSchedule, PreferNoSchedule or NoExecute; empty matches all.",
                enum: ["NoSchedule", "PreferNoSchedule", "NoExecute", ""]),
            "tolerationSeconds": .integer("How long a NoExecute taint is tolerated.", format: "int64"),
        ])

    static let namedConfig = JSONSchemaProps.object("A ConfigMap reference.", ["name": .string("ConfigMap name.")])

    static func envList(_ what: String) -> JSONSchemaProps {
        .object("Extra environment for the \(what) check.", ["env": env])
    }
}
