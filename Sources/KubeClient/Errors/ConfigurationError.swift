/// Why a client configuration could not be built, one case per step of loading a kubeconfig,
/// reading in-cluster files, or running an exec credential plugin.
package enum ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// None of the candidate kubeconfig files exists.
    case kubeconfigNotFound(searched: [String])
    /// A kubeconfig file exists but could not be read.
    case kubeconfigUnreadable(path: String, reason: String)
    /// A kubeconfig file is not valid YAML of the expected shape.
    case kubeconfigMalformed(path: String, reason: String)
    /// The kubeconfig names no current context and none was requested.
    case noCurrentContext
    /// The requested context does not exist.
    case contextNotFound(String)
    /// The context names a cluster that does not exist.
    case clusterNotFound(String)
    /// The context names a user that does not exist.
    case userNotFound(String)
    /// The cluster entry has no usable `server` URL.
    case invalidServer(cluster: String, server: String)
    /// A file named by the configuration could not be read.
    case fileUnreadable(field: String, path: String, reason: String)
    /// A `*-data` field is not valid base64.
    case invalidBase64(field: String)
    /// The user entry uses an auth mechanism this client does not support (e.g. `auth-provider`).
    case unsupportedAuthentication(String)
    /// The exec plugin could not be started.
    case execPluginNotStarted(command: String, reason: String)
    /// The exec plugin exited with a failure; `stderr` is its (truncated) error output.
    case execPluginFailed(command: String, exitCode: Int32, stderr: String)
    /// The exec plugin's output is not a usable `ExecCredential`.
    case execPluginOutputInvalid(command: String, reason: String)
    /// A required in-cluster environment variable is not set.
    case inClusterEnvironmentMissing(variable: String)
    /// An in-cluster service-account file could not be read.
    case inClusterFileUnreadable(path: String, reason: String)
    /// Neither a kubeconfig nor the in-cluster environment gave a configuration.
    indirect case inferenceFailed(kubeconfig: ConfigurationError, inCluster: ConfigurationError)

    /// A message that names the step that failed and the file or field involved.
    package var description: String {
        switch self {
        case .kubeconfigNotFound(let searched):
            "no kubeconfig found (looked at: \(searched.isEmpty ? "nothing" : searched.joined(separator: ", ")))"
        case .kubeconfigUnreadable(let path, let reason): "cannot read kubeconfig \(path): \(reason)"
        case .kubeconfigMalformed(let path, let reason): "kubeconfig \(path) is malformed: \(reason)"
        case .noCurrentContext: "the kubeconfig has no current-context and no context was given"
        case .contextNotFound(let name): "context \"\(name)\" not found in the kubeconfig"
        case .clusterNotFound(let name): "cluster \"\(name)\" not found in the kubeconfig"
        case .userNotFound(let name): "user \"\(name)\" not found in the kubeconfig"
        case .invalidServer(let cluster, let server): "cluster \"\(cluster)\" has an invalid server URL \"\(server)\""
        case .fileUnreadable(let field, let path, let reason): "cannot read \(field) file \(path): \(reason)"
        case .invalidBase64(let field): "\(field) is not valid base64"
        case .unsupportedAuthentication(let what): "unsupported authentication: \(what)"
        case .execPluginNotStarted(let command, let reason): "cannot run exec credential plugin \(command): \(reason)"
        case .execPluginFailed(let command, let exitCode, let stderr):
            "exec credential plugin \(command) exited with status \(exitCode)"
                + (stderr.isEmpty ? "" : ": \(stderr)")
        case .execPluginOutputInvalid(let command, let reason):
            "exec credential plugin \(command) returned an invalid ExecCredential: \(reason)"
        case .inClusterEnvironmentMissing(let variable):
            "not running in a cluster: environment variable \(variable) is not set"
        case .inClusterFileUnreadable(let path, let reason): "cannot read in-cluster file \(path): \(reason)"
        case .inferenceFailed(let kubeconfig, let inCluster):
            "no Kubernetes configuration: kubeconfig: \(kubeconfig); in-cluster: \(inCluster)"
        }
    }
}
