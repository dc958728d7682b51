import Yams

/// A problem reading a YAML file, reported as `file:line:column: message`.
package struct YAMLInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name given to the reader (`-` for standard input).
    package var file: String
    /// Where the problem is, when the parser says.
    package var position: SourcePosition?
    /// What is wrong.
    package var message: String

    /// Creates an error.
    package init(file: String, position: SourcePosition?, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    /// `file:line:column: message`.
    package var description: String {
        guard let position else { return "\(file): \(message)" }
        return "\(file):\(position.line):\(position.column): \(message)"
    }

    /// The error for a libyaml or Yams failure, with the position it names.
    init(_ error: YamlError, file: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            self.init(file: file, position: SourcePosition(mark), message: detail)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            self.init(file: file, position: SourcePosition(context.mark), message: "duplicate key \(keys)")
        case .reader(let problem, _, _, _):
            self.init(file: file, position: nil, message: problem)
        default:
            self.init(file: file, position: nil, message: "\(error)")
        }
    }
}

extension SourcePosition {
    /// The position of a libyaml mark.
    init(_ mark: Mark) {
        self.init(line: mark.line, column: mark.column)
    }
}
