import KubeModels

/// RFC 7386 JSON merge patch.
package enum JSONMergePatch {
    /// Applies `patch` to `target`: objects merge recursively, `null` removes a member, anything
    /// else (arrays included) replaces.
    package static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }
}
