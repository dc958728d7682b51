import KubeModels

/// A message about an input policy, tied to a file position when known:
/// `cp.yaml:12:7: spec.driver.enabled: expected boolean, got string "yes"`.
package struct PolicyDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Whether the message stops rendering.
    package enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    package var severity: Severity
    package var file: String
    package var position: SourcePosition?
    package var path: FieldPath?
    package var message: String

    /// Creates a diagnostic.
    package init(severity: Severity, file: String, position: SourcePosition?, path: FieldPath?, message: String) {
        self.severity = severity
        self.file = file
        self.position = position
        self.path = path
        self.message = message
    }

    /// `file:line:column: [warning: ]path: message`.
    package var description: String {
        var text = file
        if let position { text += ":\(position.line):\(position.column)" }
        text += ": "
        if severity == .warning { text += "warning: " }
        if let path { text += "\(path): " }
        return text + message
    }
}

/// A policy file that cannot be used, with every problem found.
package struct PolicyLoadError: Error, Sendable, CustomStringConvertible {
    package var diagnostics: [PolicyDiagnostic]

    /// Creates an error from diagnostics.
    package init(_ diagnostics: [PolicyDiagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic per line.
    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension PolicyDiagnostic {
    /// The error diagnostic of a render failure of a loaded policy, placed at the offending field of
    /// the source document when the error names one.
    package init(renderError error: RenderError, of loaded: ClusterPolicyLoader.Loaded, file: String) {
        let position = error.path.map { loaded.document.position(of: $0) }
        self.init(severity: .error, file: file, position: position, path: error.path, message: error.message)
    }
}
