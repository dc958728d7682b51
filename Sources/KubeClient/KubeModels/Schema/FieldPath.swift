/// A path to a field inside a JSON document, printed the way Kubernetes prints field paths:
/// `spec.daemonsets.tolerations[0].key`.
package struct FieldPath: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// One step: an object member or an array element.
    package enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    package var components: [Component]

    /// Creates a path from components.
    package init(_ components: [Component] = []) { self.components = components }

    /// Creates a path from dot-separated object keys, e.g. `"spec.driver"`.
    package init(dotted: String) {
        components = dotted.isEmpty ? [] : dotted.split(separator: ".").map { .key(String($0)) }
    }

    /// This path extended by an object key.
    package func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }

    /// This path extended by an array index.
    package func appending(index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    /// The path as text; the root is `<root>`.
    package var description: String {
        if components.isEmpty { return "<root>" }
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// Orders paths by their text, for stable reports.
    package static func < (lhs: FieldPath, rhs: FieldPath) -> Bool { lhs.description < rhs.description }
}
