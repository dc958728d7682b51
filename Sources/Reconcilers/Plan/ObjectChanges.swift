import KubeModels
import Manifests

/// One object an apply of the policy would create, change or delete, with its unified diff.
package struct ObjectChange: Sendable, Hashable {
    /// What the apply does to the object.
    package enum Action: String, Sendable, Hashable {
        case create, update, delete
    }

    package var identity: ObjectIdentity
    package var action: Action
    /// The object as it is live (projected onto the rendered shape), `nil` for a create.
    package var live: JSONValue?
    /// The object as rendered, `nil` for a delete.
    package var rendered: JSONValue?
    /// `diff -u` of the two as YAML, headers named like `kubectl diff`'s files.
    package var diff: String
}

/// Compares the render with what the operator owns live, purely.
package enum ObjectChanges {
    /// The changes, in apply order (rendered objects), then the deletions.
    /// - Parameters:
    ///   - rendered: the render of the changed policy.
    ///   - live: the live object of each rendered identity that exists.
    ///   - deletions: live objects the operator applied and no longer renders (``ApplyPlan/prunable``).
    /// - Throws: only if YAML cannot be written, which JSON values never cause.
    package static func compute(
        rendered: [RenderedObject], live: [ObjectIdentity: JSONValue], deletions: [ObjectIdentity: JSONValue]
    ) throws -> [ObjectChange] {
        var changes: [ObjectChange] = []
        for object in rendered {
            let identity = ObjectIdentity(object)
            let declared = LiveComparison.declared(object.body)
            let current = live[identity].map { LiveComparison.project($0, onto: declared) }
            let before = try current.map { try YAMLWriter.document($0) } ?? ""
            let after = try YAMLWriter.document(declared)
            guard
                let diff = UnifiedDiff.diff(old: before, new: after, oldName: "live/\(fileName(identity))", newName: "rendered/\(fileName(identity))")
            else { continue }
            changes.append(
                ObjectChange(identity: identity, action: current == nil ? .create : .update, live: current, rendered: declared, diff: diff))
        }
        for (identity, object) in deletions.sorted(by: { $0.key < $1.key }) {
            let before = try YAMLWriter.document(LiveComparison.declared(object))
            let diff = UnifiedDiff.diff(old: before, new: "", oldName: "live/\(fileName(identity))", newName: "rendered/\(fileName(identity))") ?? ""
            changes.append(ObjectChange(identity: identity, action: .delete, live: object, rendered: nil, diff: diff))
        }
        return changes
    }

    /// `kubectl diff`'s file name for an object: `group.version.Kind.namespace.name` (`v1.Kind.…` for core).
    package static func fileName(_ identity: ObjectIdentity) -> String {
        let type = identity.resourceType
        let version = type.group.isEmpty ? type.version : "\(type.group).\(type.version)"
        return [version, type.kind, identity.namespace, identity.name].compactMap { $0 }.joined(separator: ".")
    }
}
