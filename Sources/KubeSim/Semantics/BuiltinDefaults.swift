import KubeModels

/// The defaulting the real API server applies to the built-in kinds KubeSim serves (the subset
/// that shows in objects read back: pod-spec defaults, DaemonSet update strategy, service ports,
/// namespace finalizers, secret `stringData`).
///
/// Pure; applying defaults twice gives the same object, so repeated applies stay no-ops.
package enum BuiltinDefaults {
    /// Applies the defaults of `kind` to `object`.
    package static func apply(kind: String, to object: inout JSONValue) {
        switch kind {
        case "Pod":
            if var spec = object["spec"] {
                defaultPodSpec(&spec)
                object["spec"] = spec
            }
        case "DaemonSet":
            defaultDaemonSet(&object)
        case "Deployment":
            defaultDeployment(&object)
        case "Service":
            defaultService(&object)
        case "Namespace":
            let name = object["metadata"]?["name"]?.stringValue ?? ""
            object.set(["metadata", "labels", "kubernetes.io/metadata.name"], to: .string(name))
            if object["spec"]?["finalizers"] == nil { object.set(["spec", "finalizers"], to: ["kubernetes"]) }
        case "Secret":
            defaultSecret(&object)
        default:
            break
        }
    }

    /// Pod-spec defaults (restart and DNS policy, grace period, scheduler, container defaults).
    static func defaultPodSpec(_ spec: inout JSONValue) {
        setIfAbsent(&spec, "restartPolicy", "Always")
        setIfAbsent(&spec, "terminationGracePeriodSeconds", 30)
        setIfAbsent(&spec, "dnsPolicy", "ClusterFirst")
        setIfAbsent(&spec, "securityContext", .object([:]))
        setIfAbsent(&spec, "schedulerName", "default-scheduler")
        for field in ["containers", "initContainers"] {
            guard let containers = spec[field]?.arrayValue else { continue }
            spec[field] = .array(containers.map(defaultContainer))
        }
        if spec["serviceAccountName"] != nil { setIfAbsent(&spec, "serviceAccount", spec["serviceAccountName"]!) }
    }

    /// Container defaults (termination message, resources, pull policy, port protocol).
    static func defaultContainer(_ container: JSONValue) -> JSONValue {
        var container = container
        setIfAbsent(&container, "terminationMessagePath", "/dev/termination-log")
        setIfAbsent(&container, "terminationMessagePolicy", "File")
        setIfAbsent(&container, "resources", .object([:]))
        if container["imagePullPolicy"] == nil {
            let image = container["image"]?.stringValue ?? ""
            let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
            let pinned = image.contains("@") || (lastComponent.contains(":") && !lastComponent.hasSuffix(":latest"))
            container["imagePullPolicy"] = pinned ? "IfNotPresent" : "Always"
        }
        if let ports = container["ports"]?.arrayValue {
            container["ports"] = .array(
                ports.map { port in
                    var port = port
                    setIfAbsent(&port, "protocol", "TCP")
                    return port
                })
        }
        return container
    }

    /// DaemonSet defaults (history limit, RollingUpdate with maxUnavailable 1, pod spec).
    static func defaultDaemonSet(_ object: inout JSONValue) {
        guard var spec = object["spec"] else { return }
        setIfAbsent(&spec, "revisionHistoryLimit", 10)
        var strategy = spec["updateStrategy"] ?? .object([:])
        setIfAbsent(&strategy, "type", "RollingUpdate")
        if strategy["type"]?.stringValue == "RollingUpdate" {
            var rolling = strategy["rollingUpdate"] ?? .object([:])
            setIfAbsent(&rolling, "maxUnavailable", 1)
            setIfAbsent(&rolling, "maxSurge", 0)
            strategy["rollingUpdate"] = rolling
        }
        spec["updateStrategy"] = strategy
        if var podSpec = spec["template"]?["spec"] {
            defaultPodSpec(&podSpec)
            spec.set(["template", "spec"], to: podSpec)
        }
        object["spec"] = spec
    }

    /// Deployment defaults (replicas, RollingUpdate 25%/25%, pod spec).
    static func defaultDeployment(_ object: inout JSONValue) {
        guard var spec = object["spec"] else { return }
        setIfAbsent(&spec, "replicas", 1)
        setIfAbsent(&spec, "revisionHistoryLimit", 10)
        setIfAbsent(&spec, "progressDeadlineSeconds", 600)
        var strategy = spec["strategy"] ?? .object([:])
        setIfAbsent(&strategy, "type", "RollingUpdate")
        if strategy["type"]?.stringValue == "RollingUpdate" {
            var rolling = strategy["rollingUpdate"] ?? .object([:])
            setIfAbsent(&rolling, "maxUnavailable", "25%")
            setIfAbsent(&rolling, "maxSurge", "25%")
            strategy["rollingUpdate"] = rolling
        }
        spec["strategy"] = strategy
        if var podSpec = spec["template"]?["spec"] {
            defaultPodSpec(&podSpec)
            spec.set(["template", "spec"], to: podSpec)
        }
        object["spec"] = spec
    }

    /// Service defaults (ClusterIP type, single-stack IPv4, port protocol and target port).
    static func defaultService(_ object: inout JSONValue) {
        var spec = object["spec"] ?? .object([:])
        setIfAbsent(&spec, "type", "ClusterIP")
        setIfAbsent(&spec, "sessionAffinity", "None")
        setIfAbsent(&spec, "internalTrafficPolicy", "Cluster")
        setIfAbsent(&spec, "ipFamilyPolicy", "SingleStack")
        setIfAbsent(&spec, "ipFamilies", ["IPv4"])
        if let ports = spec["ports"]?.arrayValue {
            spec["ports"] = .array(
                ports.map { port in
                    var port = port
                    setIfAbsent(&port, "protocol", "TCP")
                    if port["targetPort"] == nil, let number = port["port"] { port["targetPort"] = number }
                    return port
                })
        }
        object["spec"] = spec
    }

    /// Secret defaults: `Opaque` type and `stringData` folded into base64 `data`.
    static func defaultSecret(_ object: inout JSONValue) {
        setIfAbsent(&object, "type", "Opaque")
        guard let stringData = object["stringData"]?.objectValue else { return }
        var data = object["data"]?.objectValue ?? [:]
        for (key, value) in stringData {
            data[key] = .string(Base64.encode(Array((value.stringValue ?? "").utf8)))
        }
        object["data"] = .object(data)
        object["stringData"] = nil
    }

    /// Sets a member only when it is missing.
    static func setIfAbsent(_ object: inout JSONValue, _ key: String, _ value: JSONValue) {
        if object[key] == nil { object[key] = value }
    }
}

/// Standard base64 (RFC 4648) encoding, as `[]byte` fields are written in JSON.
package enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Encodes bytes with padding.
    package static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
