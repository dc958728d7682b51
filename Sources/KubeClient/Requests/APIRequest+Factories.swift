import KubeModels

extension APIRequest {
    /// `Accept` for a metadata-only object (falls back to the full object on servers without it).
    package static let metadataAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json"
    /// `Accept` for a metadata-only list.
    package static let metadataListAccept =
        "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json"

    /// GET one object (or one of its subresources).
    /// - Parameters:
    ///   - type: the resource collection.
    ///   - name: the object name.
    ///   - namespace: the namespace; ignored for cluster-scoped types.
    ///   - subresource: e.g. `status`.
    package static func get(
        _ type: ResourceType, name: String, namespace: String?, subresource: String? = nil,
        accept: String = "application/json"
    ) -> APIRequest {
        APIRequest(
            method: .get, path: objectPath(type, name: name, namespace: namespace, subresource: subresource),
            accept: accept)
    }

    /// GET a collection page.
    /// - Parameters:
    ///   - type: the resource collection.
    ///   - namespace: the namespace, or `nil` for all namespaces.
    ///   - options: selectors and paging.
    ///   - accept: the `Accept` header (``metadataListAccept`` for metadata only).
    package static func list(
        _ type: ResourceType, namespace: String?, options: ListOptions, accept: String = "application/json"
    ) -> APIRequest {
        APIRequest(
            method: .get, path: collectionPath(type, namespace: namespace), query: options.queryItems,
            accept: accept)
    }

    /// GET a collection as a watch stream.
    /// - Parameters:
    ///   - type: the resource collection.
    ///   - namespace: the namespace, or `nil` for all namespaces.
    ///   - options: selectors, start version, server timeout and bookmarks.
    ///   - accept: the `Accept` header (``metadataAccept`` for metadata only).
    package static func watch(
        _ type: ResourceType, namespace: String?, options: WatchOptions, accept: String = "application/json"
    ) -> APIRequest {
        APIRequest(
            method: .get, path: collectionPath(type, namespace: namespace), query: options.queryItems,
            accept: accept, isStreaming: true)
    }

    /// POST a new object into a collection.
    /// - Parameters:
    ///   - type: the resource collection.
    ///   - namespace: the namespace; ignored for cluster-scoped types.
    ///   - body: the serialized object.
    ///   - fieldManager: recorded in managedFields.
    package static func create(
        _ type: ResourceType, namespace: String?, body: [UInt8], fieldManager: String? = nil
    ) -> APIRequest {
        APIRequest(
            method: .post, path: collectionPath(type, namespace: namespace),
            query: fieldManager.map { [QueryItem("fieldManager", $0)] } ?? [], body: body,
            contentType: "application/json")
    }

    /// PUT an object (or its status); the body's resourceVersion makes it fail with 409 when stale.
    package static func replace(
        _ type: ResourceType, name: String, namespace: String?, body: [UInt8], subresource: String? = nil,
        fieldManager: String? = nil
    ) -> APIRequest {
        APIRequest(
            method: .put, path: objectPath(type, name: name, namespace: namespace, subresource: subresource),
            query: fieldManager.map { [QueryItem("fieldManager", $0)] } ?? [], body: body,
            contentType: "application/json")
    }

    /// PATCH an object (or a subresource) with a merge, JSON, strategic-merge or apply patch.
    package static func patch(
        _ type: ResourceType, name: String, namespace: String?, patch: PatchBody, subresource: String? = nil
    ) -> APIRequest {
        APIRequest(
            method: .patch, path: objectPath(type, name: name, namespace: namespace, subresource: subresource),
            query: patch.queryItems, body: patch.serializedBody(subresource: subresource),
            contentType: patch.contentType, isIdempotent: patch.isIdempotent)
    }

    /// DELETE an object, with propagation policy and preconditions in a `DeleteOptions` body.
    package static func delete(
        _ type: ResourceType, name: String, namespace: String?, options: DeleteOptions? = nil
    ) -> APIRequest {
        let body = options.map { $0.jsonValue.serialized() }
        return APIRequest(
            method: .delete, path: objectPath(type, name: name, namespace: namespace), body: body,
            contentType: body == nil ? nil : "application/json")
    }

    /// The path of one object, with name and namespace path-encoded.
    package static func objectPath(
        _ type: ResourceType, name: String, namespace: String?, subresource: String? = nil
    )
        -> String
    {
        type.path(namespace: namespace.map(encodePathSegment), name: encodePathSegment(name), subresource: subresource)
    }

    /// The path of a collection.
    package static func collectionPath(_ type: ResourceType, namespace: String?) -> String {
        type.path(namespace: namespace.map(encodePathSegment))
    }

    /// Percent-encodes a path segment, keeping unreserved characters and `:@!$&'()*+,;=`.
    package static func encodePathSegment(_ segment: String) -> String {
        var result = ""
        for byte in segment.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-._~:@!$&'()*+,;=".unicodeScalars.contains(scalar)
            {
                result.unicodeScalars.append(scalar)
            } else {
                result += QueryItem.percentEncode(String(decoding: [byte], as: UTF8.self))
            }
        }
        return result
    }
}

extension DeleteOptions {
    /// The options as a JSON object (built by hand: encoding cannot fail).
    package var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "apiVersion": .string(apiVersion ?? "v1"), "kind": .string(kind ?? "DeleteOptions"),
        ]
        if let propagationPolicy { object["propagationPolicy"] = .string(propagationPolicy.rawValue) }
        if let preconditions {
            var members: [String: JSONValue] = [:]
            if let uid = preconditions.uid { members["uid"] = .string(uid) }
            if let resourceVersion = preconditions.resourceVersion { members["resourceVersion"] = .string(resourceVersion) }
            object["preconditions"] = .object(members)
        }
        if let gracePeriodSeconds { object["gracePeriodSeconds"] = .int(gracePeriodSeconds) }
        if let dryRun { object["dryRun"] = .array(dryRun.map { .string($0) }) }
        return .object(object)
    }
}
