/// Why a validation check failed: one error type for the validator, each case carrying the cause in
/// words an operator can act on (what was missing, where, for how long).
package enum ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration (environment or flags) is unusable.
    case configuration(String)
    /// A binary was not found at any of the searched paths.
    case binaryNotFound(name: String, searched: [String])
    /// A command ran and failed (non-zero exit, or killed after its time limit).
    case commandFailed(command: String, reason: String)
    /// A condition did not hold at the only try (no waiting asked for).
    case notReady(what: String, reason: String)
    /// A condition did not hold within the bound.
    case timedOut(what: String, seconds: Int, last: String)
    /// A status file could not be removed or written.
    case statusFile(path: String, reason: String)
    /// A Kubernetes call failed.
    case kubernetes(action: String, reason: String)
    /// The node advertises no GPU resource.
    case noGPUCapacity(node: String, detail: String)
    /// A validation workload pod failed.
    case workloadFailed(pod: String, reason: String)
    /// A CUDA driver call failed (or the driver library could not be used).
    case cuda(call: String, reason: String)

    /// A one-line explanation, also published as the container's termination message.
    package var description: String {
        switch self {
        case .configuration(let message): "invalid configuration: \(message)"
        case .binaryNotFound(let name, let searched): "\(name) not found at \(searched.joined(separator: ", "))"
        case .commandFailed(let command, let reason): "\(command) failed: \(reason)"
        case .notReady(let what, let reason): "not ready (\(what)): \(reason)"
        case .timedOut(let what, let seconds, let last): "timed out after \(seconds) s waiting for \(what)" + (last.isEmpty ? "" : " (last: \(last))")
        case .statusFile(let path, let reason): "status file \(path): \(reason)"
        case .kubernetes(let action, let reason): "cannot \(action): \(reason)"
        case .noGPUCapacity(let node, let detail): "node \(node) advertises no GPU: \(detail)"
        case .workloadFailed(let pod, let reason): "validation pod \(pod) failed: \(reason)"
        case .cuda(let call, let reason): "\(call) failed: \(reason)"
        }
    }
}
