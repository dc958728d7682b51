import KubeModels

extension SimulatedCluster {
    /// The common tail of every write: carries server-owned metadata over, validates and defaults,
    /// records field ownership, bumps `generation` on spec changes, detects no-op writes (which keep
    /// the resourceVersion and emit no event), completes finalizer-driven deletions, and commits.
    func finishWrite(
        _ resource: APIResource, old: StoredObject?, candidate: JSONValue, options: WriteOptions, subresource: String,
        ownership: Ownership
    ) throws(APIError) -> WriteOutcome {
        var object = candidate
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        if let old {
            for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "name", "namespace"] {
                object.set(["metadata", field], to: old.value["metadata"]?[field])
            }
            object.set(["metadata", "resourceVersion"], to: nil)
            if old.isDeleting {
                let added = Set(finalizers(of: object)).subtracting(old.finalizers)
                if !added.isEmpty {
                    throw APIError.invalid(
                        kind: resource.type.kind, group: resource.type.group, name: name,
                        causes: [
                            StatusCause(
                                reason: "FieldValueForbidden",
                                message:
                                    "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers \(added.sorted())",
                                field: "metadata.finalizers")
                        ])
                }
            }
            if !resource.isCustom {
                BuiltinLifecycle.prepareForUpdate(kind: resource.type.kind, object: &object, old: old.value, now: wallClock())
            }
        }
        var warnings: [String] = []
        if resource.isCustom {
            (object, warnings) = try validateCustomResource(resource, object: object, name: name, validation: options.fieldValidation)
        } else {
            try validateBuiltin(resource, object: &object, old: old?.value, name: name)
        }
        let labelCauses = NameValidation.labelProblems(object["metadata"]?["labels"])
        if !labelCauses.isEmpty {
            throw APIError.invalid(kind: resource.type.kind, group: resource.type.group, name: name, causes: labelCauses)
        }
        object = recordOwnership(resource, old: old, object: object, options: options, subresource: subresource, ownership: ownership)
        if resource.hasGeneration, let old {
            let generation = old.value["metadata"]?["generation"]?.intValue ?? 1
            let changed = Self.specPart(old.value, resource) != Self.specPart(object, resource)
            object.set(["metadata", "generation"], to: .int(changed ? generation + 1 : generation))
        }
        if let old, Self.comparable(old.value) == Self.comparable(object) {
            return WriteOutcome(object: old, created: false, warnings: warnings)
        }
        if options.dryRun {
            let version = old?.resourceVersion ?? 0
            let shown = old == nil ? object : object.setting(["metadata", "resourceVersion"], to: .string(String(version)))
            return WriteOutcome(object: StoredObject(value: shown, resourceVersion: version), created: old == nil, warnings: warnings)
        }
        let key = ObjectKey(namespace: object["metadata"]?["namespace"]?.stringValue ?? "", name: name)
        if let old, old.isDeleting, finalizers(of: object).isEmpty {
            let removal = commitRemoval(resource.groupResource, key, finalValue: object)
            return WriteOutcome(object: removal?.object ?? old, created: false, warnings: warnings)
        }
        let event = commit(resource.groupResource, object)
        return WriteOutcome(object: event.object, created: old == nil, warnings: warnings)
    }

    /// The `metadata.finalizers` of an object.
    func finalizers(of object: JSONValue) -> [String] {
        object["metadata"]?["finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The part of an object whose change bumps `generation`: everything but metadata (and status
    /// when status is a subresource).
    static func specPart(_ object: JSONValue, _ resource: APIResource) -> JSONValue {
        var members = object.members
        members["metadata"] = nil
        members["apiVersion"] = nil
        members["kind"] = nil
        if resource.hasStatusSubresource { members["status"] = nil }
        return .object(members)
    }

    /// An object without what changes on every write (resourceVersion, managed-fields times), for
    /// no-op detection.
    static func comparable(_ object: JSONValue) -> JSONValue {
        var copy = object
        copy.set(["metadata", "resourceVersion"], to: nil)
        if let entries = copy["metadata"]?["managedFields"]?.arrayValue {
            copy.set(["metadata", "managedFields"], to: .array(entries.map { $0.setting(["time"], to: nil) }))
        }
        return copy
    }

    private func recordOwnership(
        _ resource: APIResource, old: StoredObject?, object: JSONValue, options: WriteOptions, subresource: String, ownership: Ownership
    ) -> JSONValue {
        switch ownership {
        case .untracked:
            return object.setting(["metadata", "managedFields"], to: old?.value["metadata"]?["managedFields"])
        case .apply(let entries):
            return ManagedFields.storing(entries, in: object)
        case .update:
            let sent = object["metadata"]?["managedFields"]
            let previous = old?.value["metadata"]?["managedFields"]
            if let sent, sent != previous {
                // The client replaced managedFields explicitly (kubectl's client-side to server-side
                // apply migration does this); keep what it sent.
                return object
            }
            let entries = ManagedFields.recordUpdate(
                old: old?.value, new: object.setting(["metadata", "managedFields"], to: nil), manager: options.fieldManager,
                subresource: subresource, apiVersion: resource.apiVersion, time: wallClock().rfc3339, semantics: listSemantics(resource))
            return ManagedFields.storing(entries, in: object)
        }
    }

    private func validateBuiltin(_ resource: APIResource, object: inout JSONValue, old: JSONValue?, name: String) throws(APIError) {
        BuiltinDefaults.apply(kind: resource.type.kind, to: &object)
        let causes = BuiltinValidation.problems(kind: resource.type.kind, object: object, old: old)
        if !causes.isEmpty {
            throw APIError.invalid(kind: resource.type.kind, group: resource.type.group, name: name, causes: causes)
        }
        if resource.groupResource == ControllerQueue.crds {
            _ = try CustomResourceDefinitionParser.resources(from: object)
            try checkCRDConflicts(object)
        }
    }

    private func checkCRDConflicts(_ crd: JSONValue) throws(APIError) {
        let group = crd["spec"]?["group"]?.stringValue ?? ""
        let plural = crd["spec"]?["names"]?["plural"]?.stringValue ?? ""
        let name = crd["metadata"]?["name"]?.stringValue ?? ""
        let clash = registry.resources.contains { !$0.isCustom && $0.type.group == group && $0.type.plural == plural }
        if clash {
            throw APIError.invalid(
                kind: "CustomResourceDefinition", group: "apiextensions.k8s.io", name: name,
                causes: [
                    StatusCause(reason: "FieldValueInvalid", message: "Invalid value: \"\(group)\": is a built-in group", field: "spec.group")
                ])
        }
    }

    /// Prunes, defaults and validates a custom resource against its version's schema.
    /// - Returns: the processed object and `Warning` texts for pruned fields.
    func validateCustomResource(
        _ resource: APIResource, object: JSONValue, name: String, validation: FieldValidation
    ) throws(APIError) -> (JSONValue, [String]) {
        guard let schema = resource.schema else { return (object, []) }
        let result = SchemaValidator.apply(schema, to: object)
        let reserved: Set<String> = ["apiVersion", "kind", "metadata"]
        let relevant = result.issues.filter { issue in
            guard case .key(let first)? = issue.path.components.first else { return true }
            return !reserved.contains(first)
        }
        var processed = result.value
        for key in reserved { processed[key] = object[key] }
        let unknown = relevant.filter(\.isUnknownField).map { "unknown field \"\($0.path)\"" }
        if validation == .strict, !unknown.isEmpty {
            throw APIError.badRequest(
                "\(resource.type.kind) in version \"\(resource.type.version)\" cannot be handled as a \(resource.type.kind): strict decoding error: "
                    + unknown.joined(separator: ", "))
        }
        let errors = relevant.filter { !$0.isUnknownField }
        if !errors.isEmpty {
            throw APIError.invalid(
                kind: resource.type.kind, group: resource.type.group, name: name,
                causes: errors.map {
                    StatusCause(reason: $0.apiServerReason, message: $0.apiServerMessage, field: $0.path.description)
                })
        }
        return (processed, validation == .warn ? unknown : [])
    }
}
