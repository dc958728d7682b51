import Foundation
import KubeClient
import KubeModels
import KubeSim
import Testing

@Suite("KubeClient against KubeSim over HTTPS: TLS and authentication", .serialized)
struct KubeSimAuthenticationTests {
    @Test("mutual TLS with an in-memory client certificate")
    func mutualTLS() async throws {
        try await KubeSimHarness.withServer({ $0.gpuNodes = 2 }) { server in
            let client = try KubeSimHarness.client(KubeSimHarness.configuration(server, clientCertificate: true))
            let nodes = try await client.list(Node.self)
            #expect(nodes.items.count == 2)
            let namespace = try await client.get(Namespace.self, name: "kube-system")
            #expect(namespace?.metadata.name == "kube-system")
        }
    }

    @Test("the generated kubeconfig works for both credential kinds", arguments: [false, true])
    func kubeconfigFromServer(useToken: Bool) async throws {
        try await KubeSimHarness.withServer { server in
            let directory = try TemporaryDirectory()
            defer { directory.cleanUp() }
            let path = try directory.write("config", server.kubeconfig(useToken: useToken))
            let configuration = try ClientKubeconfig.load(path: path).makeConfiguration()
            if useToken {
                #expect(configuration.authentication == .bearerToken(server.token))
            } else {
                #expect(configuration.tls.clientCertificatePEM != nil)
            }
            let client = try KubeSimHarness.client(configuration)
            #expect(try await client.get(Namespace.self, name: "default") != nil)
        }
    }

    @Test("a bearer token authenticates; a wrong one is unauthorized")
    func bearerToken() async throws {
        try await KubeSimHarness.withServer { server in
            let good = try KubeSimHarness.client(
                KubeSimHarness.configuration(server, authentication: .bearerToken(server.token)))
            #expect(try await good.get(Namespace.self, name: "default") != nil)
            let bad = try KubeSimHarness.client(
                KubeSimHarness.configuration(server, authentication: .bearerToken("not-a-token")))
            await #expect {
                _ = try await bad.get(Namespace.self, name: "default")
            } throws: { error in
                (error as? KubeError)?.reason == .unauthorized
            }
        }
    }

    @Test("a rotated token file is picked up after the refresh interval and after a 401")
    func tokenFileRotation() async throws {
        try await KubeSimHarness.withServer { server in
            let directory = try TemporaryDirectory()
            defer { directory.cleanUp() }
            let path = try directory.write("token", server.token + "\n")
            let clock = InstantSleepClock()
            let client = try KubeSimHarness.client(
                KubeSimHarness.configuration(server, authentication: .tokenFile(path: path, refreshInterval: .seconds(60))),
                clock: clock)
            #expect(try await client.get(Namespace.self, name: "default") != nil)

            // A revoked token written to the file is only read after the refresh interval.
            try directory.write("token", "revoked")
            #expect(try await client.get(Namespace.self, name: "default") != nil)
            clock.advance(by: .seconds(61))
            await #expect {
                _ = try await client.get(Namespace.self, name: "default")
            } throws: { error in
                (error as? KubeError)?.reason == .unauthorized
            }

            // The rotated token is read at once when the server rejects the cached one.
            await server.addToken("rotated-token")
            try directory.write("token", "rotated-token")
            #expect(try await client.get(Namespace.self, name: "default") != nil)
        }
    }

    @Test("an exec plugin runs once and its credential is cached")
    func execPlugin() async throws {
        try await KubeSimHarness.withServer { server in
            let directory = try TemporaryDirectory()
            defer { directory.cleanUp() }
            let counter = directory.file("runs")
            let expiration = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
            try directory.write(
                "bin/credential-plugin",
                """
                #!/bin/sh
                echo run >> "$COUNTER_FILE"
                printf '%s' "$KUBERNETES_EXEC_INFO" > "$COUNTER_FILE.info"
                echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"\(server.token)","expirationTimestamp":"\(expiration)"}}'
                """, executable: true)
            let kubeconfig = """
                apiVersion: v1
                kind: Config
                current-context: sim
                clusters:
                - name: sim
                  cluster:
                    server: \(server.url)
                    certificate-authority-data: \(Data(server.caPEM.utf8).base64EncodedString())
                contexts:
                - name: sim
                  context: {cluster: sim, user: plugin}
                users:
                - name: plugin
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1
                      command: bin/credential-plugin
                      interactiveMode: Never
                      provideClusterInfo: true
                      env:
                      - {name: COUNTER_FILE, value: \(counter)}
                """
            let configuration = try ClientKubeconfig.load(path: try directory.write("config", kubeconfig)).makeConfiguration()
            let client = try KubeSimHarness.client(configuration)
            for _ in 0..<3 { #expect(try await client.get(Namespace.self, name: "default") != nil) }
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 { group.addTask { try await client.get(Namespace.self, name: "default") != nil } }
                for try await found in group { #expect(found) }
            }
            let runs = try String(contentsOfFile: counter, encoding: .utf8).split(separator: "\n")
            #expect(runs.count == 1)
            let info = try String(contentsOfFile: counter + ".info", encoding: .utf8)
            #expect(info.contains("\"kind\":\"ExecCredential\""))
            #expect(info.contains(server.url))
        }
    }

    @Test("in-cluster configuration from temporary files and environment variables")
    func inCluster() async throws {
        try await KubeSimHarness.withServer({ $0.cpuNodes = 1 }) { server in
            let directory = try TemporaryDirectory()
            defer { directory.cleanUp() }
            try directory.write("serviceaccount/token", server.token)
            try directory.write("serviceaccount/ca.crt", server.caPEM)
            try directory.write("serviceaccount/namespace", "kube-system")
            let environment = ConfigurationEnvironment(
                variables: [
                    "HOME": directory.path, "KUBERNETES_SERVICE_HOST": "127.0.0.1",
                    "KUBERNETES_SERVICE_PORT": String(server.port),
                ],
                serviceAccountDirectory: directory.file("serviceaccount"))
            let configuration = try ClientConfiguration.infer(environment: environment)
            #expect(configuration.defaultNamespace == "kube-system")
            let client = try KubeSimHarness.client(configuration)
            #expect(try await client.list(Node.self).items.count == 1)
            #expect(try await client.get(Namespace.self, name: client.defaultNamespace) != nil)
        }
    }

    @Test("a server certificate from another CA is rejected with a clear TLS error, not retried")
    func wrongCA() async throws {
        try await KubeSimHarness.withServer { other in
            try await KubeSimHarness.withServer { server in
                var configuration = KubeSimHarness.configuration(server, authentication: .bearerToken(server.token))
                configuration.tls.certificateAuthorityPEM = KubeSimHarness.certificateAuthority(other)
                let client = try KubeSimHarness.client(configuration)
                let before = await server.stats().total
                do {
                    _ = try await client.get(Namespace.self, name: "default")
                    Issue.record("the wrong CA was accepted")
                } catch let error as KubeError {
                    #expect(error.reason == .transport)
                    let curlError = try #require(error.underlying as? CurlError)
                    #expect(curlError.isTLSFailure)
                    #expect("\(curlError)".contains("could not be verified against the configured certificate authority"))
                    #expect("\(error)".contains("GET /api/v1/namespaces/default"))
                }
                #expect(await server.stats().total == before)
            }
        }
    }
}
