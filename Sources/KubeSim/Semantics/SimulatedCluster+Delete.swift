import KubeModels

extension SimulatedCluster {
    /// Deletes an object (DELETE), honouring preconditions, propagation policy and finalizers.
    ///
    /// With finalizers (a Foreground or Orphan policy adds its own) the object is kept
    /// with `deletionTimestamp` set until the finalizers are removed; a namespace goes Terminating
    /// while its contents are deleted. Pods are removed at once (the simulated kubelet ignores grace
    /// periods).
    /// - Throws: ``APIError`` 404, 409 on a failed precondition.
    package func delete(_ resource: APIResource, namespace: String?, name: String, options: DeleteOptions) throws(APIError) -> DeleteOutcome {
        let key = ObjectKey(namespace: resource.type.isNamespaced ? namespace ?? "" : "", name: name)
        guard let old = store.object(resource.groupResource, key) else { throw APIError.notFound(resource.groupResource, name: name) }
        if let uid = options.preconditionUID, !uid.isEmpty, uid != old.uid {
            throw APIError.conflict(
                resource.groupResource, name: name,
                message: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(old.uid)")
        }
        if let version = options.preconditionResourceVersion, !version.isEmpty, version != String(old.resourceVersion) {
            throw APIError.conflict(
                resource.groupResource, name: name,
                message: "Precondition failed: ResourceVersion in precondition: \(version), ResourceVersion in object meta: \(old.resourceVersion)")
        }
        let policy = options.propagationPolicy ?? "Background"
        guard ["Background", "Foreground", "Orphan"].contains(policy) else {
            throw APIError.invalid(
                kind: "DeleteOptions", group: "", name: "",
                causes: [
                    StatusCause(
                        reason: "FieldValueNotSupported",
                        message: "Unsupported value: \"\(policy)\": supported values: \"Foreground\", \"Background\", \"Orphan\"",
                        field: "propagationPolicy")
                ])
        }
        // As `deletionFinalizersForGarbageCollection` in the apiserver's generic registry: an explicit
        // policy's finalizer replaces the other one, whether or not the object has dependents (the
        // garbage collector removes it once they are handled); without a policy, finalizers already on
        // the object decide. A Foreground delete of an object without dependents also keeps it until
        // the garbage collector (the simulated controllers) drops the finalizer.
        var finalizers = old.finalizers
        if options.propagationPolicy != nil {
            finalizers.removeAll { $0 == "orphan" || $0 == "foregroundDeletion" }
            if policy == "Foreground" { finalizers.append("foregroundDeletion") }
            if policy == "Orphan" { finalizers.append("orphan") }
        }
        let isNamespace = resource.groupResource == ControllerQueue.namespaces
        if finalizers.isEmpty, !isNamespace {
            if options.dryRun { return .deleted(old) }
            let removal = commitRemoval(resource.groupResource, key)
            return .deleted(removal?.object ?? old)
        }
        var object = old.value
        if !old.isDeleting {
            object.set(["metadata", "deletionTimestamp"], to: .string(wallClock().rfc3339))
            object.set(["metadata", "deletionGracePeriodSeconds"], to: 0)
            if resource.hasGeneration {
                object.set(["metadata", "generation"], to: .int((object["metadata"]?["generation"]?.intValue ?? 1) + 1))
            }
            if isNamespace { object.set(["status", "phase"], to: "Terminating") }
        }
        object.set(["metadata", "finalizers"], to: finalizers.isEmpty ? nil : .array(finalizers.map { .string($0) }))
        if options.dryRun { return .pending(StoredObject(value: object, resourceVersion: old.resourceVersion)) }
        if object == old.value { return .pending(old) }
        return .pending(commit(resource.groupResource, object).object)
    }

    /// Deletes every selected object of a collection (DELETE on the collection).
    /// - Returns: the deleted (or now deleting) objects.
    package func deleteCollection(
        _ resource: APIResource, namespace: String?, list: ListOptions, options: DeleteOptions
    ) throws(APIError) -> [StoredObject] {
        var listOptions = list
        listOptions.limit = nil
        listOptions.continueToken = nil
        let page = try self.list(resource, namespace: namespace, options: listOptions)
        var results: [StoredObject] = []
        for object in page.items {
            do {
                switch try delete(resource, namespace: object.key.namespace, name: object.key.name, options: options) {
                case .deleted(let gone): results.append(gone)
                case .pending(let kept): results.append(kept)
                }
            } catch  where error.code == 404 {
                continue
            }
        }
        return results
    }

    /// Removes an object on behalf of a simulated controller (no preconditions, background policy).
    /// Objects with finalizers only get `deletionTimestamp`.
    func controllerDelete(_ resource: GroupResource, _ key: ObjectKey) {
        guard let old = store.object(resource, key) else { return }
        if old.finalizers.isEmpty {
            commitRemoval(resource, key)
        } else if !old.isDeleting {
            commit(
                resource,
                old.value.setting(["metadata", "deletionTimestamp"], to: .string(wallClock().rfc3339))
                    .setting(["metadata", "deletionGracePeriodSeconds"], to: 0))
        }
    }
}
