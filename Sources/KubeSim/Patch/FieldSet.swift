import KubeModels

/// One step of a managed-field path, named as in `fieldsV1`: `f:<field>`, `k:<key json>`,
/// `v:<value json>` or `i:<index>`.
package enum FieldPathElement: Sendable, Hashable, Comparable {
    /// An object member.
    case field(String)
    /// An element of an associative list, by the canonical JSON of its key fields.
    case key(String)
    /// An element of a set, by its canonical JSON.
    case value(String)
    /// An element of a list by position (only when parsed from fieldsV1 written elsewhere).
    case index(Int)

    /// The `fieldsV1` spelling.
    package var encoded: String {
        switch self {
        case .field(let name): "f:\(name)"
        case .key(let json): "k:\(json)"
        case .value(let json): "v:\(json)"
        case .index(let index): "i:\(index)"
        }
    }

    /// Parses the `fieldsV1` spelling.
    package init?(encoded: String) {
        let body = String(encoded.dropFirst(2))
        switch encoded.prefix(2) {
        case "f:": self = .field(body)
        case "k:": self = .key(body)
        case "v:": self = .value(body)
        case "i:":
            guard let index = Int(body) else { return nil }
            self = .index(index)
        default: return nil
        }
    }

    /// Orders by the `fieldsV1` spelling.
    package static func < (lhs: FieldPathElement, rhs: FieldPathElement) -> Bool { lhs.encoded < rhs.encoded }
}

/// A path to an owned field.
package typealias ManagedPath = [FieldPathElement]

/// A set of owned field paths, convertible to and from the `fieldsV1` trie format.
package struct FieldSet: Sendable, Hashable {
    /// The owned paths.
    package var paths: Set<ManagedPath>

    /// Creates a set.
    package init(_ paths: Set<ManagedPath> = []) { self.paths = paths }

    /// Whether no path is owned.
    package var isEmpty: Bool { paths.isEmpty }

    /// Whether `path` or any path below it is owned.
    package func ownsAnything(under path: ManagedPath) -> Bool {
        paths.contains { $0.count >= path.count && Array($0.prefix(path.count)) == path }
    }

    /// The `fieldsV1` JSON object: nested `f:`/`k:`/`v:` members, `{}` leaves and `".": {}` where an
    /// owned path also has owned children.
    package var fieldsV1: JSONValue {
        final class Node {
            var children: [String: Node] = [:]
            var isOwned = false
        }
        let root = Node()
        for path in paths {
            var node = root
            for element in path {
                let key = element.encoded
                if let child = node.children[key] {
                    node = child
                } else {
                    let child = Node()
                    node.children[key] = child
                    node = child
                }
            }
            node.isOwned = true
        }
        func render(_ node: Node) -> JSONValue {
            var members: [String: JSONValue] = [:]
            for (key, child) in node.children { members[key] = render(child) }
            if node.isOwned, !node.children.isEmpty { members["."] = .object([:]) }
            return .object(members)
        }
        return render(root)
    }

    /// Reads a `fieldsV1` object.
    package init(fieldsV1: JSONValue) {
        var paths: Set<ManagedPath> = []
        func walk(_ value: JSONValue, _ prefix: ManagedPath) {
            let members = value.members
            if members.isEmpty {
                if !prefix.isEmpty { paths.insert(prefix) }
                return
            }
            for (key, child) in members {
                if key == "." {
                    if !prefix.isEmpty { paths.insert(prefix) }
                } else if let element = FieldPathElement(encoded: key) {
                    walk(child, prefix + [element])
                }
            }
        }
        walk(fieldsV1, [])
        self.paths = paths
    }

    /// The leaf paths of an object: scalars, empty objects, atomic lists, set members, and each
    /// associative-list element (its marker) together with the element's own leaves.
    /// - Parameters:
    ///   - value: the object (already stripped of fields nobody owns, see ``ManagedFields``).
    ///   - semantics: list types by field path.
    package static func leaves(of value: JSONValue, semantics: ListSemantics) -> FieldSet {
        var paths: Set<ManagedPath> = []
        collect(value, fieldPath: [], path: [], semantics: semantics, into: &paths)
        return FieldSet(paths)
    }

    /// The leaf paths that differ between two versions of an object, found by walking both trees
    /// together (unchanged subtrees cost one equality check): `changed` holds the leaves of `new` that
    /// are new or have new values, `removed` the leaves of `old` that no longer exist.
    package static func difference(old: JSONValue, new: JSONValue, semantics: ListSemantics) -> (changed: Set<ManagedPath>, removed: Set<ManagedPath>)
    {
        var changed: Set<ManagedPath> = []
        var removed: Set<ManagedPath> = []
        diff(old, new, fieldPath: [], path: [], semantics: semantics, changed: &changed, removed: &removed)
        return (changed, removed)
    }

    private static func diff(
        _ old: JSONValue?, _ new: JSONValue?, fieldPath: [String], path: ManagedPath, semantics: ListSemantics,
        changed: inout Set<ManagedPath>, removed: inout Set<ManagedPath>
    ) {
        if old == new { return }
        switch (old, new) {
        case (.object(let before)?, .object(let after)?) where !before.isEmpty && !after.isEmpty:
            for key in Set(before.keys).union(after.keys) {
                diff(
                    before[key], after[key], fieldPath: fieldPath + [key], path: path + [.field(key)], semantics: semantics,
                    changed: &changed, removed: &removed)
            }
        case (.array(let before)?, .array(let after)?):
            switch semantics.listType(at: fieldPath) {
            case .atomic:
                changed.insert(path)
            case .set:
                let beforeItems = Set(before.map { $0.serializedString() })
                let afterItems = Set(after.map { $0.serializedString() })
                for item in afterItems.subtracting(beforeItems) { changed.insert(path + [.value(item)]) }
                for item in beforeItems.subtracting(afterItems) { removed.insert(path + [.value(item)]) }
                if after.isEmpty { changed.insert(path) } else if before.isEmpty { removed.insert(path) }
            case .map(let keys):
                var beforeElements: [String: JSONValue] = [:]
                for element in before { beforeElements[keyJSON(of: element, keys: keys)] = element }
                var afterElements: [String: JSONValue] = [:]
                for element in after { afterElements[keyJSON(of: element, keys: keys)] = element }
                for key in Set(beforeElements.keys).union(afterElements.keys) {
                    let elementPath = path + [.key(key)]
                    switch (beforeElements[key], afterElements[key]) {
                    case (nil, _?): changed.insert(elementPath)
                    case (_?, nil): removed.insert(elementPath)
                    default: break
                    }
                    diff(
                        beforeElements[key].map { .object($0.members) }, afterElements[key].map { .object($0.members) }, fieldPath: fieldPath,
                        path: elementPath, semantics: semantics, changed: &changed, removed: &removed)
                }
                if after.isEmpty { changed.insert(path) } else if before.isEmpty { removed.insert(path) }
            }
        default:
            var oldLeaves: Set<ManagedPath> = []
            var newLeaves: Set<ManagedPath> = []
            if let old { collect(old, fieldPath: fieldPath, path: path, semantics: semantics, into: &oldLeaves) }
            if let new { collect(new, fieldPath: fieldPath, path: path, semantics: semantics, into: &newLeaves) }
            changed.formUnion(newLeaves)
            removed.formUnion(oldLeaves.subtracting(newLeaves))
        }
    }

    private static func collect(
        _ value: JSONValue, fieldPath: [String], path: ManagedPath, semantics: ListSemantics, into paths: inout Set<ManagedPath>
    ) {
        switch value {
        case .object(let members):
            if members.isEmpty {
                if !path.isEmpty { paths.insert(path) }
                return
            }
            for (key, member) in members {
                collect(member, fieldPath: fieldPath + [key], path: path + [.field(key)], semantics: semantics, into: &paths)
            }
        case .array(let elements):
            switch semantics.listType(at: fieldPath) {
            case .atomic:
                paths.insert(path)
            case .set:
                if elements.isEmpty { paths.insert(path) }
                for element in elements { paths.insert(path + [.value(element.serializedString())]) }
            case .map(let keys):
                if elements.isEmpty { paths.insert(path) }
                for element in elements {
                    let elementPath = path + [.key(keyJSON(of: element, keys: keys))]
                    paths.insert(elementPath)
                    for (key, member) in element.members {
                        collect(member, fieldPath: fieldPath + [key], path: elementPath + [.field(key)], semantics: semantics, into: &paths)
                    }
                }
            }
        default:
            if !path.isEmpty { paths.insert(path) }
        }
    }

    /// The canonical JSON of an associative-list element's key fields, e.g. `{"name":"x"}`.
    package static func keyJSON(of element: JSONValue, keys: [String]) -> String {
        var members: [String: JSONValue] = [:]
        for key in keys { if let value = element[key] { members[key] = value } }
        return JSONValue.object(members).serializedString()
    }
}

extension JSONValue {
    /// The value at a managed-field path, or `nil` when absent.
    /// - Parameter semantics: list types, needed to find associative-list elements by key.
    package func value(at path: ManagedPath, semantics: ListSemantics) -> JSONValue? {
        var current: JSONValue = self
        var fieldPath: [String] = []
        for element in path {
            switch element {
            case .field(let name):
                guard let next = current[name] else { return nil }
                current = next
                fieldPath.append(name)
            case .key(let json):
                guard case .map(let keys) = semantics.listType(at: fieldPath),
                    let next = current.arrayValue?.first(where: { FieldSet.keyJSON(of: $0, keys: keys) == json })
                else { return nil }
                current = next
            case .value(let json):
                guard let next = current.arrayValue?.first(where: { $0.serializedString() == json }) else { return nil }
                current = next
            case .index(let index):
                guard let list = current.arrayValue, list.indices.contains(index) else { return nil }
                current = list[index]
            }
        }
        return current
    }

    /// Removes the value at a managed-field path (an object member or a list element).
    package mutating func remove(at path: ManagedPath, semantics: ListSemantics) {
        self = removing(path[...], fieldPath: [], semantics: semantics) ?? self
    }

    private func removing(_ path: ArraySlice<FieldPathElement>, fieldPath: [String], semantics: ListSemantics) -> JSONValue? {
        guard let first = path.first else { return nil }
        let rest = path.dropFirst()
        switch first {
        case .field(let name):
            guard var members = objectValue, let child = members[name] else { return self }
            if rest.isEmpty {
                members[name] = nil
            } else {
                members[name] = child.removing(rest, fieldPath: fieldPath + [name], semantics: semantics) ?? child
            }
            return .object(members)
        case .key, .value, .index:
            guard var list = arrayValue else { return self }
            let position: Int?
            switch first {
            case .key(let json):
                if case .map(let keys) = semantics.listType(at: fieldPath) {
                    position = list.firstIndex { FieldSet.keyJSON(of: $0, keys: keys) == json }
                } else {
                    position = nil
                }
            case .value(let json): position = list.firstIndex { $0.serializedString() == json }
            case .index(let index): position = list.indices.contains(index) ? index : nil
            case .field: position = nil
            }
            guard let position else { return self }
            if rest.isEmpty {
                list.remove(at: position)
            } else {
                list[position] = list[position].removing(rest, fieldPath: fieldPath, semantics: semantics) ?? list[position]
            }
            return .array(list)
        }
    }
}
