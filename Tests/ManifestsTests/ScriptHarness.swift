import Foundation
import KubeModels
import Testing

@testable import Manifests

/// Runs an operand script from a rendered ConfigMap with `/bin/sh`, in a scratch directory: host paths
/// are rewritten into that directory and the commands the script calls on a node (`nvidia-smi`, `lsmod`,
/// the operand binary) are small fake scripts first on `PATH`.
struct ScriptHarness: ~Copyable {
    /// The scratch directory; removed when the harness goes away.
    let directory: URL
    /// Where the fake commands live.
    private var bin: URL { directory.appendingPathComponent("bin") }

    /// The exit status and the combined stdout and stderr of one run.
    struct Run {
        let status: Int32
        let output: String
    }

    /// Creates a fresh scratch directory.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("operand-script-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("bin"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The script under `key` of the rendered ConfigMap `name` (default policy and facts).
    static func script(configMap name: String, key: String) throws -> String {
        let object = try #require(try render().object(kind: "ConfigMap", named: name), "no ConfigMap \(name)")
        return try #require(try object.body.decode(as: ConfigMap.self).data?[key], "no key \(key) in \(name)")
    }

    /// The absolute path of `relative` inside the scratch directory.
    func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    /// Writes `text` to `relative` (creating its directory).
    func write(_ relative: String, _ text: String) throws {
        let url = directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The content of `relative`, or `nil` when it does not exist.
    func read(_ relative: String) -> String? {
        try? String(contentsOf: directory.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Installs a fake command `name` whose body is the given `sh` text.
    func fake(_ name: String, _ body: String) throws {
        let url = bin.appendingPathComponent(name)
        try "#!/bin/sh\n\(body)\n".write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    /// Runs `script` with each `replacing` key (a host path) rewritten to the value, in the scratch
    /// directory, with only `environment` and a `PATH` of the fakes then `/usr/bin:/bin`.
    func run(_ script: String, replacing: [String: String], environment: [String: String] = [:]) throws -> Run {
        var text = script
        for (from, to) in replacing { text = text.replacingOccurrences(of: from, with: to) }
        let file = directory.appendingPathComponent("script.sh")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [file.path]
        process.currentDirectoryURL = directory
        process.environment = environment.merging(["PATH": "\(bin.path):/usr/bin:/bin"]) { _, path in path }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }
}
