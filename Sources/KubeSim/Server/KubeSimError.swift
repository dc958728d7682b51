/// Why a KubeSim server could not start or run (the API layer's own failures are ``APIError``).
package struct KubeSimError: Error, Sendable, CustomStringConvertible {
    /// Which step failed.
    package enum Step: String, Sendable {
        /// Generating or loading TLS material.
        case credentials
        /// Binding the listening socket.
        case listen
        /// Writing the kubeconfig or other output.
        case output
        /// Parsing command-line or admin input.
        case input
    }

    /// The failed step.
    package var step: Step
    /// What happened.
    package var message: String
    /// The underlying error, if any.
    package var underlying: (any Error)?

    /// Creates an error.
    package init(_ step: Step, _ message: String, underlying: (any Error)? = nil) {
        self.step = step
        self.message = message
        self.underlying = underlying
    }

    /// `<step>: <message>: <underlying>`.
    package var description: String {
        "\(step.rawValue): \(message)" + (underlying.map { ": \($0)" } ?? "")
    }
}
