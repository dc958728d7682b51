import Foundation

/// Writes to standard error (diagnostics never go to standard output, which carries manifests).
enum StandardError {
    /// Writes `text` and a newline to standard error.
    static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Writes to standard output in one piece, so a failed render never leaves partial output.
enum StandardOutput {
    /// Writes `text` as is.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
