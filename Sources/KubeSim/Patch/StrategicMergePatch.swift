import KubeModels

/// Strategic merge patch for the built-in kinds, as kubectl's client-side apply and `kubectl patch`
/// send it: lists with a patch merge key merge element by element, merged scalar lists union,
/// other lists replace, and the directives `$patch` (`replace`/`delete`/`merge`), `$retainKeys`,
/// `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>` are honoured.
package enum StrategicMergePatch {
    /// A patch the API server would reject as malformed.
    package struct Malformed: Error, Sendable, Hashable {
        /// Why.
        package var message: String
    }

    /// Applies `patch` to `original`.
    /// - Parameters:
    ///   - patch: the patch object.
    ///   - original: the live object.
    ///   - semantics: merge keys of the kind.
    /// - Throws: ``Malformed`` for a patch that is not an object or has unknown directives.
    package static func apply(_ patch: JSONValue, to original: JSONValue, semantics: ListSemantics) throws(Malformed) -> JSONValue {
        guard case .object(let patchMembers) = patch else { throw Malformed(message: "strategic merge patch must be a JSON object") }
        return try mergeMap(original.members, patchMembers, fieldPath: [], semantics: semantics) ?? .object([:])
    }

    /// Merges one map; `nil` means the map itself is deleted (`$patch: delete`).
    private static func mergeMap(
        _ original: [String: JSONValue], _ patch: [String: JSONValue], fieldPath: [String], semantics: ListSemantics
    ) throws(Malformed) -> JSONValue? {
        switch patch["$patch"]?.stringValue {
        case "replace": return strip(.object(patch.filter { $0.key != "$patch" }))
        case "delete": return nil
        case "merge", nil: break
        case let other?: throw Malformed(message: "Unknown patch type: \(other)")
        }
        var result = original
        var orders: [String: [JSONValue]] = [:]
        for (key, value) in patch {
            if key == "$patch" || key == "$retainKeys" { continue }
            if key.hasPrefix("$setElementOrder/") {
                orders[String(key.dropFirst("$setElementOrder/".count))] = value.arrayValue ?? []
                continue
            }
            if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                let doomed = value.arrayValue ?? []
                if let list = result[field]?.arrayValue {
                    result[field] = .array(list.filter { !doomed.contains($0) })
                }
                continue
            }
            if key.hasPrefix("$") { throw Malformed(message: "unknown directive \(key)") }
            if value.isNull {
                result[key] = nil
                continue
            }
            let childPath = fieldPath + [key]
            switch (result[key], value) {
            case (.object(let originalChild)?, .object(let patchChild)):
                result[key] = try mergeMap(originalChild, patchChild, fieldPath: childPath, semantics: semantics)
            case (.array(let originalList)?, .array(let patchList)):
                result[key] = try mergeList(originalList, patchList, fieldPath: childPath, semantics: semantics)
            case (_, .object(let patchChild)):
                result[key] = try mergeMap([:], patchChild, fieldPath: childPath, semantics: semantics)
            default:
                result[key] = strip(value)
            }
        }
        for (field, order) in orders {
            if let list = result[field]?.arrayValue {
                result[field] = .array(reorder(list, by: order, key: semantics.mergeKey(at: fieldPath + [field])))
            }
        }
        if let retain = patch["$retainKeys"]?.arrayValue?.compactMap(\.stringValue) {
            let kept = Set(retain)
            result = result.filter { kept.contains($0.key) }
        }
        return .object(result)
    }

    private static func mergeList(
        _ original: [JSONValue], _ patch: [JSONValue], fieldPath: [String], semantics: ListSemantics
    ) throws(Malformed) -> JSONValue {
        if let mergeKey = semantics.mergeKey(at: fieldPath) {
            if patch.contains(where: { $0["$patch"]?.stringValue == "replace" }) {
                return .array(patch.filter { $0["$patch"] == nil }.map(strip))
            }
            var result = original
            for element in patch {
                guard case .object(let members) = element else {
                    throw Malformed(message: "list elements with merge key \(mergeKey) must be objects")
                }
                let identity = members[mergeKey]
                let index = result.firstIndex { $0[mergeKey] == identity && identity != nil }
                if members["$patch"]?.stringValue == "delete" {
                    if let index { result.remove(at: index) }
                    continue
                }
                if let index {
                    result[index] = try mergeMap(result[index].members, members, fieldPath: fieldPath, semantics: semantics) ?? result[index]
                } else {
                    result.append(strip(element))
                }
            }
            return .array(result)
        }
        if semantics.isMergedPrimitiveList(at: fieldPath) {
            var result = original
            for element in patch where !result.contains(element) { result.append(element) }
            return .array(result)
        }
        return .array(patch.map(strip))
    }

    private static func reorder(_ list: [JSONValue], by order: [JSONValue], key: String?) -> [JSONValue] {
        func identity(_ element: JSONValue) -> JSONValue { key.flatMap { element[$0] } ?? element }
        var remaining = list
        var ordered: [JSONValue] = []
        for wanted in order {
            if let index = remaining.firstIndex(where: { identity($0) == identity(wanted) }) {
                ordered.append(remaining.remove(at: index))
            }
        }
        return ordered + remaining
    }

    /// Removes directives from a value that is inserted as-is.
    private static func strip(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (key, member) in members where !key.hasPrefix("$") { out[key] = strip(member) }
            return .object(out)
        case .array(let elements):
            return .array(elements.map(strip))
        default:
            return value
        }
    }
}
