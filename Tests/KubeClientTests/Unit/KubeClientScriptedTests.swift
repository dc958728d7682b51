import Foundation
import KubeClient
import KubeModels
import Testing

@Suite("KubeClient against a scripted server")
struct KubeClientScriptedTests {
    @Test("get returns nil on 404 and decodes the object otherwise")
    func getOptional() async throws {
        let transport = ScriptedTransport([
            { request in
                #expect(RequestTarget(request).path == "/api/v1/namespaces/default/configmaps/missing")
                #expect(request.method == .get)
                return .status(404, reason: "NotFound")
            },
            { _ in .json(200, configMapJSON("present", namespace: "other")) },
        ])
        let client = makeScriptedClient(transport)
        #expect(try await client.get(TestConfigMap.self, name: "missing") == nil)
        let found = try await client.get(TestConfigMap.self, name: "present", namespace: "other")
        #expect(found?.metadata.namespace == "other")
        #expect(transport.requests[1].header("Authorization") == "Bearer t0k3n")
        #expect(transport.requests[1].header("User-Agent") == ProjectVersion.userAgent)
    }

    @Test("list follows continue tokens with the configured limit")
    func listPaging() async throws {
        let transport = ScriptedTransport([
            { request in
                #expect(RequestTarget(request).query == ["limit": "2", "labelSelector": "app=x"])
                return .json(200, configMapList(["a", "b"], resourceVersion: "77", continueToken: "c1"))
            },
            { request in
                #expect(RequestTarget(request).query == ["limit": "2", "labelSelector": "app=x", "continue": "c1"])
                return .json(200, configMapList(["c"], resourceVersion: "77"))
            },
        ])
        let client = makeScriptedClient(transport)
        let list = try await client.list(TestConfigMap.self, labelSelector: "app=x")
        #expect(list.items.map(\.metadata.name) == ["a", "b", "c"])
        #expect(list.metadata.resourceVersion == "77")
        #expect(RequestTarget(transport.requests[0]).path == "/api/v1/configmaps")
    }

    @Test("untyped lists page too and keep every field")
    func untypedList() async throws {
        let transport = ScriptedTransport([
            { _ in .json(200, configMapList(["a", "b"], resourceVersion: "5", continueToken: "next")) },
            { _ in .json(200, configMapList(["c"], resourceVersion: "5")) },
        ])
        let list = try await makeScriptedClient(transport).list(.configMaps, labelSelector: "x")
        #expect(list.items.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["a", "b", "c"])
        #expect(list.items.first == configMapJSON("a", resourceVersion: "5"))
        #expect(list.metadata.resourceVersion == "5")
        #expect(list.kind == "ConfigMapList")
    }

    @Test("an expired continue token falls back to one unpaged list")
    func listPagingExpired() async throws {
        let transport = ScriptedTransport([
            { _ in .json(200, configMapList(["a", "b"], resourceVersion: "5", continueToken: "old")) },
            { _ in .status(410, reason: "Expired", message: "continue token expired") },
            { request in
                #expect(RequestTarget(request).query["limit"] == nil)
                #expect(RequestTarget(request).query["continue"] == nil)
                return .json(200, configMapList(["a", "b", "c", "d"], resourceVersion: "9"))
            },
        ])
        let list = try await makeScriptedClient(transport).list(TestConfigMap.self)
        #expect(list.items.count == 4)
        #expect(list.metadata.resourceVersion == "9")
    }

    @Test("create fills in apiVersion and kind; update conflicts surface as .conflict")
    func createAndConflict() async throws {
        let transport = ScriptedTransport([
            { request in
                let body = try JSONValue(parsing: Data(request.body ?? []))
                #expect(body["apiVersion"] == "v1")
                #expect(body["kind"] == "ConfigMap")
                #expect(request.header("Content-Type") == "application/json")
                #expect(RequestTarget(request).path == "/api/v1/namespaces/ns/configmaps")
                return .json(201, configMapJSON("cm", namespace: "ns", resourceVersion: "3"))
            },
            { request in
                #expect(request.method == .put)
                #expect(RequestTarget(request).path == "/api/v1/namespaces/ns/configmaps/cm")
                return .status(409, reason: "Conflict", message: "the object has been modified")
            },
        ])
        let client = makeScriptedClient(transport)
        var created = try await client.create(
            TestConfigMap(apiVersion: nil, kind: nil, metadata: ObjectMeta(name: "cm", namespace: "ns"), data: ["k": "v"]))
        #expect(created.metadata.resourceVersion == "3")
        created.data = ["k": "v2"]
        await #expect {
            _ = try await client.update(created)
        } throws: { error in
            (error as? KubeError)?.isConflict == true
        }
        #expect(transport.requests.count == 2)
    }

    @Test("delete returns false for a missing object and sends preconditions")
    func delete() async throws {
        let transport = ScriptedTransport([
            { _ in .status(404, reason: "NotFound") },
            { request in
                let body = try JSONValue(parsing: Data(request.body ?? []))
                #expect(body["propagationPolicy"] == "Background")
                #expect(body[path: ["preconditions", "uid"]] == "u1")
                return .json(200, ["kind": "Status", "status": "Success"])
            },
        ])
        let client = makeScriptedClient(transport)
        #expect(try await client.delete(TestConfigMap.self, name: "gone") == false)
        #expect(try await client.delete(.configMaps, name: "cm", propagation: .background, preconditions: Preconditions(uid: "u1")))
    }

    @Test("5xx on a GET is retried with exponential backoff on the injected clock")
    func retryGet() async throws {
        let transport = ScriptedTransport([
            { _ in .status(503, reason: "ServiceUnavailable") },
            { _ in .failure(CurlError(kind: .transfer, code: 56, message: "Connection reset by peer")) },
            { _ in .json(200, configMapJSON("cm")) },
        ])
        let clock = InstantSleepClock()
        let client = makeScriptedClient(transport, clock: clock)
        #expect(try await client.get(TestConfigMap.self, name: "cm") != nil)
        #expect(clock.sleepDurations == [.milliseconds(200), .milliseconds(400)])
    }

    @Test("5xx on a POST is not retried; a refused connection is")
    func noRetryPost() async throws {
        let transport = ScriptedTransport([
            { _ in .failure(CurlError(kind: .transfer, code: CurlError.couldNotConnect, message: "Connection refused")) },
            { _ in .status(500, reason: "InternalError", message: "etcd timeout") },
        ])
        let client = makeScriptedClient(transport)
        await #expect {
            _ = try await client.create(.configMaps, configMapJSON("cm"))
        } throws: { error in
            (error as? KubeError)?.reason == .serverError && (error as? KubeError)?.message == "etcd timeout"
        }
        #expect(transport.requests.count == 2)
    }

    @Test("429 is retried on every verb after Retry-After, and slows the client down")
    func throttled() async throws {
        let transport = ScriptedTransport([
            { _ in .status(429, reason: "TooManyRequests", headers: ["retry-after": "2"]) },
            { _ in .json(200, configMapJSON("cm")) },
        ])
        let clock = InstantSleepClock()
        let client = makeScriptedClient(transport, clock: clock)
        let rateBefore = client.currentRequestRate
        _ = try await client.patch(.configMaps, name: "cm", patch: .json([["op": "add", "path": "/data/k", "value": "v"]]))
        #expect(clock.sleepDurations.contains(.seconds(2)))
        #expect(client.currentRequestRate < rateBefore)
    }

    @Test("TLS failures are not retried and keep libcurl's message")
    func tlsFailure() async throws {
        let transport = ScriptedTransport([
            { _ in .failure(CurlError(kind: .transfer, code: 60, message: "SSL certificate problem: self-signed certificate")) }
        ])
        await #expect {
            _ = try await makeScriptedClient(transport).get(TestConfigMap.self, name: "x")
        } throws: { error in
            guard let kubeError = error as? KubeError, kubeError.reason == .transport else { return false }
            return "\(kubeError)".contains("SSL certificate problem")
        }
        #expect(transport.requests.count == 1)
    }

    @Test("a 401 re-reads a token file once")
    func unauthorizedRefresh() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = try directory.write("token", "old")
        let transport = ScriptedTransport([
            { request in
                #expect(request.header("Authorization") == "Bearer old")
                try directory.write("token", "new")
                return .status(401, reason: "Unauthorized")
            },
            { request in
                #expect(request.header("Authorization") == "Bearer new")
                return .json(200, configMapJSON("cm"))
            },
        ])
        let configuration = ClientConfiguration(
            server: "https://k:6443", authentication: .tokenFile(path: path, refreshInterval: .seconds(3600)))
        let client = makeScriptedClient(transport, configuration: configuration)
        #expect(try await client.get(TestConfigMap.self, name: "cm") != nil)
    }

    @Test("server-side apply sends a sanitized body with fieldManager and force")
    func apply() async throws {
        let transport = ScriptedTransport([
            { request in
                #expect(request.method == .patch)
                #expect(RequestTarget(request).query == ["fieldManager": "gpu-operator", "force": "true"])
                #expect(request.header("Content-Type") == "application/apply-patch+yaml")
                let body = try JSONValue(parsing: Data(request.body ?? []))
                #expect(body[path: ["metadata", "creationTimestamp"]] == nil)
                #expect(body["status"] == nil)
                return .json(200, body)
            }
        ])
        let desired: JSONValue = [
            "apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor",
            "metadata": ["name": "dcgm", "namespace": "gpu-operator", "creationTimestamp": nil], "status": [:],
        ]
        let applied = try await makeScriptedClient(transport).apply(.serviceMonitors, desired, fieldManager: "gpu-operator")
        #expect(applied[path: ["metadata", "name"]] == "dcgm")
        #expect(RequestTarget(transport.requests[0]).path == "/apis/monitoring.coreos.com/v1/namespaces/gpu-operator/servicemonitors/dcgm")
    }

    @Test("a raw watch decodes events, bookmarks and errors")
    func rawWatch() async throws {
        let transport = ScriptedTransport([
            { request in
                #expect(
                    RequestTarget(request).query == [
                        "watch": "true", "resourceVersion": "10", "timeoutSeconds": "290", "allowWatchBookmarks": "true",
                    ])
                return .stream(
                    status: 200,
                    lines: [
                        watchLine("ADDED", configMapJSON("a", resourceVersion: "11")),
                        watchLine("BOOKMARK", ["kind": "ConfigMap", "metadata": ["resourceVersion": "15"]]),
                        watchLine("DELETED", configMapJSON("a", resourceVersion: "16")),
                        watchLine("ERROR", ["kind": "Status", "code": 410, "reason": "Expired", "message": "too old"]),
                    ])
            }
        ])
        var received: [String] = []
        for try await event in makeScriptedClient(transport).watch(TestConfigMap.self, resourceVersion: "10") {
            switch event {
            case .added(let object): received.append("added \(object.metadata.name ?? "")")
            case .modified(let object): received.append("modified \(object.metadata.name ?? "")")
            case .deleted(let object): received.append("deleted \(object.metadata.resourceVersion ?? "")")
            case .bookmark(let version): received.append("bookmark \(version)")
            case .error(let status): received.append("error \(status.code ?? 0)")
            }
        }
        #expect(received == ["added a", "bookmark 15", "deleted 16", "error 410"])
    }

    @Test("a watch that cannot be opened throws the server's Status")
    func watchOpenFailure() async throws {
        let transport = ScriptedTransport([{ _ in .status(403, reason: "Forbidden", message: "nodes is forbidden") }])
        await #expect {
            for try await _ in makeScriptedClient(transport).watch(Node.self) {}
        } throws: { error in
            (error as? KubeError)?.reason == .forbidden
        }
    }

    @Test("metadata-only lists ask for PartialObjectMetadataList")
    func metadataList() async throws {
        let transport = ScriptedTransport([
            { request in
                #expect(request.header("Accept") == APIRequest.metadataListAccept)
                return .json(
                    200,
                    [
                        "apiVersion": "meta.k8s.io/v1", "kind": "PartialObjectMetadataList", "metadata": ["resourceVersion": "4"],
                        "items": [
                            [
                                "apiVersion": "meta.k8s.io/v1", "kind": "PartialObjectMetadata",
                                "metadata": ["name": "d", "namespace": "ns", "labels": ["app": "x"]],
                            ]
                        ],
                    ])
            }
        ])
        let list = try await makeScriptedClient(transport).listMetadata(.daemonSets, labelSelector: "app=x")
        #expect(list.items.first?.metadata.labels == ["app": "x"])
    }
}
