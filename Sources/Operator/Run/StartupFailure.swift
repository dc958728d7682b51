import KubeClient

/// How `operator run` judges a failure before it has started: a configuration that cannot work is a
/// decision (one line, exit 1, the pod restarts and says why); anything else may be a server that is not
/// up yet, and is retried until the start-up deadline.
enum StartupFailure {
    /// The line to print when `error` means the configuration cannot work, or `nil` when retrying may help.
    static func fatalExplanation(_ error: any Error) -> String? {
        if let configuration = error as? ConfigurationError {
            return "cannot configure the Kubernetes client: \(configuration); check --kubeconfig, $KUBECONFIG and --context"
        }
        guard let error = error as? KubeError else { return nil }
        switch error.reason {
        case .unauthorized:
            return "the API server rejected the credentials (401 Unauthorized): \(error.message); "
                + "check the token, client certificate or exec plugin of the kubeconfig user"
        case .forbidden:
            return "the API server refused the request (403 Forbidden): \(error.message); check the operator's RBAC (config/rbac)"
        case .authentication:
            return "credentials could not be obtained: \(error.message); check the kubeconfig user's exec plugin or token file"
        case .transport:
            guard let curl = error.underlying as? CurlError, curl.isTLSFailure else { return nil }
            return "cannot connect securely to the API server: \(curl.explanation ?? curl.message); "
                + "check certificate-authority(-data), client-certificate/key and the server address in the kubeconfig"
        default:
            return nil
        }
    }
}
