/// What a request path addresses, before resource lookup.
package enum RequestRoute: Sendable, Hashable {
    /// `/version`.
    case version
    /// `/healthz`, `/readyz`, `/livez` (and their sub-paths).
    case health
    /// `/api`.
    case coreGroupVersions
    /// `/apis`.
    case groupList
    /// `/apis/<group>`.
    case group(String)
    /// `/api/v1` (group "") or `/apis/<group>/<version>`.
    case resourceList(group: String, version: String)
    /// `/openapi/v3`.
    case openAPIRoot
    /// `/openapi/v3/api/v1` or `/openapi/v3/apis/<group>/<version>`.
    case openAPIGroupVersion(group: String, version: String)
    /// `/openapi/v2` (not served: kubectl then relies on v3).
    case openAPIV2
    /// A resource collection, object or subresource.
    case resource(ResourcePath)
    /// `/kubesim/...` admin endpoints (the remaining segments).
    case admin([String])
    /// Anything else.
    case unknown

    /// Parses a path (without query).
    package init(path: String) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let first = segments.first else {
            self = .unknown
            return
        }
        switch first {
        case "version": self = segments.count == 1 ? .version : .unknown
        case "healthz", "readyz", "livez": self = .health
        case "kubesim": self = .admin(Array(segments.dropFirst()))
        case "openapi":
            if segments.count == 2, segments[1] == "v2" {
                self = .openAPIV2
            } else if segments.count == 2, segments[1] == "v3" {
                self = .openAPIRoot
            } else if segments.count == 4, segments[1] == "v3", segments[2] == "api" {
                self = .openAPIGroupVersion(group: "", version: segments[3])
            } else if segments.count == 5, segments[1] == "v3", segments[2] == "apis" {
                self = .openAPIGroupVersion(group: segments[3], version: segments[4])
            } else {
                self = .unknown
            }
        case "api":
            if segments.count == 1 {
                self = .coreGroupVersions
            } else if segments.count == 2 {
                self = .resourceList(group: "", version: segments[1])
            } else {
                self = ResourcePath(group: "", version: segments[1], rest: segments.dropFirst(2)).map(RequestRoute.resource) ?? .unknown
            }
        case "apis":
            switch segments.count {
            case 1: self = .groupList
            case 2: self = .group(segments[1])
            case 3: self = .resourceList(group: segments[1], version: segments[2])
            default:
                self = ResourcePath(group: segments[1], version: segments[2], rest: segments.dropFirst(3)).map(RequestRoute.resource) ?? .unknown
            }
        default:
            self = .unknown
        }
    }
}

/// The resource part of an API path: `[watch/][namespaces/<ns>/]<plural>[/<name>[/<subresource>]]`.
package struct ResourcePath: Sendable, Hashable {
    /// API group ("" for core).
    package var group: String
    /// API version.
    package var version: String
    /// Plural resource name.
    package var plural: String
    /// Namespace from the path, for namespaced resources.
    package var namespace: String?
    /// Object name.
    package var name: String?
    /// Subresource (`status`).
    package var subresource: String?
    /// Whether the deprecated `/watch/` prefix was used.
    package var isWatchPath: Bool

    /// Parses the segments after the version.
    /// - Returns: `nil` for shapes no Kubernetes path has.
    package init?(group: String, version: String, rest: ArraySlice<String>) {
        self.group = group
        self.version = version
        var rest = rest
        isWatchPath = rest.first == "watch"
        if isWatchPath { rest = rest.dropFirst() }
        guard let first = rest.first else { return nil }
        let items = Array(rest)
        if first == "namespaces", items.count >= 3, items[2] != "status", items[2] != "finalize" {
            namespace = items[1]
            plural = items[2]
            name = items.count > 3 ? items[3] : nil
            subresource = items.count > 4 ? items[4] : nil
            guard items.count <= 5 else { return nil }
        } else {
            plural = items[0]
            name = items.count > 1 ? items[1] : nil
            subresource = items.count > 2 ? items[2] : nil
            guard items.count <= 3 else { return nil }
        }
    }
}
