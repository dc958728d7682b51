/// The version of this project, reported in the user agent and by `operator version`.
package enum ProjectVersion {
    /// Semantic version of the operator and its client.
    package static let current = "0.1.0"
    /// The HTTP user agent sent on every API request.
    package static let userAgent = "swift-gpu-operator/\(current)"
}
