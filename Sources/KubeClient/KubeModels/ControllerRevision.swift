/// An immutable snapshot of a DaemonSet's pod template (`apps/v1` `ControllerRevision`), used to tell
/// which revision a pod runs (OnDelete update readiness).
package struct ControllerRevision: KubeResource, Hashable {
    /// `controllerrevisions.apps`.
    package static var resourceType: ResourceType { .controllerRevisions }
    /// `apps/v1`.
    package var apiVersion: String? = "apps/v1"
    /// `ControllerRevision`.
    package var kind: String? = "ControllerRevision"
    /// Standard metadata; the `controller-revision-hash` label names the revision.
    package var metadata: ObjectMeta
    /// The serialized state (for a DaemonSet, a patch holding the pod template).
    package var data: JSONValue?
    /// The revision number.
    package var revision: Int64

    /// Creates a revision.
    package init(metadata: ObjectMeta, data: JSONValue? = nil, revision: Int64) {
        self.metadata = metadata
        self.data = data
        self.revision = revision
    }
}
