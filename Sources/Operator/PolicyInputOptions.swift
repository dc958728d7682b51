import ArgumentParser
import Foundation
import Manifests

/// `-f FILE` (`-` for standard input) and `--strict`, shared by the commands that read a policy.
struct PolicyInputOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("filename")], help: "ClusterPolicy YAML file, or - for standard input.")
    var file: String

    @Flag(help: "Treat unknown fields as errors instead of warnings.")
    var strict = false

    /// Reads and loads the policy, printing warnings to standard error.
    /// - Throws: `ExitCode.failure` after printing every problem as `file:line:column: message`.
    func load() throws -> ClusterPolicyLoader.Loaded {
        let text: String
        do {
            if file == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                text = try String(contentsOfFile: file, encoding: .utf8)
            }
        } catch {
            StandardError.line("\(file): cannot read: \(error.localizedDescription)")
            throw ExitCode.failure
        }
        do {
            let loaded = try ClusterPolicyLoader.load(text, file: file == "-" ? "<stdin>" : file, strict: strict)
            for warning in loaded.warnings { StandardError.line(warning.description) }
            return loaded
        } catch {
            StandardError.line(error.description)
            throw ExitCode.failure
        }
    }
}
