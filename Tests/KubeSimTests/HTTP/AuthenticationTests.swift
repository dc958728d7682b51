import KubeModels
import KubeSim
import Testing

@Suite("HTTPS, client certificates and bearer tokens")
struct AuthenticationTests {
    @Test("unauthenticated requests get a 401 Status; version and health need no credentials")
    func unauthenticated() async throws {
        try await TestCluster.with(tls: true) { server, _ in
            let anonymous = try TestHTTPClient(server: server, authentication: .none)
            let denied = try await anonymous.request("GET", "/api/v1/namespaces")
            #expect(denied.status == 401)
            let status = try denied.json()
            #expect(status["kind"] == "Status" && status["reason"] == "Unauthorized" && status["code"] == 401)
            #expect(try await anonymous.request("GET", "/version").status == 200)
            #expect(try await anonymous.request("GET", "/healthz").body == Array("ok".utf8))
            #expect(try await anonymous.request("GET", "/kubesim/stats").status == 401)
            let wrong = try TestHTTPClient(server: server, authentication: .customToken("wrong"))
            #expect(try await wrong.request("GET", "/api").status == 401)
        }
    }

    @Test("the generated client certificate and the token both authenticate over HTTPS", arguments: [true, false])
    func authenticated(certificate: Bool) async throws {
        try await TestCluster.with(tls: true) { server, _ in
            #expect(server.url.hasPrefix("https://127.0.0.1:"))
            let client = try TestHTTPClient(server: server, authentication: certificate ? .certificate : .token)
            let namespaces = try await client.json("/api/v1/namespaces")
            #expect(namespaces["kind"] == "NamespaceList")
            #expect(namespaces["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue }.contains("default") == true)
        }
    }

    @Test("tokens added at run time are accepted")
    func addedToken() async throws {
        try await TestCluster.with { server, client in
            let later = try TestHTTPClient(server: server, authentication: .customToken("late-token"))
            #expect(try await later.request("GET", "/api").status == 401)
            await server.addToken("late-token")
            #expect(try await later.request("GET", "/api").status == 200)
            let viaAdmin = try TestHTTPClient(server: server, authentication: .customToken("admin-token"))
            #expect(try await client.request("POST", "/kubesim/tokens", json: ["token": "admin-token"]).status == 200)
            #expect(try await viaAdmin.request("GET", "/api").status == 200)
        }
    }

    @Test("the kubeconfig names the server and embeds the credentials")
    func kubeconfig() async throws {
        try await TestCluster.with(tls: true) { server, _ in
            let certificate = try YAMLReader.value(in: server.kubeconfig(), file: "kubeconfig")
            #expect(certificate[path: ["current-context"]] == "kubesim")
            #expect(certificate["clusters"]?[0]?[path: ["cluster", "server"]] == .string(server.url))
            let caData = try #require(certificate["clusters"]?[0]?[path: ["cluster", "certificate-authority-data"]]?.stringValue)
            #expect(Base64.decode(caData) == Array(server.caPEM.utf8))
            #expect(certificate["users"]?[0]?[path: ["user", "client-certificate-data"]] != nil)
            let token = try YAMLReader.value(in: server.kubeconfig(useToken: true), file: "kubeconfig")
            #expect(token["users"]?[0]?[path: ["user", "token"]] == .string(server.token))
        }
    }
}
