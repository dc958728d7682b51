/// A container probe (startup, liveness or readiness).
package struct Probe: Codable, Sendable, Hashable {
    package var exec: ExecAction?
    package var httpGet: HTTPGetAction?
    package var tcpSocket: TCPSocketAction?
    package var initialDelaySeconds: Int?
    package var timeoutSeconds: Int?
    package var periodSeconds: Int?
    package var successThreshold: Int?
    package var failureThreshold: Int?

    /// Creates a probe without a handler.
    package init() {}
}

/// Runs a command in the container.
package struct ExecAction: Codable, Sendable, Hashable {
    package var command: [String]?
}

/// Sends an HTTP GET to the container.
package struct HTTPGetAction: Codable, Sendable, Hashable {
    package var path: String?
    package var port: IntOrString
    package var host: String?
    package var scheme: String?
}

/// Opens a TCP connection to the container.
package struct TCPSocketAction: Codable, Sendable, Hashable {
    package var port: IntOrString
    package var host: String?
}

/// Hooks run around a container's start and stop.
package struct Lifecycle: Codable, Sendable, Hashable {
    package var postStart: LifecycleHandler?
    package var preStop: LifecycleHandler?
}

/// One lifecycle hook.
package struct LifecycleHandler: Codable, Sendable, Hashable {
    package var exec: ExecAction?
    package var httpGet: HTTPGetAction?
}
