/// The file operations the checks need, behind a protocol so tests can use temporary directories or
/// record calls. Paths are absolute.
package protocol ValidationFileSystem: Sendable {
    /// Whether a path exists (following symbolic links).
    func exists(_ path: String) -> Bool
    /// Whether a path is a regular, non-empty file with an execute bit (following symbolic links).
    func isNonEmptyExecutable(_ path: String) -> Bool
    /// The file's contents.
    /// - Throws: ``ValidationError/statusFile(path:reason:)`` when it cannot be read.
    func read(_ path: String) throws(ValidationError) -> String
    /// Removes a file; a missing file is not an error.
    /// - Throws: ``ValidationError/statusFile(path:reason:)``.
    func remove(_ path: String) throws(ValidationError)
    /// Writes a file atomically: a temporary file in the same directory, then a rename over `path`,
    /// so a reader sees the old file or the whole new one, never a part.
    /// - Throws: ``ValidationError/statusFile(path:reason:)``.
    func writeAtomically(_ path: String, contents: String) throws(ValidationError)
    /// Creates a directory and its parents when missing.
    /// - Throws: ``ValidationError/statusFile(path:reason:)``.
    func createDirectory(_ path: String) throws(ValidationError)
    /// Creates (or replaces) a symbolic link at `path` pointing to `target`.
    /// - Throws: ``ValidationError/statusFile(path:reason:)``.
    func symlink(_ path: String, to target: String) throws(ValidationError)
    /// The names in a directory (empty when it does not exist).
    func list(_ path: String) -> [String]
    /// The device number of a character device node, `nil` for anything else.
    func characterDevice(_ path: String) -> DeviceNumber?
}

/// A device's major and minor numbers.
package struct DeviceNumber: Sendable, Hashable {
    /// The driver's number.
    package var major: UInt32
    /// The device's number within the driver.
    package var minor: UInt32

    /// Creates a device number.
    package init(major: UInt32, minor: UInt32) {
        self.major = major
        self.minor = minor
    }
}

/// Joins a root and an absolute path inside it: `/host` + `/usr/bin/x` → `/host/usr/bin/x`.
package func joinPath(_ root: String, _ path: String) -> String {
    let trimmedRoot = root.hasSuffix("/") ? String(root.dropLast()) : root
    return trimmedRoot + (path.hasPrefix("/") ? path : "/" + path)
}
