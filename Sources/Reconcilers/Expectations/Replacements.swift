import Synchronization

/// Objects deleted to be recreated (``ObjectApplier``'s replacement of an immutable field), with the
/// DaemonSet template generation the recreated object must start above.
///
/// A DaemonSet counts a pod as up to date when its `controller-revision-hash` matches **or** its
/// `pod-template-generation` label equals the DaemonSet's template generation
/// (kubernetes `pkg/controller/daemon/util` `IsPodUpdated`). A new DaemonSet starts at template
/// generation 1 unless the create sets `deprecated.daemonset.template.generation`, so the pods it
/// adopts from a never-updated predecessor (also at 1) would pass as updated and never roll. The
/// recreate therefore asks for the old generation + 1; updates ignore the annotation, so it is sent
/// on that one create only.
///
/// Thread-safe; one `Mutex` owns the entries.
package final class Replacements: Sendable {
    /// The annotation through which `apps/v1` clients read and (on create) set the template generation.
    package static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

    private let entries = Mutex<[ObjectIdentity: Int64]>([:])

    /// Creates an empty record.
    package init() {}

    /// Records that `identity` was deleted to be recreated; `templateGeneration` is the deleted
    /// DaemonSet's (0 for other kinds).
    package func record(_ identity: ObjectIdentity, templateGeneration: Int64) {
        entries.withLock { $0[identity] = templateGeneration }
    }

    /// The template generation the recreated object must start at (`nil`: not being recreated).
    package func nextTemplateGeneration(_ identity: ObjectIdentity) -> Int64? {
        entries.withLock { $0[identity].map { $0 + 1 } }
    }

    /// Forgets `identity` (recreated).
    package func forget(_ identity: ObjectIdentity) { entries.withLock { _ = $0.removeValue(forKey: identity) } }
}
