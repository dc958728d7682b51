import Foundation
import KubeModels
import Testing

@testable import KubeSim

@Suite("Resources over HTTP: paging, apply, patch types, metadata and tables")
struct ResourceHTTPTests {
    @Test("pagination over 5,000 objects returns each exactly once, in order, with continue tokens")
    func pagination() async throws {
        try await TestCluster.with { server, client in
            let options = WriteOptions(fieldManager: "seed")
            let configMaps = BuiltinResources.all.first { $0.type == .configMaps }!
            for index in 0..<5000 {
                let labels = index % 2 == 0 ? ["parity": "even"] : ["parity": "odd"]
                _ = try await server.cluster.create(
                    configMaps, namespace: "default", body: Fixtures.configMap(String(format: "cm-%05d", index), labels: labels),
                    options: options)
            }
            var names: [String] = []
            var token: String?
            var pages = 0
            var listVersion: String?
            repeat {
                var path = "/api/v1/namespaces/default/configmaps?limit=500"
                if let token { path += "&continue=\(token)" }
                let page = try await client.json(path)
                pages += 1
                names += page["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
                token = page[path: ["metadata", "continue"]]?.stringValue
                if let remaining = page[path: ["metadata", "remainingItemCount"]]?.intValue { #expect(Int(remaining) == 5000 - names.count) }
                if listVersion == nil { listVersion = page[path: ["metadata", "resourceVersion"]]?.stringValue }
                #expect(page[path: ["metadata", "resourceVersion"]]?.stringValue == listVersion)
                if pages == 3 { _ = try await client.request("POST", "/api/v1/namespaces/default/configmaps", json: Fixtures.configMap("zz-late")) }
            } while token != nil
            #expect(pages == 10)
            #expect(names == (0..<5000).map { String(format: "cm-%05d", $0) })
            let even = try await client.json("/api/v1/configmaps?labelSelector=parity%3Deven&limit=1000")
            #expect(even["items"]?.arrayValue?.count == 1000)
            #expect(even[path: ["metadata", "remainingItemCount"]] == 1500)
            let bad = try await client.request("GET", "/api/v1/configmaps?limit=10&continue=garbage")
            #expect(bad.status == 400)
        }
    }

    @Test("server-side apply over HTTP: YAML body, conflicts as 409 Status, force")
    func serverSideApply() async throws {
        try await TestCluster.with { _, client in
            _ = try await client.request("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", json: Fixtures.widgetCRD)
            let yaml = Array("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 1\n".utf8)
            let path = "/apis/example.com/v1/namespaces/default/widgets/w"
            let created = try await client.request(
                "PATCH", path + "?fieldManager=operator", rawBody: yaml, contentType: "application/apply-patch+yaml")
            #expect(created.status == 201)
            let other = Array(#"{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":2}}"#.utf8)
            let conflict = try await client.request(
                "PATCH", path + "?fieldManager=human", rawBody: other, contentType: "application/apply-patch+yaml")
            #expect(conflict.status == 409)
            let status = try conflict.json()
            #expect(status["reason"] == "Conflict")
            #expect(status[path: ["details", "causes"]]?[0]?["field"] == ".spec.size")
            let forced = try await client.request(
                "PATCH", path + "?fieldManager=human&force=true", rawBody: other, contentType: "application/apply-patch+yaml")
            #expect(forced.status == 200)
            #expect(try forced.json()[path: ["spec", "size"]] == 2)
            let managers = try forced.json()[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap { $0["manager"]?.stringValue }
            #expect(managers == ["human"])
            let noManager = try await client.request("PATCH", path, rawBody: other, contentType: "application/apply-patch+yaml")
            #expect(noManager.status == 400)
            #expect(try noManager.json()[path: ["message"]]?.stringValue?.contains("fieldManager is required") == true)
        }
    }

    @Test("merge, JSON and strategic patches; unsupported content types are 415")
    func patches() async throws {
        try await TestCluster.with { _, client in
            let ds = Fixtures.daemonSet("ds")
            #expect(try await client.request("POST", "/apis/apps/v1/namespaces/default/daemonsets", json: ds).status == 201)
            let path = "/apis/apps/v1/namespaces/default/daemonsets/ds"
            let merged = try await client.request(
                "PATCH", path, json: ["metadata": ["labels": ["a": "1"]]], contentType: "application/merge-patch+json")
            #expect(try merged.json()[path: ["metadata", "labels", "a"]] == "1")
            let json = try await client.request(
                "PATCH", path, json: [["op": "add", "path": "/spec/minReadySeconds", "value": 3]],
                contentType: "application/json-patch+json")
            #expect(try json.json()[path: ["spec", "minReadySeconds"]] == 3)
            let strategic = try await client.request(
                "PATCH", path, json: ["spec": ["template": ["spec": ["containers": [["name": "side", "image": "x:1"]]]]]],
                contentType: "application/strategic-merge-patch+json")
            #expect(try strategic.json()[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.count == 2)
            #expect(try strategic.json()[path: ["metadata", "generation"]] == 3)
            #expect(try await client.request("PATCH", path, json: [:], contentType: "text/plain").status == 415)
            let stale = try await client.request(
                "PATCH", path, json: ["metadata": ["resourceVersion": "1"], "spec": ["minReadySeconds": 9]],
                contentType: "application/merge-patch+json")
            #expect(stale.status == 409)
        }
    }

    @Test("metadata-only and Table responses")
    func representations() async throws {
        try await TestCluster.with { _, client in
            _ = try await client.request("POST", "/api/v1/namespaces/default/configmaps", json: Fixtures.configMap("a", data: ["k": "v"]))
            let metadata = try await client.json(
                "/api/v1/namespaces/default/configmaps/a", accept: "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1")
            #expect(metadata["kind"] == "PartialObjectMetadata" && metadata["apiVersion"] == "meta.k8s.io/v1")
            #expect(metadata["data"] == nil && metadata[path: ["metadata", "name"]] == "a")
            let list = try await client.json(
                "/api/v1/namespaces/default/configmaps", accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1")
            #expect(list["kind"] == "PartialObjectMetadataList")
            #expect(list["items"]?[0]?["kind"] == "PartialObjectMetadata")
            let table = try await client.json("/api/v1/namespaces/default/configmaps", accept: "application/json;as=Table;v=v1;g=meta.k8s.io")
            #expect(table["kind"] == "Table")
            #expect(table["columnDefinitions"]?.arrayValue?.map { $0["name"] } == ["Name", "Data", "Age"])
            #expect(table["rows"]?[0]?["cells"]?[1] == 1)
            #expect(
                try await client.request("GET", "/api/v1/namespaces/default/configmaps", accept: "application/vnd.kubernetes.protobuf").status == 406)
        }
    }

    @Test("errors carry Status bodies with reasons")
    func errors() async throws {
        try await TestCluster.with { _, client in
            let missing = try await client.request("GET", "/api/v1/namespaces/default/configmaps/none")
            #expect(missing.status == 404)
            #expect(
                try missing.json() == [
                    "apiVersion": "v1", "kind": "Status", "metadata": [:], "status": "Failure", "reason": "NotFound", "code": 404,
                    "message": #"configmaps "none" not found"#, "details": ["name": "none", "group": "", "kind": "configmaps"],
                ])
            #expect(try await client.request("GET", "/apis/nope/v1/things").status == 404)
            #expect(try await client.request("POST", "/api/v1/namespaces/default/configmaps", rawBody: Array("{".utf8)).status == 400)
            let deleted = try await client.request("DELETE", "/api/v1/namespaces/default/configmaps/none")
            #expect(try deleted.json()["reason"] == "NotFound")
        }
    }
}
