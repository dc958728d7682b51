import KubeModels

/// Why a policy cannot be rendered, with the spec field at fault when there is one.
package struct RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending field, e.g. `spec.driver`.
    package var path: FieldPath?
    package var message: String

    /// Creates an error about a field.
    package init(_ path: FieldPath?, _ message: String) {
        self.path = path
        self.message = message
    }

    /// `spec.driver: message`, or just the message.
    package var description: String { path.map { "\($0): \(message)" } ?? message }
}
