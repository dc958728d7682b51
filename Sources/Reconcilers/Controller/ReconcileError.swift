import KubeClient
import KubeModels

/// Why a step of the control loop failed, carrying the cause. One error type for the Reconcilers
/// layer; its description is what status conditions and logs show.
package enum ReconcileError: Error, Sendable, CustomStringConvertible {
    /// Server-side apply of an object failed.
    case apply(ObjectIdentity, cause: any Error)
    /// Deleting an object that is no longer wanted failed.
    case prune(ObjectIdentity, cause: any Error)
    /// A ConfigMap the policy names does not exist.
    case missingConfigMap(name: String, field: String, namespace: String)
    /// Reading a ConfigMap the policy names failed.
    case readConfigMap(name: String, cause: any Error)
    /// The policy could not be rendered.
    case render(String)
    /// Patching a node's labels failed.
    case labelNode(String, cause: any Error)
    /// Writing a ClusterPolicy's status failed.
    case writeStatus(String, cause: any Error)
    /// A driver-upgrade read or write about a node (or driver DaemonSet) failed.
    case upgrade(String, cause: any Error)

    /// What failed and why, for status messages and logs.
    package var description: String {
        switch self {
        case .apply(let identity, let cause): "applying \(identity): \(cause)"
        case .prune(let identity, let cause): "deleting \(identity): \(cause)"
        case .missingConfigMap(let name, let field, let namespace):
            "ConfigMap \(name) named by \(field) does not exist in namespace \(namespace)"
        case .readConfigMap(let name, let cause): "reading ConfigMap \(name): \(cause)"
        case .render(let message): "Cannot render the policy: \(message)"
        case .labelNode(let name, let cause): "labelling node \(name): \(cause)"
        case .writeStatus(let name, let cause): "writing the status of ClusterPolicy \(name): \(cause)"
        case .upgrade(let name, let cause): "driver upgrade of \(name): \(cause)"
        }
    }
}
