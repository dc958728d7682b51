import KubeModels

/// One `metadata.managedFields` entry: which manager owns which fields, through which operation.
package struct ManagedFieldsEntry: Sendable, Hashable {
    /// The field manager name (`kubectl`, `gpu-operator`, ...).
    package var manager: String
    /// `Apply` or `Update`.
    package var operation: String
    /// The API version the fields were written with.
    package var apiVersion: String
    /// When the entry last changed.
    package var time: String
    /// `""` for the main resource, `status` for the status subresource.
    package var subresource: String
    /// The owned fields.
    package var fields: FieldSet

    /// Creates an entry.
    package init(manager: String, operation: String, apiVersion: String, time: String, subresource: String, fields: FieldSet) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.subresource = subresource
        self.fields = fields
    }

    /// Whether this entry belongs to the same (manager, operation, subresource) identity.
    package func isSameManager(_ manager: String, operation: String, subresource: String) -> Bool {
        self.manager == manager && self.operation == operation && self.subresource == subresource
    }

    /// The wire form.
    package var json: JSONValue {
        var members: [String: JSONValue] = [
            "manager": .string(manager), "operation": .string(operation), "apiVersion": .string(apiVersion),
            "time": .string(time), "fieldsType": "FieldsV1", "fieldsV1": fields.fieldsV1,
        ]
        if !subresource.isEmpty { members["subresource"] = .string(subresource) }
        return .object(members)
    }

    /// Reads the wire form; entries without a manager or fields are skipped by the caller.
    package init?(json: JSONValue) {
        guard let manager = json["manager"]?.stringValue, let operation = json["operation"]?.stringValue else { return nil }
        self.manager = manager
        self.operation = operation
        self.apiVersion = json["apiVersion"]?.stringValue ?? ""
        self.time = json["time"]?.stringValue ?? ""
        self.subresource = json["subresource"]?.stringValue ?? ""
        self.fields = FieldSet(fieldsV1: json["fieldsV1"] ?? .object([:]))
    }
}

/// Field ownership bookkeeping: which parts of an object each manager set, updated on every API
/// write, used by server-side apply to detect conflicts and to remove fields an applier dropped.
///
/// Simplification (documented): ownership is tracked per leaf field as described in
/// ``FieldSet/leaves(of:semantics:)``; writes made by KubeSim's own simulated controllers do not
/// record ownership.
package enum ManagedFields {
    /// Metadata fields that nobody owns.
    static let unownedMetadata: Set<String> = [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "managedFields", "selfLink", "generateName",
    ]

    /// The object without the fields that take no part in ownership (`apiVersion`, `kind`, identity
    /// metadata, and `status` where `ignoreStatus`).
    package static func ownedPart(of object: JSONValue, ignoreStatus: Bool) -> JSONValue {
        var members = object.members
        members["apiVersion"] = nil
        members["kind"] = nil
        if ignoreStatus { members["status"] = nil }
        if var metadata = members["metadata"]?.objectValue {
            for key in unownedMetadata { metadata[key] = nil }
            members["metadata"] = metadata.isEmpty ? nil : .object(metadata)
        }
        return .object(members)
    }

    /// The entries stored in an object's `metadata.managedFields`.
    package static func entries(of object: JSONValue?) -> [ManagedFieldsEntry] {
        (object?["metadata"]?["managedFields"]?.arrayValue ?? []).compactMap(ManagedFieldsEntry.init(json:))
    }

    /// The object with `metadata.managedFields` replaced by `entries` (removed when empty).
    package static func storing(_ entries: [ManagedFieldsEntry], in object: JSONValue) -> JSONValue {
        let list = entries.filter { !$0.fields.isEmpty }.map(\.json)
        return object.setting(["metadata", "managedFields"], to: list.isEmpty ? nil : .array(list))
    }

    /// Records a non-apply write: the writer takes ownership of every leaf it changed or added,
    /// other managers lose those fields, and removed fields leave every manager.
    /// - Parameters:
    ///   - old: the object before the write (`nil` on create).
    ///   - new: the object after the write.
    ///   - manager: the field manager.
    ///   - subresource: `""` or `status`.
    ///   - apiVersion: the request's API version.
    ///   - time: the write time (RFC 3339).
    ///   - semantics: list types of the resource.
    /// - Returns: the updated entries.
    package static func recordUpdate(
        old: JSONValue?, new: JSONValue, manager: String, subresource: String, apiVersion: String, time: String,
        semantics: ListSemantics
    ) -> [ManagedFieldsEntry] {
        var entries = entries(of: old)
        let newPart = ownedPart(of: new, ignoreStatus: false)
        let (changed, removed): (Set<ManagedPath>, Set<ManagedPath>)
        if let old {
            (changed, removed) = FieldSet.difference(old: ownedPart(of: old, ignoreStatus: false), new: newPart, semantics: semantics)
        } else {
            (changed, removed) = (FieldSet.leaves(of: newPart, semantics: semantics).paths, [])
        }
        guard !changed.isEmpty || !removed.isEmpty else { return entries }
        for index in entries.indices {
            entries[index].fields.paths.subtract(changed)
            entries[index].fields.paths.subtract(removed)
        }
        if let index = entries.firstIndex(where: { $0.isSameManager(manager, operation: "Update", subresource: subresource) }) {
            entries[index].fields.paths.formUnion(changed)
            entries[index].time = time
            entries[index].apiVersion = apiVersion
        } else if !changed.isEmpty {
            entries.append(
                ManagedFieldsEntry(
                    manager: manager, operation: "Update", apiVersion: apiVersion, time: time,
                    subresource: subresource, fields: FieldSet(Set(changed))))
        }
        return entries.filter { !$0.fields.isEmpty }
    }
}
