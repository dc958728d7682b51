import KubeModels

extension KubeClient {
    /// Reads one object.
    /// - Parameters:
    ///   - type: the model type, e.g. `Node.self`.
    ///   - name: the object name.
    ///   - namespace: the namespace (default: ``defaultNamespace``; ignored for cluster-scoped types).
    /// - Returns: the object, or `nil` when it does not exist (404).
    /// - Throws: ``KubeError`` for every other failure.
    package func get<R: KubeResource>(_ type: R.Type, name: String, namespace: String? = nil) async throws -> R? {
        let request = APIRequest.get(R.resourceType, name: name, namespace: objectNamespace(R.resourceType, namespace))
        do {
            return try decodeBody(R.self, from: try await send(request), request: request)
        } catch let error as KubeError where error.isNotFound {
            return nil
        }
    }

    /// Lists every object of a type, following `continue` tokens page by page.
    /// - Parameters:
    ///   - type: the model type.
    ///   - namespace: the namespace, or `nil` for all namespaces.
    ///   - labelSelector: e.g. `app.kubernetes.io/managed-by=gpu-operator`.
    ///   - fieldSelector: e.g. `spec.nodeName=gpu-1`.
    /// - Returns: all items and the list's resourceVersion (to start a watch from).
    /// - Throws: ``KubeError``.
    package func list<R: KubeResource>(
        _ type: R.Type, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil
    ) async throws -> ObjectList<R> {
        try await listAllPages(
            R.resourceType, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector)
    }

    /// Creates an object.
    /// - Parameters:
    ///   - object: the object; `apiVersion`/`kind` are filled in when missing.
    ///   - namespace: overrides the object's namespace (default: its metadata, then ``defaultNamespace``).
    /// - Returns: the object as stored.
    /// - Throws: ``KubeError`` (`.alreadyExists`, `.invalid` with causes, …).
    package func create<R: KubeResource>(_ object: R, namespace: String? = nil) async throws -> R {
        let type = R.resourceType
        let request = APIRequest.create(
            type, namespace: objectNamespace(type, namespace ?? object.metadata.namespace), body: try body(of: object))
        return try decodeBody(R.self, from: try await send(request), request: request)
    }

    /// Replaces an object; its `metadata.resourceVersion` makes this fail when someone changed it since.
    /// - Returns: the object as stored.
    /// - Throws: ``KubeError`` with reason `.conflict` when the resourceVersion is stale.
    package func update<R: KubeResource>(_ object: R) async throws -> R {
        try await replace(object, subresource: nil)
    }

    /// Replaces an object's status through the `status` subresource (spec changes are ignored).
    /// - Throws: ``KubeError`` with reason `.conflict` when the resourceVersion is stale.
    package func updateStatus<R: KubeResource>(_ object: R) async throws -> R {
        try await replace(object, subresource: "status")
    }

    /// Patches an object or one of its subresources.
    /// - Parameters:
    ///   - type: the model type.
    ///   - name: the object name.
    ///   - namespace: the namespace (default: ``defaultNamespace``).
    ///   - patch: a merge, JSON, strategic-merge or server-side apply patch.
    ///   - subresource: e.g. `status`.
    /// - Returns: the object after the patch.
    /// - Throws: ``KubeError`` (`.conflict` for apply conflicts without `force`, `.invalid`, …).
    package func patch<R: KubeResource>(
        _ type: R.Type, name: String, namespace: String? = nil, patch: PatchBody, subresource: String? = nil
    ) async throws -> R {
        let request = APIRequest.patch(
            R.resourceType, name: name, namespace: objectNamespace(R.resourceType, namespace), patch: patch,
            subresource: subresource)
        return try decodeBody(R.self, from: try await send(request), request: request)
    }

    /// Patches an object's status subresource.
    /// - Throws: ``KubeError``.
    package func patchStatus<R: KubeResource>(
        _ type: R.Type, name: String, namespace: String? = nil, patch: PatchBody
    ) async throws -> R {
        try await self.patch(type, name: name, namespace: namespace, patch: patch, subresource: "status")
    }

    /// Deletes an object.
    /// - Parameters:
    ///   - type: the model type.
    ///   - name: the object name.
    ///   - namespace: the namespace (default: ``defaultNamespace``).
    ///   - propagation: how dependents are garbage-collected.
    ///   - preconditions: uid/resourceVersion the object must still have.
    /// - Returns: `true` when the object was deleted (or deletion started), `false` when it did not exist.
    /// - Throws: ``KubeError`` with reason `.conflict` when a precondition failed, and other failures.
    @discardableResult
    package func delete<R: KubeResource>(
        _ type: R.Type, name: String, namespace: String? = nil, propagation: PropagationPolicy? = nil,
        preconditions: Preconditions? = nil
    ) async throws -> Bool {
        try await delete(
            R.resourceType, name: name, namespace: namespace, propagation: propagation, preconditions: preconditions)
    }

    /// Watches a collection from a resourceVersion.
    /// - Parameters:
    ///   - type: the model type.
    ///   - namespace: the namespace, or `nil` for all namespaces.
    ///   - labelSelector: a label selector.
    ///   - fieldSelector: a field selector.
    ///   - resourceVersion: where to start (usually a list's resourceVersion).
    ///   - timeoutSeconds: when the server should end the watch (default: 290).
    ///   - allowBookmarks: whether to ask for BOOKMARK events.
    /// - Returns: the events until the server ends the watch.
    /// - Important: Stopping iteration or cancelling the iterating task ends the transfer. For a
    ///   watch that survives disconnects and expired versions, use ``Watcher``.
    package func watch<R: KubeResource>(
        _ type: R.Type, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
        resourceVersion: String? = nil, timeoutSeconds: Int? = nil, allowBookmarks: Bool = true
    ) -> AsyncThrowingStream<WatchEvent<R>, any Error> {
        watchStream(
            R.resourceType, namespace: namespace,
            options: WatchOptions(
                labelSelector: labelSelector, fieldSelector: fieldSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds ?? Int(configuration.timeouts.watchServerTimeout.components.seconds),
                allowBookmarks: allowBookmarks))
    }

    private func replace<R: KubeResource>(_ object: R, subresource: String?) async throws -> R {
        let type = R.resourceType
        guard let name = object.metadata.name else {
            throw KubeError(reason: .badRequest, request: "PUT \(type.path())", underlying: MissingNameError(kind: type.kind))
        }
        let request = APIRequest.replace(
            type, name: name, namespace: objectNamespace(type, object.metadata.namespace), body: try body(of: object),
            subresource: subresource)
        return try decodeBody(R.self, from: try await send(request), request: request)
    }

    private func body<R: KubeResource>(of object: R) throws -> [UInt8] {
        do {
            return try JSONEncoding.objectValue(object, type: R.resourceType).serialized()
        } catch {
            throw KubeError(reason: .encoding, request: "encode \(R.resourceType.kind)", underlying: error)
        }
    }
}

/// An update or apply was asked for an object without `metadata.name`.
package struct MissingNameError: Error, Sendable, CustomStringConvertible {
    /// The object's kind.
    package var kind: String

    /// Names the kind.
    package var description: String { "\(kind) has no metadata.name" }
}
