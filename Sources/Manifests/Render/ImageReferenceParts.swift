/// An image reference split into the ClusterPolicy's three image fields, so a policy that sets only
/// some of them can take the rest from the default reference.
package struct ImageReferenceParts: Sendable, Hashable {
    /// Registry and path before the last `/` (empty for a bare name).
    package var repository: String
    /// The last path component, without tag or digest.
    package var image: String
    /// The tag, or the `sha256:` digest (empty when the reference has neither).
    package var version: String

    /// Creates the parts from the three fields.
    package init(repository: String, image: String, version: String) {
        self.repository = repository
        self.image = image
        self.version = version
    }

    /// Splits `reference`: `nvcr.io/nvidia/driver:595.91.07` gives `nvcr.io/nvidia`, `driver`, `595.91.07`.
    package init(parsing reference: String) {
        var name = Substring(reference)
        version = ""
        if let at = name.firstIndex(of: "@") {
            version = String(name[name.index(after: at)...])
            name = name[..<at]
        } else if let colon = name.lastIndex(of: ":"), !name[colon...].contains("/") {
            version = String(name[name.index(after: colon)...])
            name = name[..<colon]
        }
        if let slash = name.lastIndex(of: "/") {
            repository = String(name[..<slash])
            image = String(name[name.index(after: slash)...])
        } else {
            repository = ""
            image = String(name)
        }
    }

    /// Whether `image` already names a tag or digest (`driver:535`, `driver@sha256:…`).
    package static func carriesTagOrDigest(_ image: String) -> Bool {
        if image.contains("@") { return true }
        guard let colon = image.lastIndex(of: ":") else { return false }
        return !image[colon...].contains("/")
    }
}
