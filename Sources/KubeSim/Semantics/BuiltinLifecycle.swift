import KubeModels

/// What the API server itself sets on built-in objects when they are created or updated (initial
/// status, CRD acceptance conditions and cleanup finalizer, service cluster IPs, DaemonSet template
/// generation).
package enum BuiltinLifecycle {
    /// The finalizer that makes a CRD wait until its custom resources are deleted.
    package static let crdCleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io"

    /// Adjusts a new object of `kind` before it is stored.
    /// - Parameters:
    ///   - kind: the built-in kind.
    ///   - object: the object being created.
    ///   - clusterIP: an address to give a new Service.
    ///   - now: creation time, for conditions.
    package static func prepareForCreate(kind: String, object: inout JSONValue, clusterIP: String, now: Timestamp) {
        switch kind {
        case "Pod":
            object["status"] = ["phase": "Pending", "qosClass": "BestEffort"]
        case "DaemonSet":
            object["status"] = ["currentNumberScheduled": 0, "desiredNumberScheduled": 0, "numberMisscheduled": 0, "numberReady": 0]
            prepareDaemonSetForCreate(&object)
        case "Deployment":
            object["status"] = .object([:])
        case "PodDisruptionBudget":
            object["status"] = ["currentHealthy": 0, "desiredHealthy": 0, "disruptionsAllowed": 0, "expectedPods": 0]
        case "Namespace":
            object["status"] = ["phase": "Active"]
        case "Service":
            if object["spec"]?["clusterIP"] == nil, object["spec"]?["type"]?.stringValue != "ExternalName" {
                object.set(["spec", "clusterIP"], to: .string(clusterIP))
                object.set(["spec", "clusterIPs"], to: [.string(clusterIP)])
            }
            object["status"] = ["loadBalancer": .object([:])]
        case "CustomResourceDefinition":
            var finalizers = object["metadata"]?["finalizers"]?.arrayValue ?? []
            if !finalizers.contains(.string(crdCleanupFinalizer)) { finalizers.append(.string(crdCleanupFinalizer)) }
            object.set(["metadata", "finalizers"], to: .array(finalizers))
            object["status"] = crdStatus(object, now: now, previous: nil)
        default:
            break
        }
    }

    /// Adjusts an updated object of `kind` (server-maintained status of CRDs, DaemonSet template
    /// generation).
    package static func prepareForUpdate(kind: String, object: inout JSONValue, old: JSONValue, now: Timestamp) {
        switch kind {
        case "CustomResourceDefinition":
            object["status"] = crdStatus(object, now: now, previous: old["status"])
        case "DaemonSet":
            prepareDaemonSetForUpdate(&object, old: old)
        default:
            break
        }
    }

    /// The status the API server gives an accepted, established CRD.
    static func crdStatus(_ crd: JSONValue, now: Timestamp, previous: JSONValue?) -> JSONValue {
        let names = crd["spec"]?["names"] ?? .object([:])
        var accepted = names
        if accepted["singular"] == nil, let kind = names["kind"]?.stringValue { accepted["singular"] = .string(kind.lowercased()) }
        if accepted["listKind"] == nil, let kind = names["kind"]?.stringValue { accepted["listKind"] = .string(kind + "List") }
        let time = previous?["conditions"]?.arrayValue?.first?["lastTransitionTime"] ?? .string(now.rfc3339)
        let storage = crd["spec"]?["versions"]?.arrayValue?.first { $0["storage"]?.boolValue == true }?["name"] ?? .null
        var stored = previous?["storedVersions"]?.arrayValue ?? []
        if !storage.isNull, !stored.contains(storage) { stored.append(storage) }
        return [
            "acceptedNames": accepted,
            "conditions": [
                ["type": "NamesAccepted", "status": "True", "reason": "NoConflicts", "message": "no conflicts found", "lastTransitionTime": time],
                [
                    "type": "Established", "status": "True", "reason": "InitialNamesAccepted", "message": "the initial names have been accepted",
                    "lastTransitionTime": time,
                ],
            ],
            "storedVersions": .array(stored),
        ]
    }
}
