import KubeModels

extension SimulatedCluster {
    /// How a write changes field ownership.
    enum Ownership {
        /// A non-apply write by the request's field manager.
        case update
        /// Server-side apply produced these entries.
        case apply([ManagedFieldsEntry])
        /// A write by a simulated controller: ownership is left as it was.
        case untracked
    }

    /// Creates an object (POST).
    /// - Parameters:
    ///   - resource: the resource (and version) addressed.
    ///   - namespace: the namespace from the URL, for namespaced resources.
    ///   - body: the object.
    ///   - options: field manager, dry run, field validation.
    /// - Throws: ``APIError``: 400 malformed, 404 namespace missing, 409 AlreadyExists, 422 Invalid.
    package func create(_ resource: APIResource, namespace: String?, body: JSONValue, options: WriteOptions) throws(APIError) -> WriteOutcome {
        let object = try prepareCreate(resource, namespace: namespace, body: body)
        return try finishWrite(resource, old: nil, candidate: object, options: options, subresource: "", ownership: .update)
    }

    /// Replaces an object (PUT), on the main resource or the `status` subresource.
    /// - Throws: ``APIError``: 404, 409 on a stale resourceVersion or uid, 422 Invalid.
    package func update(
        _ resource: APIResource, namespace: String?, name: String, body: JSONValue, subresource: String, options: WriteOptions
    ) throws(APIError) -> WriteOutcome {
        guard case .object = body else { throw APIError.badRequest("the body of the request must be an object") }
        let key = ObjectKey(namespace: resource.type.isNamespaced ? namespace ?? "" : "", name: name)
        guard let old = store.object(resource.groupResource, key) else { throw APIError.notFound(resource.groupResource, name: name) }
        var candidate = try checkTypeMeta(body, resource)
        try checkIdentity(candidate, resource: resource, name: name, namespace: key.namespace)
        let sentVersion = candidate["metadata"]?["resourceVersion"]?.stringValue ?? ""
        if sentVersion.isEmpty {
            guard resource.allowsUnconditionalUpdate else {
                throw APIError.invalid(
                    kind: resource.type.kind, group: resource.type.group, name: name,
                    causes: [
                        StatusCause(
                            reason: "FieldValueInvalid", message: "Invalid value: 0x0: must be specified for an update",
                            field: "metadata.resourceVersion")
                    ])
            }
        } else if sentVersion != String(old.resourceVersion) {
            throw APIError.staleResourceVersion(resource.groupResource, name: name)
        }
        if let uid = candidate["metadata"]?["uid"]?.stringValue, !uid.isEmpty, uid != old.uid {
            throw APIError.conflict(
                resource.groupResource, name: name,
                message: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(old.uid)")
        }
        candidate = scope(candidate, to: subresource, old: old.value, resource: resource)
        return try finishWrite(resource, old: old, candidate: candidate, options: options, subresource: subresource, ownership: .update)
    }

    /// Patches an object (PATCH) with a merge, JSON or strategic merge patch, or applies a
    /// configuration (server-side apply, which may create the object).
    /// - Throws: ``APIError``: 404, 409 (stale version, apply conflicts), 415, 422.
    package func patch(
        _ resource: APIResource, namespace: String?, name: String, body: PatchBody, subresource: String, options: WriteOptions
    ) throws(APIError) -> WriteOutcome {
        let key = ObjectKey(namespace: resource.type.isNamespaced ? namespace ?? "" : "", name: name)
        if case .apply(let applied) = body {
            return try apply(resource, key: key, applied: applied, subresource: subresource, options: options)
        }
        guard let old = store.object(resource.groupResource, key) else { throw APIError.notFound(resource.groupResource, name: name) }
        let current = old.value.setting(["apiVersion"], to: .string(resource.apiVersion))
        var patched: JSONValue
        switch body {
        case .merge(let patch):
            guard case .object = patch else { throw APIError.badRequest("the merge patch must be a JSON object") }
            patched = JSONMergePatch.apply(patch, to: current)
        case .json(let patch):
            do throws(JSONPatch.Failure) {
                patched = try JSONPatch.apply(patch, to: current)
            } catch {
                switch error {
                case .malformed(let message): throw APIError.badRequest(message)
                case .notApplicable(let message): throw APIError.unprocessable(message)
                }
            }
        case .strategic(let patch):
            guard !resource.isCustom else {
                throw APIError.unsupportedMediaType(
                    "application/strategic-merge-patch+json",
                    accepted: [
                        "application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml",
                    ])
            }
            do throws(StrategicMergePatch.Malformed) {
                patched = try StrategicMergePatch.apply(patch, to: current, semantics: ListSemantics(kind: resource.type.kind))
            } catch {
                throw APIError.badRequest(error.message)
            }
        case .apply:
            throw APIError.internalError("unreachable apply patch")
        }
        guard case .object = patched else { throw APIError.unprocessable("the patched object is not a JSON object") }
        let patchedVersion = patched["metadata"]?["resourceVersion"]?.stringValue ?? ""
        if !patchedVersion.isEmpty, patchedVersion != String(old.resourceVersion) {
            throw APIError.staleResourceVersion(resource.groupResource, name: name)
        }
        patched = try checkTypeMeta(patched, resource)
        try checkIdentity(patched, resource: resource, name: name, namespace: key.namespace)
        patched = scope(patched, to: subresource, old: old.value, resource: resource)
        return try finishWrite(resource, old: old, candidate: patched, options: options, subresource: subresource, ownership: .update)
    }

    private func apply(
        _ resource: APIResource, key: ObjectKey, applied: JSONValue, subresource: String, options: WriteOptions
    ) throws(APIError) -> WriteOutcome {
        guard case .object = applied else { throw APIError.badRequest("error decoding YAML: the apply configuration must be an object") }
        guard !options.fieldManager.isEmpty else {
            throw APIError.badRequest("PATCH /\(resource.groupResource): fieldManager is required for apply requests")
        }
        guard applied["apiVersion"]?.stringValue != nil, applied["kind"]?.stringValue != nil else {
            throw APIError.badRequest("apiVersion and kind must be set in the apply configuration")
        }
        _ = try checkTypeMeta(applied, resource)
        try checkIdentity(applied, resource: resource, name: key.name, namespace: key.namespace)
        let old = store.object(resource.groupResource, key)
        if old == nil, subresource == "status" { throw APIError.notFound(resource.groupResource, name: key.name) }
        if let sent = applied["metadata"]?["resourceVersion"]?.stringValue, !sent.isEmpty, sent != old.map({ String($0.resourceVersion) }) {
            throw APIError.staleResourceVersion(resource.groupResource, name: key.name)
        }
        let semantics = listSemantics(resource)
        func attempt(force: Bool) -> Result<ServerSideApply.Outcome, ServerSideApply.ConflictList> {
            ServerSideApply.apply(
                live: old?.value, applied: applied, manager: options.fieldManager, force: force, subresource: subresource,
                ignoreStatus: resource.hasStatusSubresource && subresource.isEmpty, apiVersion: resource.apiVersion,
                time: wallClock().rfc3339, semantics: semantics)
        }
        var outcome = attempt(force: options.force)
        if case .failure(let conflicts) = outcome,
            ServerSideApply.isClientSideApplyUpgrade(conflicts, manager: options.fieldManager, live: old?.value, semantics: semantics)
        {
            outcome = attempt(force: true)
        }
        switch outcome {
        case .failure(let list):
            throw Self.applyConflict(list, resource: resource, name: key.name)
        case .success(let merged):
            var candidate = merged.object.setting(["apiVersion"], to: .string(resource.apiVersion))
                .setting(["kind"], to: .string(resource.type.kind))
                .setting(["metadata", "name"], to: .string(key.name))
            if resource.type.isNamespaced { candidate.set(["metadata", "namespace"], to: .string(key.namespace)) }
            if let old {
                candidate = scope(candidate, to: subresource, old: old.value, resource: resource)
            } else {
                candidate = try prepareCreate(resource, namespace: key.namespace, body: candidate)
            }
            return try finishWrite(
                resource, old: old, candidate: candidate, options: options, subresource: subresource,
                ownership: .apply(merged.entries))
        }
    }

    /// The 409 Status of a server-side apply conflict, worded as the API server words it.
    static func applyConflict(_ list: ServerSideApply.ConflictList, resource: APIResource, name: String) -> APIError {
        let conflicts = list.conflicts
        let lines = conflicts.map { "conflict with \"\($0.manager)\"\($0.apiVersion.isEmpty ? "" : " using \($0.apiVersion)"): \($0.field)" }
        let message =
            conflicts.count == 1
            ? "Apply failed with 1 conflict: \(lines[0])"
            : "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n")
        let causes = conflicts.map {
            StatusCause(
                reason: "FieldManagerConflict", message: "conflict with \"\($0.manager)\"\($0.apiVersion.isEmpty ? "" : " using \($0.apiVersion)")",
                field: $0.field)
        }
        return APIError.conflict(resource.groupResource, name: name, message: message, causes: causes)
    }

    /// Validates and normalizes a new object: type meta, namespace, name (or generateName).
    func prepareCreate(_ resource: APIResource, namespace: String?, body: JSONValue) throws(APIError) -> JSONValue {
        guard case .object = body else { throw APIError.badRequest("the body of the request must be an object") }
        var object = try checkTypeMeta(body, resource)
        let bodyNamespace = object["metadata"]?["namespace"]?.stringValue ?? ""
        if resource.type.isNamespaced {
            let target = namespace ?? bodyNamespace
            if !bodyNamespace.isEmpty, bodyNamespace != target {
                throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            guard !target.isEmpty else { throw APIError.badRequest("the namespace of the object is required") }
            guard let namespaceObject = store.object(ControllerQueue.namespaces, ObjectKey(namespace: "", name: target)) else {
                throw APIError.notFound(ControllerQueue.namespaces, name: target)
            }
            if namespaceObject.isDeleting {
                throw APIError.forbidden(
                    "\(resource.groupResource) is forbidden: unable to create new content in namespace \(target) because it is being terminated")
            }
            object.set(["metadata", "namespace"], to: .string(target))
        } else {
            object.set(["metadata", "namespace"], to: nil)
        }
        var name = object["metadata"]?["name"]?.stringValue ?? ""
        if name.isEmpty, let prefix = object["metadata"]?["generateName"]?.stringValue, !prefix.isEmpty {
            repeat {
                name = prefix + RandomNames.suffix(using: &generator)
            } while store.object(resource.groupResource, ObjectKey(namespace: object["metadata"]?["namespace"]?.stringValue ?? "", name: name)) != nil
            object.set(["metadata", "name"], to: .string(name))
        }
        if let problem = NameValidation.problem(with: name, rule: NameValidation.rule(for: resource.groupResource)) {
            throw APIError.invalid(kind: resource.type.kind, group: resource.type.group, name: name, causes: [problem])
        }
        if let version = object["metadata"]?["resourceVersion"]?.stringValue, !version.isEmpty {
            throw APIError.internalError("resourceVersion should not be set on objects to be created")
        }
        let key = ObjectKey(namespace: object["metadata"]?["namespace"]?.stringValue ?? "", name: name)
        if store.object(resource.groupResource, key) != nil { throw APIError.alreadyExists(resource.groupResource, name: name) }
        for field in ["deletionTimestamp", "deletionGracePeriodSeconds", "generation", "uid", "creationTimestamp"] {
            object.set(["metadata", field], to: nil)
        }
        if resource.hasStatusSubresource, resource.isCustom { object["status"] = nil }
        object = makeNew(object, resource: resource)
        if !resource.isCustom {
            BuiltinLifecycle.prepareForCreate(kind: resource.type.kind, object: &object, clusterIP: nextClusterIP(), now: wallClock())
        }
        return object
    }

    /// Checks `apiVersion`/`kind` against the addressed resource and fills them in when absent.
    func checkTypeMeta(_ body: JSONValue, _ resource: APIResource) throws(APIError) -> JSONValue {
        var object = body
        let kind = body["kind"]?.stringValue ?? ""
        let apiVersion = body["apiVersion"]?.stringValue ?? ""
        if !kind.isEmpty, kind != resource.type.kind {
            throw APIError.badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(resource.apiVersion))")
        }
        if !apiVersion.isEmpty, apiVersion != resource.apiVersion {
            let sameGroup = registry.versions(of: resource.groupResource).contains { $0.apiVersion == apiVersion }
            if !sameGroup {
                throw APIError.badRequest(
                    "the API version in the data (\(apiVersion)) does not match the expected API version (\(resource.apiVersion))")
            }
        }
        object["apiVersion"] = .string(resource.apiVersion)
        object["kind"] = .string(resource.type.kind)
        if object["metadata"]?.objectValue == nil { object["metadata"] = .object([:]) }
        return object
    }

    /// Checks that the body names the object the URL names.
    func checkIdentity(_ object: JSONValue, resource: APIResource, name: String, namespace: String) throws(APIError) {
        let bodyName = object["metadata"]?["name"]?.stringValue ?? ""
        if !bodyName.isEmpty, bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        let bodyNamespace = object["metadata"]?["namespace"]?.stringValue ?? ""
        if resource.type.isNamespaced, !bodyNamespace.isEmpty, bodyNamespace != namespace {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
    }

    /// Restricts a write to its endpoint: the status subresource only changes status; the main
    /// resource of a kind with a status subresource leaves status alone.
    func scope(_ candidate: JSONValue, to subresource: String, old: JSONValue, resource: APIResource) -> JSONValue {
        if subresource == "status" {
            var result = old
            result["status"] = candidate["status"]
            return result
        }
        guard resource.hasStatusSubresource else { return candidate }
        var result = candidate
        result["status"] = old["status"]
        return result
    }

    /// The list semantics (merge keys) of a resource.
    func listSemantics(_ resource: APIResource) -> ListSemantics {
        ListSemantics(kind: resource.type.kind, schema: resource.isCustom ? resource.schema : nil)
    }

    /// A cluster IP for a new Service.
    func nextClusterIP() -> String {
        let count = store.count(GroupResource(group: "", resource: "services")) + 10
        return "10.96.\(count / 250 % 250).\(count % 250 + 1)"
    }
}
