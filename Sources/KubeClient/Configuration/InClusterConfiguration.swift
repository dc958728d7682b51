import Foundation

/// The configuration of a pod talking to its own cluster: `KUBERNETES_SERVICE_HOST`/`_PORT` and the
/// mounted service-account token, CA bundle and namespace.
package enum InClusterConfiguration {
    /// Where Kubernetes mounts the service-account files.
    package static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// How often the service-account token is re-read; bound tokens rotate (kubelet refreshes them at
    /// 80% of their lifetime), and kube-rs and client-go re-read at least once a minute.
    package static let tokenRefreshInterval: Duration = .seconds(60)

    /// Builds the in-cluster configuration.
    /// - Parameter environment: environment variables and the service-account folder.
    /// - Throws: ``ConfigurationError/inClusterEnvironmentMissing(variable:)`` when not in a pod, or
    ///   ``ConfigurationError/inClusterFileUnreadable(path:reason:)`` when the token or CA is unreadable.
    package static func load(environment: ConfigurationEnvironment) throws(ConfigurationError) -> ClientConfiguration {
        guard let host = environment.variables["KUBERNETES_SERVICE_HOST"], !host.isEmpty else {
            throw .inClusterEnvironmentMissing(variable: "KUBERNETES_SERVICE_HOST")
        }
        guard let port = environment.variables["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw .inClusterEnvironmentMissing(variable: "KUBERNETES_SERVICE_PORT")
        }
        let directory = environment.serviceAccountDirectory as NSString
        let tokenPath = directory.appendingPathComponent("token")
        let caPath = directory.appendingPathComponent("ca.crt")
        let namespacePath = directory.appendingPathComponent("namespace")

        _ = try read(tokenPath)
        let certificateAuthority = try read(caPath)
        var namespace = "default"
        if FileManager.default.fileExists(atPath: namespacePath) {
            let text = String(decoding: try read(namespacePath), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { namespace = text }
        }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return ClientConfiguration(
            server: "https://\(hostPart):\(port)",
            tls: TLSSettings(certificateAuthorityPEM: certificateAuthority),
            authentication: .tokenFile(path: tokenPath, refreshInterval: tokenRefreshInterval),
            defaultNamespace: namespace)
    }

    private static func read(_ path: String) throws(ConfigurationError) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .inClusterFileUnreadable(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}

extension ClientConfiguration {
    /// Finds a configuration the way kubectl and kube-rs do: a kubeconfig (`explicitPath`, else
    /// `KUBECONFIG`, else `~/.kube/config`), else the in-cluster environment.
    /// - Parameters:
    ///   - kubeconfigPath: an explicit kubeconfig; when given, only it is tried.
    ///   - context: the context to use instead of `current-context`.
    ///   - environment: variables and service-account folder (the process's by default).
    /// - Throws: the kubeconfig error when a path was given; otherwise, when neither source works,
    ///   ``ConfigurationError/inferenceFailed(kubeconfig:inCluster:)`` with both reasons.
    package static func infer(
        kubeconfigPath: String? = nil, context: String? = nil, environment: ConfigurationEnvironment = .process
    ) throws(ConfigurationError) -> ClientConfiguration {
        let kubeconfigError: ConfigurationError
        do throws(ConfigurationError) {
            let (config, _) = try Kubeconfig.loadDefault(explicitPath: kubeconfigPath, environment: environment)
            return try config.makeConfiguration(context: context)
        } catch {
            if kubeconfigPath != nil { throw error }
            kubeconfigError = error
        }
        do throws(ConfigurationError) {
            return try InClusterConfiguration.load(environment: environment)
        } catch {
            throw .inferenceFailed(kubeconfig: kubeconfigError, inCluster: error)
        }
    }
}
