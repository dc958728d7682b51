import Foundation
import KubeClient
import KubeModels
import Logging
import Manifests

/// Records Kubernetes Events on a ClusterPolicy for transitions users care about (a component became
/// ready or not ready, an edited object was reverted, a policy is ignored). Events about a
/// cluster-scoped object live in the `default` namespace, where `kubectl describe` finds them.
package struct EventRecorder: Sendable {
    private let client: KubeClient
    private let logger: Logger
    private let wallClock: @Sendable () -> Date

    /// Creates a recorder.
    /// - Parameters:
    ///   - client: where Events are created.
    ///   - logger: where failures to record are logged.
    ///   - wallClock: the time Events are stamped with.
    package init(client: KubeClient, logger: Logger, wallClock: @escaping @Sendable () -> Date) {
        self.client = client
        self.logger = logger
        self.wallClock = wallClock
    }

    /// Creates one Event; a failure is logged, never thrown (an Event is not worth failing a reconcile).
    /// - Parameters:
    ///   - policy: the ClusterPolicy the event is about.
    ///   - warning: `Warning` when true, else `Normal`.
    ///   - reason: a CamelCase reason, e.g. `ComponentReady`.
    ///   - message: what happened, for people.
    package func record(_ policy: ClusterPolicy, warning: Bool = false, reason: String, message: String) async {
        let now = Timestamp(wallClock()).rfc3339
        let name = policy.metadata.name ?? "clusterpolicy"
        var event = Event(
            metadata: ObjectMeta(name: "\(name).\(Self.suffix())", namespace: "default"),
            involvedObject: ObjectReference(apiVersion: "nvidia.com/v1", kind: "ClusterPolicy", name: name, uid: policy.metadata.uid),
            reason: reason, message: String(message.prefix(1024)), type: warning ? "Warning" : "Normal")
        event.source = EventSource(component: "gpu-operator")
        event.firstTimestamp = now
        event.lastTimestamp = now
        event.count = 1
        event.reportingComponent = "gpu-operator"
        do {
            _ = try await client.create(event, namespace: "default")
        } catch {
            logger.warning("could not record event", metadata: ["reason": .string(reason), "error": .string("\(error)")])
        }
    }

    private static func suffix() -> String {
        String(UInt64.random(in: 0..<UInt64.max), radix: 16)
    }
}
