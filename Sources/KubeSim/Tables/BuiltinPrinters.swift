import KubeModels

/// The column sets of the real API server's built-in printers for the kinds KubeSim serves.
package enum BuiltinPrinters {
    /// The columns for a built-in kind (Name and Age for kinds without a dedicated printer).
    package static func columns(forKind kind: String) -> [TableColumn] {
        switch kind {
        case "Node": return node
        case "Pod": return pod
        case "DaemonSet": return daemonSet
        case "Deployment": return deployment
        case "Namespace": return [.name, .text("Status", ["status", "phase"]), .age]
        case "ConfigMap": return [.name, dataCount("Data", "data"), .age]
        case "Secret": return [.name, .text("Type", ["type"]), dataCount("Data", "data"), .age]
        case "ServiceAccount": return [.name, .age]
        case "Service": return service
        case "ControllerRevision": return controllerRevision
        case "PodDisruptionBudget": return podDisruptionBudget
        case "Role": return [.name, createdAt]
        case "RoleBinding": return [.name, roleRef, .age]
        case "ClusterRoleBinding": return [.name, roleRef, .age]
        case "RuntimeClass": return [.name, .text("Handler", ["handler"]), .age]
        case "Lease": return [.name, .text("Holder", ["spec", "holderIdentity"]), .age]
        case "Event": return event
        case "CustomResourceDefinition": return [.name, createdAt]
        default: return [.name, .age]
        }
    }

    /// A `Created At` timestamp column.
    static let createdAt = TableColumn("Created At", type: "date") { object, _ in object["metadata"]?["creationTimestamp"] ?? .null }

    /// The `Role` column of bindings (`Kind/name`).
    static let roleRef = TableColumn("Role") { object, _ in
        .string("\(object["roleRef"]?["kind"]?.stringValue ?? "")/\(object["roleRef"]?["name"]?.stringValue ?? "")")
    }

    /// A column counting the entries of a data map.
    static func dataCount(_ name: String, _ field: String) -> TableColumn {
        TableColumn(name, type: "integer") { object, _ in
            .int(Int64((object[field]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0)))
        }
    }

    /// The Node printer.
    static let node: [TableColumn] = [
        .name,
        TableColumn("Status") { object, _ in
            let ready = object["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
            var status = ready?["status"]?.stringValue == "True" ? "Ready" : (ready == nil ? "Unknown" : "NotReady")
            if object["spec"]?["unschedulable"]?.boolValue == true { status += ",SchedulingDisabled" }
            return .string(status)
        },
        TableColumn("Roles") { object, _ in
            let roles = (object["metadata"]?["labels"]?.members ?? [:]).keys.compactMap { key -> String? in
                key.hasPrefix("node-role.kubernetes.io/") ? String(key.dropFirst("node-role.kubernetes.io/".count)) : nil
            }.sorted()
            return .string(roles.isEmpty ? "<none>" : roles.joined(separator: ","))
        },
        .age,
        .text("Version", ["status", "nodeInfo", "kubeletVersion"]),
        TableColumn("Internal-IP", priority: 1) { object, _ in address(object, "InternalIP") },
        TableColumn("External-IP", priority: 1) { object, _ in address(object, "ExternalIP") },
        .text("OS-Image", ["status", "nodeInfo", "osImage"], priority: 1),
        .text("Kernel-Version", ["status", "nodeInfo", "kernelVersion"], priority: 1),
        .text("Container-Runtime", ["status", "nodeInfo", "containerRuntimeVersion"], priority: 1),
    ]

    /// A node address of one type, or `<none>`.
    static func address(_ node: JSONValue, _ type: String) -> JSONValue {
        .string(node["status"]?["addresses"]?.arrayValue?.first { $0["type"]?.stringValue == type }?["address"]?.stringValue ?? "<none>")
    }

    /// The Pod printer.
    static let pod: [TableColumn] = [
        .name,
        TableColumn("Ready") { object, _ in
            let statuses = object["status"]?["containerStatuses"]?.arrayValue ?? []
            let total = object["spec"]?["containers"]?.arrayValue?.count ?? 0
            return .string("\(statuses.filter { $0["ready"]?.boolValue == true }.count)/\(total)")
        },
        TableColumn("Status") { object, _ in .string(PodStatusPrinter.reason(object)) },
        TableColumn("Restarts", type: "string") { object, _ in
            let statuses = (object["status"]?["containerStatuses"]?.arrayValue ?? []) + (object["status"]?["initContainerStatuses"]?.arrayValue ?? [])
            return .string(String(statuses.reduce(Int64(0)) { $0 + ($1["restartCount"]?.intValue ?? 0) }))
        },
        .age,
        .text("IP", ["status", "podIP"], priority: 1),
        .text("Node", ["spec", "nodeName"], priority: 1),
        .text("Nominated Node", ["status", "nominatedNodeName"], priority: 1),
        TableColumn("Readiness Gates", priority: 1) { _, _ in "<none>" },
    ]

    /// The DaemonSet printer.
    static let daemonSet: [TableColumn] = [
        .name,
        .integer("Desired", ["status", "desiredNumberScheduled"]),
        .integer("Current", ["status", "currentNumberScheduled"]),
        .integer("Ready", ["status", "numberReady"]),
        .integer("Up-to-date", ["status", "updatedNumberScheduled"]),
        .integer("Available", ["status", "numberAvailable"]),
        TableColumn("Node Selector") { object, _ in
            let selector = object["spec"]?["template"]?["spec"]?["nodeSelector"]?.stringMap ?? [:]
            return .string(selector.isEmpty ? "<none>" : selector.keys.sorted().map { "\($0)=\(selector[$0]!)" }.joined(separator: ","))
        },
        .age,
        TableColumn("Containers", priority: 1) { object, _ in containers(object, "name") },
        TableColumn("Images", priority: 1) { object, _ in containers(object, "image") },
        TableColumn("Selector", priority: 1) { object, _ in
            let labels = object["spec"]?["selector"]?["matchLabels"]?.stringMap ?? [:]
            return .string(labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }.joined(separator: ","))
        },
    ]

    /// The comma-separated container names or images of a pod template.
    static func containers(_ object: JSONValue, _ field: String) -> JSONValue {
        let list = object["spec"]?["template"]?["spec"]?["containers"]?.arrayValue ?? []
        return .string(list.compactMap { $0[field]?.stringValue }.joined(separator: ","))
    }

    /// The Deployment printer.
    static let deployment: [TableColumn] = [
        .name,
        TableColumn("Ready") { object, _ in
            .string("\(object["status"]?["readyReplicas"]?.intValue ?? 0)/\(object["spec"]?["replicas"]?.intValue ?? 1)")
        },
        .integer("Up-to-date", ["status", "updatedReplicas"]),
        .integer("Available", ["status", "availableReplicas"]),
        .age,
    ]

    /// The Service printer.
    static let service: [TableColumn] = [
        .name,
        .text("Type", ["spec", "type"]),
        .text("Cluster-IP", ["spec", "clusterIP"]),
        TableColumn("External-IP") { _, _ in "<none>" },
        TableColumn("Port(s)") { object, _ in
            let ports = object["spec"]?["ports"]?.arrayValue ?? []
            let text = ports.map { "\($0["port"]?.intValue ?? 0)/\($0["protocol"]?.stringValue ?? "TCP")" }.joined(separator: ",")
            return .string(text.isEmpty ? "<none>" : text)
        },
        .age,
    ]

    /// The ControllerRevision printer.
    static let controllerRevision: [TableColumn] = [
        .name,
        TableColumn("Controller") { object, _ in
            let owner = object["metadata"]?["ownerReferences"]?.arrayValue?.first { $0["controller"]?.boolValue == true }
            guard let owner else { return "<none>" }
            let group = (owner["apiVersion"]?.stringValue ?? "").split(separator: "/").first.map(String.init) ?? ""
            return .string("\(owner["kind"]?.stringValue?.lowercased() ?? "").\(group)/\(owner["name"]?.stringValue ?? "")")
        },
        .integer("Revision", ["revision"]),
        .age,
    ]

    /// The Event printer.
    static let event: [TableColumn] = [
        TableColumn("Last Seen") { object, now in
            let time =
                (object["lastTimestamp"]?.stringValue ?? object["eventTime"]?.stringValue ?? object["metadata"]?["creationTimestamp"]?.stringValue)
            return .string(HumanDuration.age(since: time.flatMap(Timestamp.init(rfc3339:)), now: now))
        },
        .text("Type", ["type"]),
        .text("Reason", ["reason"]),
        TableColumn("Object") { object, _ in
            let involved = object["involvedObject"] ?? object["regarding"] ?? .object([:])
            return .string("\(involved["kind"]?.stringValue?.lowercased() ?? "")/\(involved["name"]?.stringValue ?? "")")
        },
        TableColumn("Message") { object, _ in object["message"] ?? object["note"] ?? "" },
    ]
}
