import Foundation

/// The real file system, through Foundation and POSIX calls.
package struct LocalFileSystem: ValidationFileSystem {
    /// Creates the file system.
    package init() {}

    /// Whether the path exists.
    package func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// Whether the path is a non-empty executable regular file.
    package func isNonEmptyExecutable(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0 && (info.st_mode & 0o111) != 0
    }

    /// The file as UTF-8 text.
    package func read(_ path: String) throws(ValidationError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .statusFile(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
    }

    /// Unlinks the file; a missing file is fine.
    package func remove(_ path: String) throws(ValidationError) {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw .statusFile(path: path, reason: "cannot remove: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes a temporary file beside `path` and renames it over `path`.
    package func writeAtomically(_ path: String, contents: String) throws(ValidationError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = joinPath(directory, ".\((path as NSString).lastPathComponent).tmp-\(getpid())")
        do {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw .statusFile(path: path, reason: "cannot write \(temporary): \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .statusFile(path: path, reason: "cannot rename \(temporary) over it: \(reason)")
        }
    }

    /// Creates the directory with its parents.
    package func createDirectory(_ path: String) throws(ValidationError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .statusFile(path: path, reason: "cannot create directory: \(error.localizedDescription)")
        }
    }

    /// Replaces `path` with a symbolic link to `target`.
    package func symlink(_ path: String, to target: String) throws(ValidationError) {
        unlink(path)
        guard Foundation.symlink(target, path) == 0 else {
            throw .statusFile(path: path, reason: "cannot link to \(target): \(String(cString: strerror(errno)))")
        }
    }

    /// The directory's entries, sorted (none when it cannot be read).
    package func list(_ path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? []
    }

    /// Major and minor of a character device (`stat` follows links).
    package func characterDevice(_ path: String) -> DeviceNumber? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFCHR else { return nil }
        let device = UInt64(info.st_rdev)
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~UInt64(0xfff))
        let minor = (device & 0xff) | ((device >> 12) & ~UInt64(0xff))
        return DeviceNumber(major: UInt32(truncatingIfNeeded: major), minor: UInt32(truncatingIfNeeded: minor))
    }
}
