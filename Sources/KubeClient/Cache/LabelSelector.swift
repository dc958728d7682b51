import Foundation

/// A parsed label selector (the string form kubectl and the API accept) that can test label sets,
/// used for lookups in an ``ObjectStore``.
///
/// Supports `key`, `!key`, `key=value`, `key==value`, `key!=value`, `key in (a,b)` and
/// `key notin (a,b)`, joined by commas (all must match). An empty selector matches everything.
package struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// One requirement.
    package enum Requirement: Sendable, Hashable {
        /// The label exists.
        case exists(String)
        /// The label does not exist.
        case doesNotExist(String)
        /// The label has one of the values.
        case isIn(String, Set<String>)
        /// The label is absent or has none of the values.
        case notIn(String, Set<String>)
    }

    /// The requirements, all of which must hold.
    package var requirements: [Requirement]

    /// Creates a selector from requirements.
    package init(_ requirements: [Requirement] = []) {
        self.requirements = requirements
    }

    /// Creates a selector matching exactly these labels (`matchLabels`).
    package init(matching labels: [String: String]) {
        requirements = labels.keys.sorted().map { .isIn($0, [labels[$0] ?? ""]) }
    }

    /// Parses the string form.
    /// - Throws: ``LabelSelectorError`` naming the bad requirement.
    package init(parsing text: String) throws(LabelSelectorError) {
        var requirements: [Requirement] = []
        for part in try Self.splitRequirements(text) {
            requirements.append(try Self.parseRequirement(part))
        }
        self.requirements = requirements
    }

    /// Whether a label set satisfies every requirement.
    package func matches(_ labels: [String: String]?) -> Bool {
        let labels = labels ?? [:]
        for requirement in requirements {
            switch requirement {
            case .exists(let key): if labels[key] == nil { return false }
            case .doesNotExist(let key): if labels[key] != nil { return false }
            case .isIn(let key, let values):
                guard let value = labels[key], values.contains(value) else { return false }
            case .notIn(let key, let values):
                if let value = labels[key], values.contains(value) { return false }
            }
        }
        return true
    }

    /// The canonical string form (values sorted), accepted by the API's `labelSelector`.
    package var description: String {
        requirements.map { requirement -> String in
            switch requirement {
            case .exists(let key): return key
            case .doesNotExist(let key): return "!\(key)"
            case .isIn(let key, let values) where values.count == 1: return "\(key)=\(values.first ?? "")"
            case .isIn(let key, let values): return "\(key) in (\(values.sorted().joined(separator: ",")))"
            case .notIn(let key, let values) where values.count == 1: return "\(key)!=\(values.first ?? "")"
            case .notIn(let key, let values): return "\(key) notin (\(values.sorted().joined(separator: ",")))"
            }
        }.joined(separator: ",")
    }

    private static func splitRequirements(_ text: String) throws(LabelSelectorError) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth < 0 { throw LabelSelectorError(selector: text, reason: "unbalanced parenthesis") }
            case "," where depth == 0:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        if depth != 0 { throw LabelSelectorError(selector: text, reason: "unbalanced parenthesis") }
        parts.append(current)
        let trimmed = parts.map { $0.trimmingSpaces() }
        if trimmed.count == 1, trimmed[0].isEmpty { return [] }
        if trimmed.contains(where: \.isEmpty) { throw LabelSelectorError(selector: text, reason: "empty requirement") }
        return trimmed
    }

    private static func parseRequirement(_ text: String) throws(LabelSelectorError) -> Requirement {
        if text.hasPrefix("!") {
            let key = String(text.dropFirst()).trimmingSpaces()
            try validate(key: key, in: text)
            return .doesNotExist(key)
        }
        for (separator, negated) in [("!=", true), ("==", false), ("=", false)] {
            if let range = text.range(of: separator) {
                let key = String(text[..<range.lowerBound]).trimmingSpaces()
                let value = String(text[range.upperBound...]).trimmingSpaces()
                try validate(key: key, in: text)
                return negated ? .notIn(key, [value]) : .isIn(key, [value])
            }
        }
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        if words.count == 2 {
            let key = words[0]
            let rest = words[1].trimmingSpaces()
            for (keyword, negated) in [("notin", true), ("in", false)] where rest.hasPrefix(keyword) {
                let list = String(rest.dropFirst(keyword.count)).trimmingSpaces()
                guard list.hasPrefix("("), list.hasSuffix(")") else {
                    throw LabelSelectorError(selector: text, reason: "expected a parenthesized value list")
                }
                let values = Set(list.dropFirst().dropLast().split(separator: ",").map { String($0).trimmingSpaces() })
                try validate(key: key, in: text)
                return negated ? .notIn(key, values) : .isIn(key, values)
            }
            throw LabelSelectorError(selector: text, reason: "unknown operator")
        }
        try validate(key: text, in: text)
        return .exists(text)
    }

    private static func validate(key: String, in text: String) throws(LabelSelectorError) {
        guard !key.isEmpty, !key.contains(where: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "!" || $0 == "=" })
        else {
            throw LabelSelectorError(selector: text, reason: "invalid label key \"\(key)\"")
        }
    }
}

/// A label selector string could not be parsed.
package struct LabelSelectorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending text.
    package var selector: String
    /// What is wrong.
    package var reason: String

    /// `invalid label selector "<selector>": <reason>`.
    package var description: String { "invalid label selector \"\(selector)\": \(reason)" }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
