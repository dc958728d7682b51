import Foundation
import KubeClient
import Testing

@Suite("Kubeconfig parsing, merging and resolution")
struct KubeconfigTests {
    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static func kubeconfig(user: String, cluster: String = "", namespace: String? = nil, current: String = "ctx") -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: \(current)
        clusters:
        - name: c1
          cluster:
            server: https://10.0.0.1:6443
            certificate-authority-data: \(base64("CA-PEM"))
        \(cluster)
        contexts:
        - name: ctx
          context:
            cluster: c1
            user: u1
        \(namespace.map { "    namespace: \($0)" } ?? "")
        users:
        - name: u1
          user:
        \(user)
        """
    }

    func resolve(_ yaml: String, context: String? = nil, in directory: TemporaryDirectory) throws -> ClientConfiguration {
        let path = try directory.write("config", yaml)
        return try Kubeconfig.load(path: path).makeConfiguration(context: context)
    }

    @Test("client certificate and key from inline data")
    func clientCertificateData() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let config = try resolve(
            Self.kubeconfig(
                user: """
                        client-certificate-data: \(Self.base64("CERT-PEM"))
                        client-key-data: \(Self.base64("KEY-PEM"))
                    """, namespace: "gpu-operator"), in: directory)
        #expect(config.server == "https://10.0.0.1:6443")
        #expect(config.tls.certificateAuthorityPEM == Array("CA-PEM".utf8))
        #expect(config.tls.clientCertificatePEM == Array("CERT-PEM".utf8))
        #expect(config.tls.clientKeyPEM == Array("KEY-PEM".utf8))
        #expect(config.authentication == .none)
        #expect(config.defaultNamespace == "gpu-operator")
        #expect(!config.description.contains("KEY-PEM"))
    }

    @Test("client certificate, key and CA from files relative to the kubeconfig")
    func relativeFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write("pki/client.crt", "CERT-FILE")
        try directory.write("pki/client.key", "KEY-FILE")
        try directory.write("pki/ca.crt", "CA-FILE")
        let yaml = """
            apiVersion: v1
            kind: Config
            current-context: ctx
            clusters:
            - name: c1
              cluster:
                server: https://api.example:6443
                certificate-authority: pki/ca.crt
            contexts:
            - name: ctx
              context: {cluster: c1, user: u1}
            users:
            - name: u1
              user:
                client-certificate: pki/client.crt
                client-key: pki/client.key
            """
        let config = try resolve(yaml, in: directory)
        #expect(config.tls.clientCertificatePEM == Array("CERT-FILE".utf8))
        #expect(config.tls.clientKeyPEM == Array("KEY-FILE".utf8))
        #expect(config.tls.certificateAuthorityPEM == Array("CA-FILE".utf8))
        #expect(config.defaultNamespace == "default")
    }

    @Test("bearer token")
    func token() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let config = try resolve(Self.kubeconfig(user: "    token: abc.def"), in: directory)
        #expect(config.authentication == .bearerToken("abc.def"))
        #expect(!config.description.contains("abc.def"))
    }

    @Test("token file wins over token and is re-read")
    func tokenFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let config = try resolve(Self.kubeconfig(user: "    token: inline\n    tokenFile: secrets/token"), in: directory)
        #expect(config.authentication == .tokenFile(path: directory.file("secrets/token"), refreshInterval: .seconds(60)))
    }

    @Test("basic auth")
    func basic() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let config = try resolve(Self.kubeconfig(user: "    username: admin\n    password: s3cret"), in: directory)
        #expect(config.authentication == .basic(username: "admin", password: "s3cret"))
    }

    @Test("exec plugins of both API versions", arguments: ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"])
    func exec(apiVersion: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let config = try resolve(
            Self.kubeconfig(
                user: """
                        exec:
                          apiVersion: \(apiVersion)
                          command: ./bin/get-token
                          args: ["--cluster", "prod"]
                          env:
                          - name: REGION
                            value: eu-west-1
                          provideClusterInfo: true
                          interactiveMode: Never
                    """), in: directory)
        guard case .exec(let exec) = config.authentication else {
            Issue.record("expected exec authentication, got \(config.authentication)")
            return
        }
        #expect(exec.apiVersion == apiVersion)
        #expect(exec.command == directory.file("bin/get-token"))
        #expect(exec.arguments == ["--cluster", "prod"])
        #expect(exec.environment == [ExecEnvironmentVariable(name: "REGION", value: "eu-west-1")])
        #expect(exec.providesClusterInfo)
        #expect(exec.cluster?.server == "https://10.0.0.1:6443")
        #expect(exec.cluster?.certificateAuthorityData == Array("CA-PEM".utf8))
    }

    @Test("insecure-skip-tls-verify, tls-server-name and proxy-url")
    func clusterOptions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let yaml = """
            current-context: ctx
            clusters:
            - name: c1
              cluster:
                server: https://10.0.0.1:6443
                insecure-skip-tls-verify: true
                tls-server-name: kubernetes.default
                proxy-url: socks5://proxy:1080
            contexts:
            - name: ctx
              context: {cluster: c1}
            """
        let config = try resolve(yaml, in: directory)
        #expect(config.tls.skipsVerification)
        #expect(config.tls.serverName == "kubernetes.default")
        #expect(config.proxyURL == "socks5://proxy:1080")
        #expect(config.authentication == .none)
    }

    @Test(
        "resolution failures name the step",
        arguments: [
            ("current-context: missing\ncontexts: []", nil as String?, "context \"missing\" not found in the kubeconfig"),
            ("contexts: []", nil, "the kubeconfig has no current-context and no context was given"),
            ("current-context: c\ncontexts:\n- name: c\n  context: {cluster: nope}", nil, "cluster \"nope\" not found in the kubeconfig"),
            (
                "current-context: c\nclusters:\n- name: k\n  cluster: {server: https://x}\ncontexts:\n- name: c\n  context: {cluster: k, user: who}",
                nil, "user \"who\" not found in the kubeconfig"
            ),
            (
                "current-context: c\nclusters:\n- name: k\n  cluster: {server: 'ftp://x'}\ncontexts:\n- name: c\n  context: {cluster: k}",
                nil, "cluster \"k\" has an invalid server URL \"ftp://x\""
            ),
            (
                "current-context: c\nclusters:\n- name: k\n  cluster: {server: 'https://x', certificate-authority-data: '!!notbase64'}\ncontexts:\n- name: c\n  context: {cluster: k}",
                nil, "certificate-authority-data is not valid base64"
            ),
            (
                "current-context: c\nclusters:\n- name: k\n  cluster: {server: 'https://x'}\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nusers:\n- name: u\n  user:\n    auth-provider: {name: gcp}",
                nil, "unsupported authentication: auth-provider \"gcp\" (use an exec credential plugin instead)"
            ),
            (
                "current-context: c\nclusters:\n- name: k\n  cluster: {server: 'https://x'}\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\nusers:\n- name: u\n  user:\n    exec: {command: x, apiVersion: client.authentication.k8s.io/v1alpha1}",
                nil,
                "unsupported authentication: exec plugin apiVersion \"client.authentication.k8s.io/v1alpha1\" (supported: client.authentication.k8s.io/v1, client.authentication.k8s.io/v1beta1)"
            ),
            (
                "current-context: c\nclusters:\n- name: k\n  cluster: {server: 'https://x', certificate-authority: /nonexistent/ca.crt}\ncontexts:\n- name: c\n  context: {cluster: k}",
                nil, "cannot read certificate-authority file /nonexistent/ca.crt"
            ),
        ])
    func failures(yaml: String, context: String?, message: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        #expect {
            _ = try resolve(yaml, context: context, in: directory)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test("malformed YAML is reported with the file")
    func malformed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = try directory.write("config", "clusters: {not: [a list")
        #expect {
            _ = try Kubeconfig.load(path: path)
        } throws: { error in
            "\(error)".hasPrefix("kubeconfig \(path) is malformed: line 2, column 1: ")
        }
    }

    @Test("a value of the wrong type is malformed, naming the field, as kubectl's strict decoding does")
    func wrongType() throws {
        #expect {
            _ = try Kubeconfig.parse("users:\n- name: u\n  user: {token: 12345}\n", path: "config")
        } throws: { error in
            "\(error)".hasPrefix("kubeconfig config is malformed: users.Index 0.user.token: ")
        }
        let quoted = try Kubeconfig.parse("users:\n- name: u\n  user: {token: '12345'}\n", path: "config")
        #expect(quoted.users?.first?.user.token == "12345")
    }

    @Test("a kubeconfig of comments only is empty")
    func commentsOnly() throws {
        let config = try Kubeconfig.parse("# written by a tool that had nothing to say\n", path: "config")
        #expect(config == Kubeconfig())
    }

    @Test("KUBECONFIG files merge: first definition and first current-context win")
    func merging() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let first = try directory.write(
            "a/config",
            """
            clusters:
            - name: shared
              cluster: {server: https://first:6443}
            users:
            - name: alice
              user: {token: from-first}
            contexts:
            - name: dev
              context: {cluster: shared, user: alice, namespace: dev-ns}
            """)
        let second = try directory.write(
            "b/config",
            """
            current-context: prod
            clusters:
            - name: shared
              cluster: {server: https://second:6443}
            - name: prod-cluster
              cluster: {server: https://prod:6443}
            users:
            - name: alice
              user: {token: from-second}
            - name: bob
              user: {tokenFile: bob.token}
            contexts:
            - name: prod
              context: {cluster: prod-cluster, user: bob}
            """)
        let third = try directory.write("c/config", "current-context: dev\n")
        let environment = ConfigurationEnvironment(
            variables: ["KUBECONFIG": "\(first):\(directory.file("missing")):\(second)::\(third)"])
        let (merged, files) = try Kubeconfig.loadDefault(explicitPath: nil, environment: environment)
        #expect(files == [first, second, third])
        #expect(merged.currentContext == "prod")
        #expect(merged.clusters?.map(\.name) == ["shared", "prod-cluster"])

        let prod = try merged.makeConfiguration()
        #expect(prod.server == "https://prod:6443")
        #expect(prod.authentication == .tokenFile(path: directory.file("b/bob.token"), refreshInterval: .seconds(60)))

        let dev = try merged.makeConfiguration(context: "dev")
        #expect(dev.server == "https://first:6443")
        #expect(dev.authentication == .bearerToken("from-first"))
        #expect(dev.defaultNamespace == "dev-ns")
    }

    @Test("~/.kube/config is used when KUBECONFIG is unset")
    func homeConfig() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try directory.write(".kube/config", Self.kubeconfig(user: "    token: home"))
        let environment = ConfigurationEnvironment(variables: ["HOME": directory.path])
        let config = try ClientConfiguration.infer(environment: environment)
        #expect(config.authentication == .bearerToken("home"))
    }
}
