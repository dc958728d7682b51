import Foundation
import KubeClient
import KubeModels
import Testing

@Suite("Request building")
struct RequestBuildingTests {
    struct PathCase: Sendable, CustomTestStringConvertible {
        var request: APIRequest
        var method: HTTPMethod
        var pathAndQuery: String
        var testDescription: String { pathAndQuery }
    }

    static let pathCases: [PathCase] = [
        PathCase(request: .get(.nodes, name: "gpu-1", namespace: "ignored"), method: .get, pathAndQuery: "/api/v1/nodes/gpu-1"),
        PathCase(
            request: .get(.daemonSets, name: "driver", namespace: "gpu-operator"), method: .get,
            pathAndQuery: "/apis/apps/v1/namespaces/gpu-operator/daemonsets/driver"),
        PathCase(
            request: .get(.clusterPolicies, name: "cluster-policy", namespace: nil, subresource: "status"), method: .get,
            pathAndQuery: "/apis/nvidia.com/v1/clusterpolicies/cluster-policy/status"),
        PathCase(
            request: .get(.clusterRoles, name: "system:controller:gc", namespace: nil), method: .get,
            pathAndQuery: "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:controller:gc"),
        PathCase(request: .list(.pods, namespace: nil, options: ListOptions()), method: .get, pathAndQuery: "/api/v1/pods"),
        PathCase(
            request: .list(
                .pods, namespace: "gpu-operator",
                options: ListOptions(
                    labelSelector: "app in (a,b),!legacy", fieldSelector: "spec.nodeName=gpu-1",
                    limit: 500, continueToken: "abc/123=")),
            method: .get,
            pathAndQuery: "/api/v1/namespaces/gpu-operator/pods?labelSelector=app%20in%20%28a%2Cb%29%2C%21legacy"
                + "&fieldSelector=spec.nodeName%3Dgpu-1&limit=500&continue=abc%2F123%3D"),
        PathCase(
            request: .list(.nodes, namespace: nil, options: ListOptions(resourceVersion: "0", resourceVersionMatch: "NotOlderThan")),
            method: .get, pathAndQuery: "/api/v1/nodes?resourceVersion=0&resourceVersionMatch=NotOlderThan"),
        PathCase(
            request: .watch(
                .nodes, namespace: nil,
                options: WatchOptions(labelSelector: "nvidia.com/gpu.present=true", resourceVersion: "42", timeoutSeconds: 290)),
            method: .get,
            pathAndQuery: "/api/v1/nodes?watch=true&labelSelector=nvidia.com%2Fgpu.present%3Dtrue&resourceVersion=42"
                + "&timeoutSeconds=290&allowWatchBookmarks=true"),
        PathCase(
            request: .watch(.configMaps, namespace: "ns", options: WatchOptions(allowBookmarks: false)), method: .get,
            pathAndQuery: "/api/v1/namespaces/ns/configmaps?watch=true"),
        PathCase(
            request: .create(.configMaps, namespace: "ns", body: [], fieldManager: "gpu-operator"), method: .post,
            pathAndQuery: "/api/v1/namespaces/ns/configmaps?fieldManager=gpu-operator"),
        PathCase(
            request: .replace(.clusterPolicies, name: "p", namespace: nil, body: [], subresource: "status"), method: .put,
            pathAndQuery: "/apis/nvidia.com/v1/clusterpolicies/p/status"),
        PathCase(
            request: .patch(
                .daemonSets, name: "driver", namespace: "gpu-operator",
                patch: .apply(["kind": "DaemonSet"], fieldManager: "gpu-operator", force: true)),
            method: .patch,
            pathAndQuery: "/apis/apps/v1/namespaces/gpu-operator/daemonsets/driver?fieldManager=gpu-operator&force=true"),
        PathCase(
            request: .patch(.nodes, name: "gpu-1", namespace: nil, patch: .merge(["metadata": ["labels": ["a": "b"]]])),
            method: .patch, pathAndQuery: "/api/v1/nodes/gpu-1"),
        PathCase(
            request: .delete(.serviceMonitors, name: "dcgm", namespace: "gpu-operator"), method: .delete,
            pathAndQuery: "/apis/monitoring.coreos.com/v1/namespaces/gpu-operator/servicemonitors/dcgm"),
    ]

    @Test("paths and query strings", arguments: pathCases)
    func pathsAndQueries(_ testCase: PathCase) {
        #expect(testCase.request.method == testCase.method)
        #expect(testCase.request.pathAndQuery == testCase.pathAndQuery)
    }

    @Test(
        "patch content types and idempotency",
        arguments: [
            (PatchBody.merge([:]), "application/merge-patch+json", true),
            (PatchBody.json([]), "application/json-patch+json", false),
            (PatchBody.strategicMerge([:]), "application/strategic-merge-patch+json", true),
            (PatchBody.apply([:], fieldManager: "m", force: false), "application/apply-patch+yaml", true),
        ])
    func patchContentTypes(patch: PatchBody, contentType: String, idempotent: Bool) {
        let request = APIRequest.patch(.nodes, name: "n", namespace: nil, patch: patch)
        #expect(request.contentType == contentType)
        #expect(request.isIdempotent == idempotent)
    }

    @Test("verbs are idempotent except POST and JSON patch")
    func idempotency() {
        #expect(APIRequest.get(.nodes, name: "n", namespace: nil).isIdempotent)
        #expect(APIRequest.replace(.nodes, name: "n", namespace: nil, body: []).isIdempotent)
        #expect(APIRequest.delete(.nodes, name: "n", namespace: nil).isIdempotent)
        #expect(!APIRequest.create(.nodes, namespace: nil, body: []).isIdempotent)
    }

    @Test("apply bodies drop server-owned fields, status and nulls")
    func applySanitization() {
        let desired: JSONValue = [
            "apiVersion": "apps/v1", "kind": "DaemonSet",
            "metadata": [
                "name": "driver", "namespace": "gpu-operator", "creationTimestamp": nil, "resourceVersion": "7",
                "managedFields": [["manager": "kubectl"]], "uid": "u", "generation": 3, "labels": ["a": "b", "gone": nil],
            ],
            "spec": ["template": ["spec": ["nodeSelector": nil, "containers": [["name": "c", "args": nil]]]]],
            "status": ["numberReady": 1],
        ]
        let sanitized = ApplyBody.sanitized(desired, subresource: nil)
        #expect(
            sanitized == [
                "apiVersion": "apps/v1", "kind": "DaemonSet",
                "metadata": ["name": "driver", "namespace": "gpu-operator", "labels": ["a": "b"]],
                "spec": ["template": ["spec": ["containers": [["name": "c"]]]]],
            ])
        #expect(ApplyBody.sanitized(desired, subresource: "status")["status"] == ["numberReady": 1])
        let body = PatchBody.apply(desired, fieldManager: "gpu-operator", force: true).serializedBody()
        #expect(!String(decoding: body, as: UTF8.self).contains("null"))
    }

    @Test("delete options travel in the body")
    func deleteBody() throws {
        let request = APIRequest.delete(
            .daemonSets, name: "driver", namespace: "ns",
            options: DeleteOptions(propagationPolicy: .foreground, preconditions: Preconditions(uid: "u-1", resourceVersion: "9")))
        #expect(request.contentType == "application/json")
        let body = try JSONValue(parsing: .init(request.body ?? []))
        #expect(
            body == [
                "apiVersion": "v1", "kind": "DeleteOptions", "propagationPolicy": "Foreground",
                "preconditions": ["uid": "u-1", "resourceVersion": "9"],
            ])
    }

    @Test("metadata-only requests ask for PartialObjectMetadata with a JSON fallback")
    func metadataAccept() {
        let list = APIRequest.list(.daemonSets, namespace: nil, options: ListOptions(), accept: APIRequest.metadataListAccept)
        #expect(list.accept == "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json")
        let watch = APIRequest.watch(.daemonSets, namespace: nil, options: WatchOptions(), accept: APIRequest.metadataAccept)
        #expect(watch.accept.hasPrefix("application/json;as=PartialObjectMetadata;"))
    }

    @Test("HTTP requests carry URL, headers, credentials and the right timeouts")
    func httpRequest() {
        var configuration = ClientConfiguration(
            server: "https://10.0.0.1:6443/", tls: TLSSettings(certificateAuthorityPEM: Array("CA".utf8)),
            proxyURL: "http://proxy:3128")
        configuration.timeouts.request = .seconds(30)
        let credentials = RequestCredentials(
            authorization: "Bearer abc", clientCertificatePEM: Array("CERT".utf8), clientKeyPEM: Array("KEY".utf8))
        let patch = APIRequest.patch(.nodes, name: "n", namespace: nil, patch: .merge(["a": 1]))
            .makeHTTPRequest(configuration: configuration, credentials: credentials)
        #expect(patch.url == "https://10.0.0.1:6443/api/v1/nodes/n")
        #expect(patch.method == .patch)
        #expect(patch.header("content-type") == "application/merge-patch+json")
        #expect(patch.header("Accept") == "application/json")
        #expect(patch.header("User-Agent") == ProjectVersion.userAgent)
        #expect(patch.header("Authorization") == "Bearer abc")
        #expect(patch.body == Array("{\"a\":1}".utf8))
        #expect(patch.tls.clientCertificatePEM == Array("CERT".utf8))
        #expect(patch.tls.certificateAuthorityPEM == Array("CA".utf8))
        #expect(patch.proxyURL == "http://proxy:3128")
        #expect(patch.timeouts == RequestTimeouts(connect: .seconds(10), total: .seconds(30)))
        #expect(!patch.description.contains("abc"))

        let watch = APIRequest.watch(.nodes, namespace: nil, options: WatchOptions(timeoutSeconds: 60))
            .makeHTTPRequest(configuration: configuration, credentials: RequestCredentials())
        #expect(watch.timeouts.total == nil)
        #expect(watch.timeouts.idle == .seconds(70))
        #expect(watch.header("Authorization") == nil)
        configuration.timeouts.watchIdle = .seconds(2)
        let quickWatch = APIRequest.watch(.nodes, namespace: nil, options: WatchOptions(timeoutSeconds: 60))
            .makeHTTPRequest(configuration: configuration, credentials: RequestCredentials())
        #expect(quickWatch.timeouts.idle == .seconds(2))
    }

    @Test("user agent names the project and version")
    func userAgent() {
        #expect(ProjectVersion.userAgent == "swift-gpu-operator/\(ProjectVersion.current)")
    }

    @Test(
        "tls-server-name rewrites the URL host and connects to the real host",
        arguments: [
            ("https://10.0.0.1:6443/api?x=1", "kubernetes", "https://kubernetes:6443/api?x=1", "kubernetes:6443:10.0.0.1:6443"),
            ("https://10.0.0.1/api", "api.internal", "https://api.internal:443/api", "api.internal:443:10.0.0.1:443"),
            ("https://[::1]:8443/", "k8s", "https://k8s:8443/", "k8s:8443:[::1]:8443"),
        ])
    func serverNameOverride(url: String, serverName: String, expectedURL: String, connectTo: String) {
        let override = TLSServerNameOverride(url: url, serverName: serverName)
        #expect(override.url == expectedURL)
        #expect(override.connectTo == connectTo)
        #expect(TLSServerNameOverride(url: url, serverName: nil).connectTo == nil)
    }
}
