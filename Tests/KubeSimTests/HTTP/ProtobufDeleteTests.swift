import KubeModels
import Testing

@testable import KubeSim

/// Go clients (Helm's release storage among them) send `DeleteOptions` as protobuf; a real API server
/// honours them like the JSON form.
@Suite("Protobuf DeleteOptions")
struct ProtobufDeleteTests {
    static let secrets = "/api/v1/namespaces/default/secrets"
    static let protobuf = "application/vnd.kubernetes.protobuf"

    /// A length-delimited protobuf field.
    static func field(_ number: Int, _ bytes: [UInt8]) -> [UInt8] { [UInt8(number << 3 | 2), UInt8(bytes.count)] + bytes }

    /// `DeleteOptions` in the `k8s\0` envelope, typed as client-go types it for core resources.
    static func deleteOptions(propagation: String, uid: String? = nil, apiVersion: String = "v1") -> [UInt8] {
        var options = field(4, Array(propagation.utf8))
        if let uid { options = field(2, field(1, Array(uid.utf8))) + options }
        let typeMeta = field(1, Array(apiVersion.utf8)) + field(2, Array("DeleteOptions".utf8))
        return [0x6B, 0x38, 0x73, 0x00] + field(1, typeMeta) + field(2, options)
    }

    @Test("a protobuf DeleteOptions body is decoded: its uid precondition is enforced, then the object is deleted")
    func deleteWithProtobufOptions() async throws {
        try await TestCluster.with { _, client in
            let created = try await client.request(
                "POST", Self.secrets, json: ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "sh.helm.release.v1.r.v1"]])
            #expect(created.status == 201)
            let uid = try #require(try created.json()[path: ["metadata", "uid"]]?.stringValue)
            let path = "\(Self.secrets)/sh.helm.release.v1.r.v1"
            let stale = try await client.request(
                "DELETE", path, rawBody: Self.deleteOptions(propagation: "Background", uid: "not-\(uid)"), contentType: Self.protobuf)
            #expect(stale.status == 409)
            let deleted = try await client.request(
                "DELETE", path, rawBody: Self.deleteOptions(propagation: "Background", uid: uid, apiVersion: "meta.k8s.io/v1"),
                contentType: Self.protobuf)
            #expect(deleted.status == 200)
            #expect(try await client.request("GET", path).status == 404)
        }
    }

    @Test("a protobuf body of a kind kube-sim cannot decode is 415, and the object stays")
    func undecodableKind() async throws {
        try await TestCluster.with { _, client in
            _ = try await client.request("POST", Self.secrets, json: ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"]])
            let typeMeta = Self.field(1, Array("apps/v1".utf8)) + Self.field(2, Array("Deployment".utf8))
            let body: [UInt8] = [0x6B, 0x38, 0x73, 0x00] + Self.field(1, typeMeta)
            #expect(try await client.request("DELETE", "\(Self.secrets)/s", rawBody: body, contentType: Self.protobuf).status == 415)
            #expect(try await client.request("GET", "\(Self.secrets)/s").status == 200)
        }
    }
}
