import KubeModels

/// Server-side apply (`PATCH application/apply-patch+yaml`): merges a manager's applied
/// configuration into the live object, removes fields the manager applied before but no longer
/// does, and refuses to change fields other managers own unless forced.
package enum ServerSideApply {
    /// A field another manager owns with a different value.
    package struct Conflict: Sendable, Hashable {
        /// The owning manager.
        package var manager: String
        /// The owner's API version.
        package var apiVersion: String
        /// The field, printed as `.spec.x`.
        package var field: String

        /// Creates a conflict.
        package init(manager: String, apiVersion: String, field: String) {
            self.manager = manager
            self.apiVersion = apiVersion
            self.field = field
        }
    }

    /// The result of a successful apply.
    package struct Outcome: Sendable {
        /// The merged object (metadata.managedFields not yet stored).
        package var object: JSONValue
        /// The updated managed-fields entries.
        package var entries: [ManagedFieldsEntry]
    }

    /// Applies `applied` for `manager` on top of `live`.
    /// - Parameters:
    ///   - live: the current object, or `nil` when apply creates it.
    ///   - applied: the manager's configuration (already parsed; identity metadata is ignored).
    ///   - manager: the field manager (required by the API).
    ///   - force: take ownership of conflicting fields instead of failing.
    ///   - subresource: `""` or `status`.
    ///   - ignoreStatus: whether status is not part of this endpoint (main resource of a kind with a
    ///     status subresource).
    ///   - apiVersion: the request's API version.
    ///   - time: the write time.
    ///   - semantics: list types of the resource.
    /// - Returns: the merged object and entries, or the conflicts.
    package static func apply(
        live: JSONValue?, applied: JSONValue, manager: String, force: Bool, subresource: String, ignoreStatus: Bool,
        apiVersion: String, time: String, semantics: ListSemantics
    ) -> Result<Outcome, ConflictList> {
        var entries = ManagedFields.entries(of: live)
        var appliedPart = ManagedFields.ownedPart(of: applied, ignoreStatus: ignoreStatus)
        if subresource == "status" {
            appliedPart = .object(["status": applied["status"] ?? .object([:])])
        }
        let appliedLeaves = FieldSet.leaves(of: appliedPart, semantics: semantics).paths
        let livePart = live.map { ManagedFields.ownedPart(of: $0, ignoreStatus: false) } ?? .object([:])

        var conflicts: [Conflict] = []
        var conflictingPaths: Set<ManagedPath> = []
        for path in appliedLeaves.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            if livePart.value(at: path, semantics: semantics) == appliedPart.value(at: path, semantics: semantics) { continue }
            for entry in entries where entry.manager != manager && entry.fields.paths.contains(path) {
                conflicts.append(Conflict(manager: entry.manager, apiVersion: entry.apiVersion, field: describe(path)))
                conflictingPaths.insert(path)
            }
        }
        if !conflicts.isEmpty && !force { return .failure(ConflictList(conflicts: conflicts, paths: conflictingPaths)) }
        for index in entries.indices where entries[index].manager != manager {
            entries[index].fields.paths.subtract(conflictingPaths)
        }

        var merged = live ?? .object([:])
        let ownIndex = entries.firstIndex { $0.isSameManager(manager, operation: "Apply", subresource: subresource) }
        let previous = ownIndex.map { entries[$0].fields.paths } ?? []
        let others = entries.enumerated().filter { $0.offset != ownIndex }.map(\.element.fields)
        for path in previous.subtracting(appliedLeaves).sorted(by: { $0.count > $1.count }) {
            if others.contains(where: { $0.ownsAnything(under: path) }) { continue }
            if appliedLeaves.contains(where: { $0.count > path.count && Array($0.prefix(path.count)) == path }) { continue }
            merged.remove(at: path, semantics: semantics)
        }
        merged = merge(merged, appliedPart, fieldPath: [], semantics: semantics)

        if let ownIndex {
            entries[ownIndex].fields = FieldSet(appliedLeaves)
            entries[ownIndex].time = time
            entries[ownIndex].apiVersion = apiVersion
        } else {
            entries.append(
                ManagedFieldsEntry(
                    manager: manager, operation: "Apply", apiVersion: apiVersion, time: time,
                    subresource: subresource, fields: FieldSet(appliedLeaves)))
        }
        return .success(Outcome(object: merged, entries: entries.filter { !$0.fields.isEmpty }))
    }

    /// Conflicts as an error value.
    package struct ConflictList: Error, Sendable, Hashable {
        /// Every conflicting (manager, field) pair.
        package var conflicts: [Conflict]
        /// The conflicting fields.
        package var paths: Set<ManagedPath> = []
    }

    /// The manager kubectl's client-side apply records its updates under.
    package static let clientSideApplyManager = "kubectl-client-side-apply"

    /// Whether conflicts of kubectl's server-side apply (manager `kubectl`) are only with kubectl's
    /// own client-side apply over fields of its `last-applied-configuration`: the API server then
    /// takes those fields over without a conflict, so users can move from client-side to
    /// server-side apply.
    package static func isClientSideApplyUpgrade(_ conflicts: ConflictList, manager: String, live: JSONValue?, semantics: ListSemantics) -> Bool {
        guard manager == "kubectl", conflicts.conflicts.allSatisfy({ $0.manager == clientSideApplyManager }),
            let text = live?["metadata"]?["annotations"]?["kubectl.kubernetes.io/last-applied-configuration"]?.stringValue
        else { return false }
        let lastApplied: JSONValue
        do {
            lastApplied = try JSONValue(parsingUTF8: Array(text.utf8))
        } catch {
            return false
        }
        let owned = FieldSet.leaves(of: ManagedFields.ownedPart(of: lastApplied, ignoreStatus: true), semantics: semantics).paths
        return conflicts.paths.isSubset(of: owned)
    }

    /// Structural merge of an applied configuration into an object: objects recursively, atomic
    /// lists replaced, sets unioned, associative lists merged element by element.
    package static func merge(_ live: JSONValue, _ applied: JSONValue, fieldPath: [String], semantics: ListSemantics) -> JSONValue {
        switch (live, applied) {
        case (.object(var liveMembers), .object(let appliedMembers)):
            for (key, value) in appliedMembers {
                if let existing = liveMembers[key] {
                    liveMembers[key] = merge(existing, value, fieldPath: fieldPath + [key], semantics: semantics)
                } else {
                    liveMembers[key] = value
                }
            }
            return .object(liveMembers)
        case (.array(var liveElements), .array(let appliedElements)):
            switch semantics.listType(at: fieldPath) {
            case .atomic:
                return applied
            case .set:
                for element in appliedElements where !liveElements.contains(element) { liveElements.append(element) }
                return .array(liveElements)
            case .map(let keys):
                for element in appliedElements {
                    let key = FieldSet.keyJSON(of: element, keys: keys)
                    if let index = liveElements.firstIndex(where: { FieldSet.keyJSON(of: $0, keys: keys) == key }) {
                        liveElements[index] = merge(liveElements[index], element, fieldPath: fieldPath, semantics: semantics)
                    } else {
                        liveElements.append(element)
                    }
                }
                return .array(liveElements)
            }
        default:
            return applied
        }
    }

    /// A managed path printed the way the API server prints conflict fields:
    /// `.spec.template.spec.containers[name="x"].image`.
    package static func describe(_ path: ManagedPath) -> String {
        var text = ""
        for element in path {
            switch element {
            case .field(let name): text += ".\(name)"
            case .key(let json):
                do {
                    let members = try JSONValue(parsingUTF8: Array(json.utf8)).members
                    let parts = members.keys.sorted().map { "\($0)=\(members[$0]!.serializedString())" }
                    text += "[" + parts.joined(separator: ",") + "]"
                } catch {
                    text += "[\(json)]"
                }
            case .value(let json): text += "[=\(json)]"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
