import KubeModels
import Manifests

/// What the operator knows about a live object it owns: enough to decide whether to write it.
package struct LiveObject: Sendable, Hashable {
    package var resourceType: ResourceType
    package var namespace: String?
    package var name: String
    package var labels: [String: String]
    /// The `nvidia.com/last-applied-hash` annotation.
    package var hash: String?
    package var generation: Int64?
    package var resourceVersion: String?
    package var isDeleting: Bool
    /// Whether this operator created or adopted the object: its `managedFields` hold an `Apply` entry
    /// of our field manager. Upstream's operator writes objects with `Update` under a manager of the
    /// same name and labels its DaemonSets `managed-by: gpu-operator` too, so the label alone does not
    /// tell ours apart (takeover-and-operands.md §1.3, hazard 3).
    package var isApplied: Bool

    /// Reads the summary from an object's metadata.
    package init(resourceType: ResourceType, metadata: ObjectMeta) {
        self.resourceType = resourceType
        namespace = metadata.namespace
        name = metadata.name ?? ""
        labels = metadata.labels ?? [:]
        hash = metadata.annotations?[OwnershipLabels.hashAnnotation]
        generation = metadata.generation
        resourceVersion = metadata.resourceVersion
        isDeleting = metadata.deletionTimestamp != nil
        isApplied = FieldOwnership.hasApplied(metadata.managedFields, manager: OwnershipLabels.fieldManager)
    }

    /// The object's identity.
    package var key: ObjectIdentity { ObjectIdentity(resourceType: resourceType, namespace: namespace, name: name) }

    /// The version marker that moves when someone changes the object: the generation for kinds with a
    /// spec (status updates do not move it), else the resourceVersion.
    package var changeMarker: String? { generation.map { "g\($0)" } ?? resourceVersion.map { "rv\($0)" } }
}

/// An object's identity across kinds.
package struct ObjectIdentity: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var resourceType: ResourceType
    package var namespace: String?
    package var name: String

    /// Creates an identity.
    package init(resourceType: ResourceType, namespace: String?, name: String) {
        self.resourceType = resourceType
        self.namespace = namespace
        self.name = name
    }

    /// Creates the identity of a rendered object.
    package init(_ object: RenderedObject) {
        self.init(resourceType: object.resourceType, namespace: object.resourceType.isNamespaced ? object.namespace : nil, name: object.name)
    }

    /// Orders by kind, namespace, name.
    package static func < (lhs: ObjectIdentity, rhs: ObjectIdentity) -> Bool {
        (lhs.resourceType.kind, lhs.namespace ?? "", lhs.name) < (rhs.resourceType.kind, rhs.namespace ?? "", rhs.name)
    }

    /// `Kind namespace/name`.
    package var description: String { "\(resourceType.kind) \(namespace.map { "\($0)/" } ?? "")\(name)" }
}

/// Decides which writes a reconcile makes (DESIGN.md "No needless writes" and "Pruning"), purely.
package enum ApplyPlan {
    /// Why an object is applied.
    package enum Reason: String, Sendable, Hashable {
        /// It does not exist.
        case missing
        /// The desired object changed (hash differs from the live annotation).
        case changed
        /// Someone else edited it since our last apply (its generation or resourceVersion moved).
        case drifted
    }

    /// Whether `desired` must be applied, and why; `nil` means no write.
    /// - Parameters:
    ///   - desired: the rendered object.
    ///   - live: what is in the cluster, if anything.
    ///   - lastApplied: the change marker the object had right after our last apply, if known.
    package static func reason(desired: RenderedObject, live: LiveObject?, lastApplied: String?) -> Reason? {
        guard let live, !live.isDeleting else { return .missing }
        if live.hash != desired.hash { return .changed }
        if desired.isOwned, let lastApplied, let marker = live.changeMarker, marker != lastApplied { return .drifted }
        return nil
    }

    /// Owned live objects to delete: ours (managed-by label and applied by us), and either of a
    /// component that is not enabled or no longer rendered.
    package static func prunable(live: [LiveObject], desired: Set<ObjectIdentity>) -> [LiveObject] {
        leftovers(live, desired: desired).filter(\.isApplied)
    }

    /// Live objects labelled as ours that we never applied and no longer render: left by another
    /// operator (NVIDIA's, in a takeover) or created by hand. They are reported, never deleted.
    package static func foreign(live: [LiveObject], desired: Set<ObjectIdentity>) -> [LiveObject] {
        leftovers(live, desired: desired).filter { !$0.isApplied }
    }

    private static func leftovers(_ live: [LiveObject], desired: Set<ObjectIdentity>) -> [LiveObject] {
        live.filter { object in
            object.labels[OwnershipLabels.managedByKey] == OwnershipLabels.managedByValue
                && object.resourceType != .namespaces
                && !object.isDeleting
                && !desired.contains(object.key)
        }.sorted { $0.key < $1.key }
    }
}
