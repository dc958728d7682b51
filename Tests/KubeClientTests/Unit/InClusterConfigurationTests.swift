import Foundation
import KubeClient
import Testing

@Suite("In-cluster configuration and inference")
struct InClusterConfigurationTests {
    func serviceAccount(namespace: String? = "gpu-operator") throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("token", "sa-token\n")
        try directory.write("ca.crt", "CLUSTER-CA")
        if let namespace { try directory.write("namespace", namespace) }
        return directory
    }

    @Test("host, port, token file, CA and namespace come from env and files")
    func load() throws {
        let directory = try serviceAccount()
        defer { directory.cleanUp() }
        let environment = ConfigurationEnvironment(
            variables: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
            serviceAccountDirectory: directory.path)
        let config = try InClusterConfiguration.load(environment: environment)
        #expect(config.server == "https://10.96.0.1:443")
        #expect(config.tls.certificateAuthorityPEM == Array("CLUSTER-CA".utf8))
        #expect(config.authentication == .tokenFile(path: directory.file("token"), refreshInterval: .seconds(60)))
        #expect(config.defaultNamespace == "gpu-operator")
    }

    @Test("an IPv6 service host is bracketed; a missing namespace file means default")
    func ipv6AndDefaultNamespace() throws {
        let directory = try serviceAccount(namespace: nil)
        defer { directory.cleanUp() }
        let environment = ConfigurationEnvironment(
            variables: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"],
            serviceAccountDirectory: directory.path)
        let config = try InClusterConfiguration.load(environment: environment)
        #expect(config.server == "https://[fd00::1]:6443")
        #expect(config.defaultNamespace == "default")
    }

    @Test(
        "each missing piece is named",
        arguments: [
            ([String: String](), true, "not running in a cluster: environment variable KUBERNETES_SERVICE_HOST is not set"),
            (["KUBERNETES_SERVICE_HOST": "h"], true, "not running in a cluster: environment variable KUBERNETES_SERVICE_PORT is not set"),
            (["KUBERNETES_SERVICE_HOST": "h", "KUBERNETES_SERVICE_PORT": "1"], false, "cannot read in-cluster file"),
        ])
    func failures(variables: [String: String], withFiles: Bool, message: String) throws {
        let directory = withFiles ? try serviceAccount() : try TemporaryDirectory()
        defer { directory.cleanUp() }
        let environment = ConfigurationEnvironment(variables: variables, serviceAccountDirectory: directory.path)
        #expect {
            _ = try InClusterConfiguration.load(environment: environment)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test("inference falls back to in-cluster when no kubeconfig exists")
    func inferInCluster() throws {
        let directory = try serviceAccount()
        defer { directory.cleanUp() }
        let environment = ConfigurationEnvironment(
            variables: ["HOME": directory.path, "KUBERNETES_SERVICE_HOST": "10.0.0.9", "KUBERNETES_SERVICE_PORT": "6443"],
            serviceAccountDirectory: directory.path)
        let config = try ClientConfiguration.infer(environment: environment)
        #expect(config.server == "https://10.0.0.9:6443")
    }

    @Test("when both sources fail the error gives both reasons")
    func inferBothFail() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let environment = ConfigurationEnvironment(variables: ["HOME": directory.path], serviceAccountDirectory: directory.path)
        do {
            _ = try ClientConfiguration.infer(environment: environment)
            Issue.record("inference should fail")
        } catch {
            guard case .inferenceFailed(let kubeconfig, let inCluster) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect("\(kubeconfig)".hasPrefix("no kubeconfig found (looked at: \(directory.path)/.kube/config)"))
            #expect("\(inCluster)".contains("KUBERNETES_SERVICE_HOST"))
            #expect("\(error)".contains("kubeconfig: no kubeconfig found"))
            #expect("\(error)".contains("in-cluster: not running in a cluster"))
        }
    }

    @Test("an explicit kubeconfig path is the only source tried")
    func explicitPath() throws {
        let directory = try serviceAccount()
        defer { directory.cleanUp() }
        let environment = ConfigurationEnvironment(
            variables: ["KUBERNETES_SERVICE_HOST": "10.0.0.9", "KUBERNETES_SERVICE_PORT": "6443"],
            serviceAccountDirectory: directory.path)
        #expect {
            _ = try ClientConfiguration.infer(kubeconfigPath: directory.file("nope"), environment: environment)
        } throws: { error in
            "\(error)" == "no kubeconfig found (looked at: \(directory.file("nope")))"
        }
    }
}
