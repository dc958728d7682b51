import Foundation
import KubeModels

/// The subset of Kubernetes JSONPath that printer columns use: `.a.b`, `['a.b']`, `[0]`, `[*]`,
/// `..` is not supported, and filters `[?(@.key=="value")]` / `[?(@.key!="value")]`.
package struct JSONPath: Sendable, Hashable {
    /// One step of a parsed path.
    enum Step: Sendable, Hashable {
        case member(String)
        case index(Int)
        case wildcard
        case filter(path: [String], value: String, equal: Bool)
    }

    /// The parsed steps, applied in order.
    let steps: [Step]

    /// Parses an expression; a leading `{` `}` pair and leading `$` are allowed.
    /// - Returns: `nil` when the expression uses unsupported syntax.
    package init?(_ text: String) {
        var body = Substring(text.trimming(" "))
        if body.hasPrefix("{"), body.hasSuffix("}") { body = body.dropFirst().dropLast() }
        if body.hasPrefix("$") { body = body.dropFirst() }
        var steps: [Step] = []
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if character == "." {
                index = body.index(after: index)
                let start = index
                while index < body.endIndex, body[index] != ".", body[index] != "[" { index = body.index(after: index) }
                guard start < index else { return nil }
                steps.append(.member(String(body[start..<index])))
            } else if character == "[" {
                guard let close = Self.matchingBracket(in: body, from: index) else { return nil }
                let inner = body[body.index(after: index)..<close]
                guard let step = Self.bracketStep(inner) else { return nil }
                steps.append(step)
                index = body.index(after: close)
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    private static func matchingBracket(in text: Substring, from start: Substring.Index) -> Substring.Index? {
        var depth = 0
        var inQuote: Character?
        var index = start
        while index < text.endIndex {
            let character = text[index]
            if let quote = inQuote {
                if character == quote { inQuote = nil }
            } else if character == "\"" || character == "'" {
                inQuote = character
            } else if character == "[" {
                depth += 1
            } else if character == "]" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func bracketStep(_ inner: Substring) -> Step? {
        if inner == "*" { return .wildcard }
        if let number = Int(inner) { return .index(number) }
        if (inner.hasPrefix("'") && inner.hasSuffix("'")) || (inner.hasPrefix("\"") && inner.hasSuffix("\"")), inner.count >= 2 {
            return .member(String(inner.dropFirst().dropLast()))
        }
        guard inner.hasPrefix("?("), inner.hasSuffix(")") else { return nil }
        let condition = inner.dropFirst(2).dropLast()
        let equal = !condition.contains("!=")
        let parts = condition.components(separatedBy: equal ? "==" : "!=")
        guard parts.count == 2 else { return nil }
        let left = parts[0].trimming(" ")
        guard left.hasPrefix("@.") else { return nil }
        let value = parts[1].trimming(" ").trimming("\"").trimming("'")
        return .filter(path: left.dropFirst(2).split(separator: ".").map(String.init), value: value, equal: equal)
    }

    /// Every value the path selects in `object`, in document order.
    package func evaluate(_ object: JSONValue) -> [JSONValue] {
        var current: [JSONValue] = [object]
        for step in steps {
            var next: [JSONValue] = []
            for value in current {
                switch step {
                case .member(let name):
                    if let member = value[name] { next.append(member) }
                case .index(let position):
                    if let list = value.arrayValue {
                        let resolved = position < 0 ? list.count + position : position
                        if list.indices.contains(resolved) { next.append(list[resolved]) }
                    }
                case .wildcard:
                    if let list = value.arrayValue {
                        next.append(contentsOf: list)
                    } else if let members = value.objectValue {
                        next.append(contentsOf: members.keys.sorted().compactMap { members[$0] })
                    }
                case .filter(let path, let expected, let equal):
                    for element in value.arrayValue ?? [] {
                        let actual = FieldSelector.text(at: path.joined(separator: "."), in: element)
                        if (actual == expected) == equal { next.append(element) }
                    }
                }
            }
            current = next
        }
        return current
    }
}
