import KubeModels
import Logging

/// Answers every HTTP request: health and version without authentication; then client-certificate
/// or bearer-token authentication (401 Status otherwise); then `/kubesim/` admin routes, discovery
/// and OpenAPI, and resource requests with fault injection and request statistics.
package struct APIHandler: Sendable {
    /// The simulated cluster.
    let cluster: SimulatedCluster
    /// Faults applied to resource requests.
    let faults: FaultInjector
    /// Request counts.
    let stats: StatsRecorder
    /// Accepted bearer tokens.
    let tokens: TokenStore
    /// The `/kubesim/` operations.
    let admin: AdminAPI
    /// How often watches that allow bookmarks get one.
    let bookmarkInterval: Duration
    /// The `host:port` advertised by `/api`.
    let serverAddress: String
    /// Request logging.
    let logger: Logger
    /// Whether requests of service accounts are authorized against the stored RBAC objects (the
    /// admin credentials always are allowed).
    var authorizesWithRBAC = false

    /// Handles one request.
    package func handle(_ request: IncomingRequest) async -> OutgoingResponse {
        let route = RequestRoute(path: request.path)
        switch route {
        case .health:
            return .complete(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("ok".utf8))
        case .version:
            return .json(200, Discovery.version.serialized())
        default:
            break
        }
        guard let user = tokens.user(of: request) else {
            logger.debug("unauthenticated request", metadata: ["path": "\(request.path)"])
            return .error(.unauthorized)
        }
        switch route {
        case .admin(let segments):
            guard user.isSuperuser else { return .error(.forbidden("the kube-sim admin API is for the admin credentials only")) }
            return await admin.handle(segments: segments, request: request)
        case .resource(let path):
            return await handleResource(path, request: request, user: user)
        case .unknown:
            return .error(.pathNotFound())
        default:
            stats.recordNonResource()
            return await handleNonResource(route)
        }
    }

    private func handleNonResource(_ route: RequestRoute) async -> OutgoingResponse {
        switch route {
        case .coreGroupVersions:
            return .json(200, Discovery.coreVersions(serverAddress: serverAddress).serialized())
        case .groupList:
            return .json(200, Discovery.groupList(await cluster.servedGroups()).serialized())
        case .group(let name):
            guard let group = await cluster.servedGroups().first(where: { $0.name == name && !name.isEmpty }) else {
                return .error(.pathNotFound())
            }
            return .json(200, Discovery.groupDocument(group).serialized())
        case .resourceList(let group, let version):
            let resources = await cluster.servedResources().resources.filter { $0.type.group == group && $0.type.version == version }
            guard !resources.isEmpty else { return .error(.pathNotFound()) }
            let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
            return .json(200, Discovery.resourceList(groupVersion: groupVersion, resources: resources).serialized())
        case .openAPIRoot:
            return .json(200, OpenAPIDocument.root(await openAPIDocuments()).serialized())
        case .openAPIGroupVersion(let group, let version):
            let path = OpenAPIDocument.indexPath(group: group, version: version)
            guard let document = await openAPIDocuments().first(where: { $0.path == path })?.document else {
                return .error(.pathNotFound())
            }
            return .json(200, document.serialized())
        default:
            return .error(.pathNotFound())
        }
    }

    private func openAPIDocuments() async -> [(path: String, document: JSONValue)] {
        let resources = await cluster.servedResources().resources
        var order: [String] = []
        var byPath: [String: [APIResource]] = [:]
        for resource in resources {
            let path = OpenAPIDocument.indexPath(group: resource.type.group, version: resource.type.version)
            if byPath[path] == nil { order.append(path) }
            byPath[path, default: []].append(resource)
        }
        return order.map { ($0, OpenAPIDocument.document(resources: byPath[$0] ?? [])) }
    }

    /// The field manager of a request: `fieldManager`, else the user agent's product name.
    static func fieldManager(_ request: IncomingRequest) -> String {
        if let manager = request.query["fieldManager"], !manager.isEmpty { return manager }
        let agent = request.header("user-agent") ?? "unknown"
        return String((agent.split(separator: "/").first.map(String.init) ?? agent).prefix(128))
    }
}
