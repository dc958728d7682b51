import KubeModels

extension JSONValue {
    /// Sets (or with `nil` removes) the value at a path of object keys, creating intermediate objects.
    ///
    /// Intermediate values that are not objects are replaced by objects.
    /// - Parameters:
    ///   - path: object keys from the root.
    ///   - newValue: the value to store, or `nil` to remove the member.
    package mutating func set(_ path: some Collection<String>, to newValue: JSONValue?) {
        guard let first = path.first else {
            self = newValue ?? .null
            return
        }
        var members = objectValue ?? [:]
        if path.count == 1 {
            members[first] = newValue
        } else {
            var child = members.removeValue(forKey: first) ?? .object([:])
            if child.objectValue == nil { child = .object([:]) }
            child.set(path.dropFirst(), to: newValue)
            members[first] = child
        }
        self = .object(members)
    }

    /// A copy with the member at `path` set or removed; see ``set(_:to:)``.
    package func setting(_ path: [String], to newValue: JSONValue?) -> JSONValue {
        var copy = self
        copy.set(path, to: newValue)
        return copy
    }

    /// The object members, or an empty dictionary for anything else.
    package var members: [String: JSONValue] { objectValue ?? [:] }

    /// A `[String: String]` view of an object of strings (non-strings skipped).
    package var stringMap: [String: String] {
        var out: [String: String] = [:]
        for (key, value) in members { if let text = value.stringValue { out[key] = text } }
        return out
    }

    /// Builds an object of strings.
    package init(stringMap: [String: String]) {
        self = .object(stringMap.mapValues { .string($0) })
    }
}
