import KubeModels

/// A Kubernetes label selector: a conjunction of requirements, parsed from the query-string form
/// (`app=x,tier!=db,env in (a,b),!legacy`) or built from a `metav1.LabelSelector` object.
package struct LabelSelector: Sendable, Hashable {
    /// One requirement on one label key.
    package enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
        case greaterThan(String, Int64)
        case lessThan(String, Int64)
    }

    /// The requirements, all of which must hold.
    package var requirements: [Requirement]

    /// A selector matching everything.
    package static let everything = LabelSelector(requirements: [])

    /// Creates a selector from requirements.
    package init(requirements: [Requirement]) { self.requirements = requirements }

    /// Whether the selector has no requirements (matches every object).
    package var isEverything: Bool { requirements.isEmpty }

    /// Whether a label set satisfies every requirement.
    package func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return !(labels[key].map(values.contains) ?? false)
            case .exists(let key): return labels[key] != nil
            case .doesNotExist(let key): return labels[key] == nil
            case .greaterThan(let key, let bound): return labels[key].flatMap { Int64($0) }.map { $0 > bound } ?? false
            case .lessThan(let key, let bound): return labels[key].flatMap { Int64($0) }.map { $0 < bound } ?? false
            }
        }
    }

    /// Builds a selector from a `metav1.LabelSelector` JSON object (`matchLabels`, `matchExpressions`).
    /// - Returns: `nil` when an expression has an unknown operator or malformed values.
    package init?(labelSelectorObject object: JSONValue) {
        var requirements: [Requirement] = []
        for (key, value) in (object["matchLabels"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let text = value.stringValue else { return nil }
            requirements.append(.equals(key, text))
        }
        for expression in object["matchExpressions"]?.arrayValue ?? [] {
            guard let key = expression["key"]?.stringValue, let op = expression["operator"]?.stringValue else { return nil }
            let values = Set(expression["values"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            switch op {
            case "In": requirements.append(.isIn(key, values))
            case "NotIn": requirements.append(.notIn(key, values))
            case "Exists": requirements.append(.exists(key))
            case "DoesNotExist": requirements.append(.doesNotExist(key))
            default: return nil
            }
        }
        self.requirements = requirements
    }

    /// Parses the query-string form.
    /// - Throws: ``APIError`` 400 when the text is not a valid selector.
    package init(parsing text: String) throws(APIError) {
        var parser = SelectorParser(text: text)
        requirements = try parser.parseLabelRequirements()
    }
}

/// A tokenizer and parser for label-selector text.
struct SelectorParser {
    /// The text being parsed.
    let characters: [Character]
    /// The index of the next unread character.
    var position = 0
    /// The original text, for messages.
    let text: String

    /// Creates a parser over `text`.
    init(text: String) {
        self.text = text
        self.characters = Array(text)
    }

    /// A 400 error for a selector that cannot be parsed.
    func failure(_ detail: String) -> APIError {
        APIError.badRequest("unable to parse requirement: \(detail)")
    }

    fileprivate mutating func skipSpaces() {
        while position < characters.count, characters[position] == " " { position += 1 }
    }

    fileprivate mutating func readIdentifier() -> String {
        skipSpaces()
        let start = position
        while position < characters.count, !" ,=!()<>".contains(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    fileprivate mutating func consume(_ token: String) -> Bool {
        skipSpaces()
        let tokenCharacters = Array(token)
        guard position + tokenCharacters.count <= characters.count,
            Array(characters[position..<position + tokenCharacters.count]) == tokenCharacters
        else { return false }
        position += tokenCharacters.count
        return true
    }

    /// Parses the whole text as comma-separated requirements.
    mutating func parseLabelRequirements() throws(APIError) -> [LabelSelector.Requirement] {
        var requirements: [LabelSelector.Requirement] = []
        skipSpaces()
        if position == characters.count { return [] }
        while true {
            requirements.append(try parseRequirement())
            skipSpaces()
            if position == characters.count { return requirements }
            guard consume(",") else { throw failure("found '\(characters[position])', expected: ','") }
        }
    }

    fileprivate mutating func parseRequirement() throws(APIError) -> LabelSelector.Requirement {
        if consume("!") {
            let key = readIdentifier()
            guard Self.isValidKey(key) else { throw failure("invalid label key \"\(key)\"") }
            return .doesNotExist(key)
        }
        let key = readIdentifier()
        guard Self.isValidKey(key) else { throw failure("invalid label key \"\(key)\"") }
        skipSpaces()
        if position == characters.count || characters[position] == "," { return .exists(key) }
        if consume("==") || consume("=") { return .equals(key, try readValue()) }
        if consume("!=") { return .notEquals(key, try readValue()) }
        if consume(">") { return .greaterThan(key, try readInteger()) }
        if consume("<") { return .lessThan(key, try readInteger()) }
        let word = readIdentifier()
        switch word {
        case "in": return .isIn(key, try readSet())
        case "notin": return .notIn(key, try readSet())
        default: throw failure("found '\(word)', expected: in, notin, =, ==, !=, gt, lt")
        }
    }

    fileprivate mutating func readValue() throws(APIError) -> String {
        let value = readIdentifier()
        guard Self.isValidValue(value) else { throw failure("invalid label value: \"\(value)\"") }
        return value
    }

    fileprivate mutating func readInteger() throws(APIError) -> Int64 {
        let value = readIdentifier()
        guard let number = Int64(value) else { throw failure("for 'gt', 'lt' operators, the value must be an integer") }
        return number
    }

    fileprivate mutating func readSet() throws(APIError) -> Set<String> {
        guard consume("(") else { throw failure("expected '('") }
        var values: Set<String> = []
        while true {
            skipSpaces()
            if consume(")") { return values }
            values.insert(try readValue())
            skipSpaces()
            if consume(")") { return values }
            guard consume(",") else { throw failure("expected ',' or ')'") }
        }
    }

    /// `[prefix/]name`: name ≤ 63 alphanumerics, `-`, `_`, `.`; prefix a DNS subdomain.
    static func isValidKey(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard !bytes.isEmpty else { return false }
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return isValidName(bytes[...]) }
        let prefix = bytes[..<slash]
        let name = bytes[(slash + 1)...]
        guard !prefix.isEmpty, prefix.count <= 253, !name.contains(UInt8(ascii: "/")), !name.isEmpty,
            prefix.allSatisfy({ isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return false }
        return isValidName(name)
    }

    /// Empty, or ≤ 63 characters of alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric.
    static func isValidValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        return bytes.isEmpty || isValidName(bytes[...])
    }

    private static func isValidName(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLowerAlphanumeric(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
