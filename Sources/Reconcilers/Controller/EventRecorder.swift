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
        let name = policy.metadata.name ?? "clusterpolicy"
        let subject = ObjectReference(apiVersion: "nvidia.com/v1", kind: "ClusterPolicy", name: name, uid: policy.metadata.uid)
        await record(about: subject, warning: warning, reason: reason, message: message)
    }

    /// Creates one Event about a Node (e.g. its driver-upgrade transitions, reason `GPUDriverUpgrade`);
    /// `kubectl describe node` shows it.
    package func record(node: String, warning: Bool = false, reason: String, message: String) async {
        await record(
            about: ObjectReference(apiVersion: "v1", kind: "Node", name: node, uid: node), warning: warning, reason: reason, message: message)
    }

    /// Creates one Event about `subject` in the `default` namespace (where events about cluster-scoped
    /// objects live).
    private func record(about subject: ObjectReference, warning: Bool, reason: String, message: String) async {
        let now = Timestamp(wallClock()).rfc3339
        let name = subject.name ?? "object"
        var event = Event(
            metadata: ObjectMeta(name: "\(name).\(Self.suffix())", namespace: "default"),
            involvedObject: subject, reason: reason, message: String(message.prefix(1024)), type: warning ? "Warning" : "Normal")
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
