import KubeModels

/// The body of a PATCH, with the content type that tells the server how to apply it.
package enum PatchBody: Sendable, Hashable {
    /// A JSON merge patch (RFC 7386): objects merge, `null` deletes a key, lists are replaced.
    case merge(JSONValue)
    /// A JSON patch (RFC 6902): a list of `add`/`remove`/`replace`/`test` operations.
    case json([JSONValue])
    /// A strategic merge patch (built-in kinds only: lists merge by key).
    case strategicMerge(JSONValue)
    /// Server-side apply of a full desired object, owned by `fieldManager`; `force` takes over fields
    /// other managers own instead of failing with a conflict.
    case apply(JSONValue, fieldManager: String, force: Bool)

    /// The `Content-Type` header.
    package var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .json: "application/json-patch+json"
        case .strategicMerge: "application/strategic-merge-patch+json"
        case .apply: "application/apply-patch+yaml"
        }
    }

    /// Whether applying the patch twice gives the same result as once (JSON patches may not).
    package var isIdempotent: Bool {
        if case .json = self { return false }
        return true
    }

    /// Extra query parameters (`fieldManager`, `force`) of an apply.
    package var queryItems: [QueryItem] {
        guard case .apply(_, let fieldManager, let force) = self else { return [] }
        var items = [QueryItem("fieldManager", fieldManager)]
        if force { items.append(QueryItem("force", "true")) }
        return items
    }

    /// The serialized body. JSON is valid YAML, so an apply body is sent as compact JSON.
    /// - Parameter subresource: for apply, the subresource patched (`status` keeps the status).
    package func serializedBody(subresource: String? = nil) -> [UInt8] {
        switch self {
        case .merge(let value), .strategicMerge(let value): value.serialized()
        case .json(let operations): JSONValue.array(operations).serialized()
        case .apply(let object, _, _): ApplyBody.sanitized(object, subresource: subresource).serialized()
        }
    }
}

/// Makes a desired object safe to send as a server-side apply body.
///
/// Removes what the server owns and what would make every apply a change (controller-runtime #1356):
/// `metadata.managedFields`, `resourceVersion`, `uid`, `generation`, `creationTimestamp`,
/// `deletionTimestamp`, `selfLink`, `status` (unless the status subresource is being applied), and
/// every `null` anywhere in the object.
package enum ApplyBody {
    /// Server-owned metadata fields removed from an apply body.
    package static let serverOwnedMetadataFields = [
        "managedFields", "resourceVersion", "uid", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "selfLink",
    ]

    /// The sanitized object.
    /// - Parameters:
    ///   - object: the desired object.
    ///   - subresource: `status` when applying the status subresource (then `status` is kept).
    package static func sanitized(_ object: JSONValue, subresource: String?) -> JSONValue {
        guard case .object(var members) = removingNulls(object) else { return removingNulls(object) }
        if case .object(var metadata)? = members["metadata"] {
            for field in serverOwnedMetadataFields { metadata[field] = nil }
            members["metadata"] = .object(metadata)
        }
        if subresource != "status" { members["status"] = nil }
        return .object(members)
    }

    private static func removingNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            for (key, member) in members where !member.isNull { kept[key] = removingNulls(member) }
            return .object(kept)
        case .array(let elements):
            return .array(elements.map(removingNulls))
        default:
            return value
        }
    }
}
