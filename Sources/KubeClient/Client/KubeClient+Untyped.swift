import KubeModels

/// Untyped calls: any resource type, objects as ``JSONValue``. Used for kinds without a model
/// (ServiceMonitors), server-side apply of rendered objects, and pruning by label across kinds.
extension KubeClient {
    /// Reads one object.
    /// - Returns: the object, or `nil` when it does not exist.
    /// - Throws: ``KubeError``.
    package func get(_ type: ResourceType, name: String, namespace: String? = nil) async throws -> JSONValue? {
        let request = APIRequest.get(type, name: name, namespace: objectNamespace(type, namespace))
        do {
            return try decodeBody(JSONValue.self, from: try await send(request), request: request)
        } catch let error as KubeError where error.isNotFound {
            return nil
        }
    }

    /// Lists every object of a collection, page by page.
    /// - Throws: ``KubeError``.
    package func list(
        _ type: ResourceType, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil
    ) async throws -> ObjectList<JSONValue> {
        try await listAllPages(type, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector)
    }

    /// Creates an object; `apiVersion` and `kind` are filled in from `type` when missing.
    /// - Parameter namespace: default: the object's `metadata.namespace`, then ``defaultNamespace``.
    /// - Returns: the object as stored.
    /// - Throws: ``KubeError``.
    package func create(_ type: ResourceType, _ object: JSONValue, namespace: String? = nil) async throws -> JSONValue {
        var object = object
        if object["apiVersion"] == nil { object["apiVersion"] = .string(type.apiVersion) }
        if object["kind"] == nil { object["kind"] = .string(type.kind) }
        let namespace = objectNamespace(type, namespace ?? object[path: ["metadata", "namespace"]]?.stringValue)
        let request = APIRequest.create(type, namespace: namespace, body: object.serialized())
        return try decodeBody(JSONValue.self, from: try await send(request), request: request)
    }

    /// Replaces an object (or its status); fails with `.conflict` when its resourceVersion is stale.
    /// - Throws: ``KubeError``.
    package func update(_ type: ResourceType, _ object: JSONValue, subresource: String? = nil) async throws -> JSONValue {
        let (name, namespace) = try identity(of: object, type: type, verb: "PUT")
        let request = APIRequest.replace(
            type, name: name, namespace: namespace, body: object.serialized(), subresource: subresource)
        return try decodeBody(JSONValue.self, from: try await send(request), request: request)
    }

    /// Patches an object or subresource.
    /// - Returns: the object after the patch.
    /// - Throws: ``KubeError``.
    package func patch(
        _ type: ResourceType, name: String, namespace: String? = nil, patch: PatchBody, subresource: String? = nil
    ) async throws -> JSONValue {
        let request = APIRequest.patch(
            type, name: name, namespace: objectNamespace(type, namespace), patch: patch, subresource: subresource)
        return try decodeBody(JSONValue.self, from: try await send(request), request: request)
    }

    /// Server-side applies a full desired object, taking name and namespace from its metadata.
    ///
    /// The body is sanitized by ``ApplyBody``: no status (unless `subresource` is `status`), no
    /// managedFields, resourceVersion, uid, generation, creationTimestamp, and no nulls.
    /// - Parameters:
    ///   - type: the object's resource type.
    ///   - object: the desired object.
    ///   - fieldManager: the owner of the applied fields, e.g. `gpu-operator`.
    ///   - force: take over fields owned by other managers instead of failing with a conflict.
    ///   - subresource: `status` to apply the status.
    /// - Returns: the object as stored.
    /// - Throws: ``KubeError``.
    package func apply(
        _ type: ResourceType, _ object: JSONValue, fieldManager: String, force: Bool = true, subresource: String? = nil
    ) async throws -> JSONValue {
        var object = object
        if object["apiVersion"] == nil { object["apiVersion"] = .string(type.apiVersion) }
        if object["kind"] == nil { object["kind"] = .string(type.kind) }
        let (name, namespace) = try identity(of: object, type: type, verb: "PATCH")
        let request = APIRequest.patch(
            type, name: name, namespace: namespace, patch: .apply(object, fieldManager: fieldManager, force: force),
            subresource: subresource)
        return try decodeBody(JSONValue.self, from: try await send(request), request: request)
    }

    /// Deletes an object.
    /// - Returns: `true` when deleted (or deletion started), `false` when it did not exist.
    /// - Throws: ``KubeError`` (`.conflict` when a precondition failed).
    @discardableResult
    package func delete(
        _ type: ResourceType, name: String, namespace: String? = nil, propagation: PropagationPolicy? = nil,
        preconditions: Preconditions? = nil
    ) async throws -> Bool {
        let options: DeleteOptions? =
            propagation == nil && preconditions == nil
            ? nil : DeleteOptions(propagationPolicy: propagation, preconditions: preconditions)
        let request = APIRequest.delete(type, name: name, namespace: objectNamespace(type, namespace), options: options)
        do {
            _ = try await send(request)
            return true
        } catch let error as KubeError where error.isNotFound {
            return false
        }
    }

    /// Watches a collection as untyped objects.
    /// - Important: Stopping iteration ends the transfer.
    package func watch(
        _ type: ResourceType, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
        resourceVersion: String? = nil, timeoutSeconds: Int? = nil, allowBookmarks: Bool = true
    ) -> AsyncThrowingStream<WatchEvent<JSONValue>, any Error> {
        watchStream(
            type, namespace: namespace,
            options: WatchOptions(
                labelSelector: labelSelector, fieldSelector: fieldSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds ?? Int(configuration.timeouts.watchServerTimeout.components.seconds),
                allowBookmarks: allowBookmarks))
    }

    /// Lists only the metadata of a collection's objects (`PartialObjectMetadataList`), page by page.
    /// Servers without the metadata representation send full objects, which decode the same way.
    /// - Throws: ``KubeError``.
    package func listMetadata(
        _ type: ResourceType, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil
    ) async throws -> ObjectList<PartialObjectMetadata> {
        try await listAllPages(
            type, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector,
            accept: APIRequest.metadataListAccept)
    }

    /// Watches only the metadata of a collection's objects.
    /// - Important: Stopping iteration ends the transfer.
    package func watchMetadata(
        _ type: ResourceType, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
        resourceVersion: String? = nil, timeoutSeconds: Int? = nil, allowBookmarks: Bool = true
    ) -> AsyncThrowingStream<WatchEvent<PartialObjectMetadata>, any Error> {
        watchStream(
            type, namespace: namespace,
            options: WatchOptions(
                labelSelector: labelSelector, fieldSelector: fieldSelector, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds ?? Int(configuration.timeouts.watchServerTimeout.components.seconds),
                allowBookmarks: allowBookmarks),
            accept: APIRequest.metadataAccept)
    }

    private func identity(of object: JSONValue, type: ResourceType, verb: String) throws -> (String, String?) {
        guard let name = object[path: ["metadata", "name"]]?.stringValue, !name.isEmpty else {
            throw KubeError(reason: .badRequest, request: "\(verb) \(type.path())", underlying: MissingNameError(kind: type.kind))
        }
        return (name, objectNamespace(type, object[path: ["metadata", "namespace"]]?.stringValue))
    }
}
