import KubeModels
import KubeSim
import Testing

@Suite("Request routing and negotiation")
struct RoutingTests {
    static let routeCases: [(String, RequestRoute)] = [
        ("/version", .version),
        ("/api", .coreGroupVersions),
        ("/apis", .groupList),
        ("/apis/apps", .group("apps")),
        ("/api/v1", .resourceList(group: "", version: "v1")),
        ("/apis/apps/v1", .resourceList(group: "apps", version: "v1")),
        ("/openapi/v3", .openAPIRoot),
        ("/openapi/v3/apis/nvidia.com/v1", .openAPIGroupVersion(group: "nvidia.com", version: "v1")),
        ("/openapi/v3/api/v1", .openAPIGroupVersion(group: "", version: "v1")),
        ("/kubesim/nodes/n1", .admin(["nodes", "n1"])),
        ("/healthz", .health),
        ("/nope", .unknown),
    ]

    @Test("paths", arguments: routeCases)
    func routes(path: String, expected: RequestRoute) {
        #expect(RequestRoute(path: path) == expected)
    }

    @Test("resource paths")
    func resourcePaths() throws {
        guard case .resource(let pods) = RequestRoute(path: "/api/v1/namespaces/ns/pods/p1/status") else {
            Issue.record("not a resource")
            return
        }
        #expect(pods.namespace == "ns" && pods.plural == "pods" && pods.name == "p1" && pods.subresource == "status")
        guard case .resource(let namespace) = RequestRoute(path: "/api/v1/namespaces/ns") else {
            Issue.record("not a resource")
            return
        }
        #expect(namespace.plural == "namespaces" && namespace.name == "ns" && namespace.namespace == nil)
        guard case .resource(let namespaceStatus) = RequestRoute(path: "/api/v1/namespaces/ns/status") else {
            Issue.record("not a resource")
            return
        }
        #expect(namespaceStatus.plural == "namespaces" && namespaceStatus.subresource == "status")
        guard case .resource(let watch) = RequestRoute(path: "/apis/apps/v1/watch/namespaces/gpu/daemonsets/ds") else {
            Issue.record("not a resource")
            return
        }
        #expect(watch.isWatchPath && watch.group == "apps" && watch.name == "ds" && watch.namespace == "gpu")
        #expect(RequestRoute(path: "/api/v1/nodes/a/b/c/d") == .unknown)
    }

    static let acceptCases: [(String?, ResponseFormat?)] = [
        (nil, .json),
        ("application/json", .json),
        ("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", .table),
        ("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", .metadata),
        ("application/vnd.kubernetes.protobuf,application/json", .json),
        ("application/vnd.kubernetes.protobuf", nil),
        ("*/*", .json),
    ]

    @Test("Accept negotiation", arguments: acceptCases)
    func negotiation(accept: String?, expected: ResponseFormat?) {
        #expect(ResponseFormat.negotiate(accept) == expected)
    }

    @Test("query strings are percent-decoded")
    func query() {
        let query = QueryParameters("labelSelector=app%3Dx%2Ctier+in+%28a%29&watch=1&limit=5&empty")
        #expect(query["labelSelector"] == "app=x,tier in (a)")
        #expect(query.flag("watch"))
        #expect(query.integer("limit") == 5)
        #expect(query["empty"] == "")
        #expect(query["missing"] == nil)
    }

    static let nameCases: [(String, NameValidation.Rule, Bool)] = [
        ("good-name.example", .subdomain, true), ("Bad", .subdomain, false), ("a..b", .subdomain, false),
        ("ns-1", .label, true), ("ns.1", .label, false), ("1svc", .dns1035Label, false), ("system:controller:x", .pathSegment, true),
        ("a/b", .pathSegment, false),
    ]

    @Test("object names", arguments: nameCases)
    func names(name: String, rule: NameValidation.Rule, valid: Bool) {
        #expect((NameValidation.problem(with: name, rule: rule) == nil) == valid)
    }

    @Test("protobuf bodies of kubectl create configmap decode to JSON")
    func protobuf() throws {
        func field(_ number: Int, _ bytes: [UInt8]) -> [UInt8] { [UInt8(number << 3 | 2), UInt8(bytes.count)] + bytes }
        func text(_ number: Int, _ value: String) -> [UInt8] { field(number, Array(value.utf8)) }
        let metadata = text(1, "cm") + text(3, "ns") + field(11, text(1, "app") + text(2, "x"))
        let configMap = field(1, metadata) + field(2, text(1, "key") + text(2, "value"))
        let envelope: [UInt8] = [0x6B, 0x38, 0x73, 0x00] + field(1, text(1, "v1") + text(2, "ConfigMap")) + field(2, configMap)
        let decoded = try ProtobufDecoding.decode(envelope)
        #expect(
            decoded == [
                "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cm", "namespace": "ns", "labels": ["app": "x"]],
                "data": ["key": "value"],
            ])
        let unsupported: [UInt8] = [0x6B, 0x38, 0x73, 0x00] + field(1, text(1, "apps/v1") + text(2, "Deployment"))
        #expect(throws: APIError.self) { try ProtobufDecoding.decode(unsupported) }
    }
}
