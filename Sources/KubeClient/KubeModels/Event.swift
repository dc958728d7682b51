/// A core event (`v1` `Event`): what `kubectl describe` shows under "Events".
package struct Event: KubeResource, Hashable {
    /// `events` in the core group.
    package static var resourceType: ResourceType { .events }
    /// `v1`.
    package var apiVersion: String? = "v1"
    /// `Event`.
    package var kind: String? = "Event"
    /// Standard metadata.
    package var metadata: ObjectMeta
    /// The object the event is about.
    package var involvedObject: ObjectReference
    /// Machine-readable reason, e.g. `Reconciled`.
    package var reason: String?
    /// Human-readable description.
    package var message: String?
    /// The reporting component (deprecated in favour of ``reportingComponent``).
    package var source: EventSource?
    /// First occurrence (RFC 3339).
    package var firstTimestamp: String?
    /// Last occurrence (RFC 3339).
    package var lastTimestamp: String?
    /// How many times it occurred.
    package var count: Int?
    /// `Normal` or `Warning`.
    package var type: String?
    /// When it was first observed (MicroTime).
    package var eventTime: String?
    /// What was done, e.g. `Apply`.
    package var action: String?
    /// The reporting controller, e.g. `nvidia.com/gpu-operator`.
    package var reportingComponent: String?
    /// The reporting instance (pod name).
    package var reportingInstance: String?

    /// Creates an event about an object.
    package init(
        metadata: ObjectMeta, involvedObject: ObjectReference, reason: String? = nil, message: String? = nil,
        type: String? = nil
    ) {
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
    }
}

/// The component that reported a core event.
package struct EventSource: Codable, Sendable, Hashable {
    /// The component name.
    package var component: String?
    /// The node it runs on.
    package var host: String?

    /// Creates a source.
    package init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}

/// A reference to an object (`v1` `ObjectReference`).
package struct ObjectReference: Codable, Sendable, Hashable {
    /// The referent's API version.
    package var apiVersion: String?
    /// The referent's kind.
    package var kind: String?
    /// The referent's namespace.
    package var namespace: String?
    /// The referent's name.
    package var name: String?
    /// The referent's UID.
    package var uid: String?
    /// The referent's resourceVersion.
    package var resourceVersion: String?
    /// A field inside the referent, e.g. `spec.containers{driver}`.
    package var fieldPath: String?

    /// Creates a reference.
    package init(
        apiVersion: String? = nil, kind: String? = nil, namespace: String? = nil, name: String? = nil,
        uid: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
    }
}

/// An event of the `events.k8s.io/v1` API, the successor of the core ``Event``.
package struct EventsV1Event: KubeResource, Hashable {
    /// `events.events.k8s.io`.
    package static var resourceType: ResourceType { .eventsV1 }
    /// `events.k8s.io/v1`.
    package var apiVersion: String? = "events.k8s.io/v1"
    /// `Event`.
    package var kind: String? = "Event"
    /// Standard metadata.
    package var metadata: ObjectMeta
    /// When it was first observed (MicroTime, required by the API).
    package var eventTime: String
    /// Repetitions of the same event.
    package var series: EventSeries?
    /// The reporting controller, e.g. `nvidia.com/gpu-operator`.
    package var reportingController: String?
    /// The reporting instance (pod name).
    package var reportingInstance: String?
    /// What was done, e.g. `Apply`.
    package var action: String?
    /// Machine-readable reason.
    package var reason: String?
    /// The object the event is about.
    package var regarding: ObjectReference?
    /// A second object involved.
    package var related: ObjectReference?
    /// Human-readable description.
    package var note: String?
    /// `Normal` or `Warning`.
    package var type: String?

    /// Creates an event.
    package init(
        metadata: ObjectMeta, eventTime: String, reportingController: String? = nil,
        reportingInstance: String? = nil, action: String? = nil, reason: String? = nil,
        regarding: ObjectReference? = nil, note: String? = nil, type: String? = nil
    ) {
        self.metadata = metadata
        self.eventTime = eventTime
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.action = action
        self.reason = reason
        self.regarding = regarding
        self.note = note
        self.type = type
    }
}

/// How often an `events.k8s.io/v1` event repeated.
package struct EventSeries: Codable, Sendable, Hashable {
    /// Occurrences so far.
    package var count: Int
    /// The last occurrence (MicroTime).
    package var lastObservedTime: String

    /// Creates a series.
    package init(count: Int, lastObservedTime: String) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}
