import Foundation
import Testing

/// `operator validate` and the `nvidia-validator` invocation form of the same binary.
@Suite("operator validate / nvidia-validator")
struct ValidateCommandTests {
    /// A scratch directory with a `nvidia-validator` symlink to the built binary and a fake `nvidia-smi`.
    static func scratch(smiExit: Int) throws -> (directory: String, validator: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("bin"), withIntermediateDirectories: true)
        let smi = directory.appendingPathComponent("bin/nvidia-smi")
        try "#!/bin/sh\nexit \(smiExit)\n".write(to: smi, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: smi.path)
        let link = directory.appendingPathComponent("nvidia-validator")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: OperatorBinary.url)
        return (directory.path, link)
    }

    static func run(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("invoked as nvidia-validator, COMPONENT=toolkit runs the injected nvidia-smi and writes toolkit-ready")
    func nvidiaValidatorForm() throws {
        let (directory, validator) = try Self.scratch(smiExit: 0)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try Self.run(
            validator, [], environment: ["COMPONENT": "toolkit", "OUTPUT_DIR": directory + "/out", "PATH": directory + "/bin:/usr/bin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory + "/out/toolkit-ready"))
    }

    @Test("a failing check exits 1 and writes its reason as the termination message; the status file is gone")
    func failurePublishesTheReason() throws {
        let (directory, _) = try Self.scratch(smiExit: 3)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/out", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: directory + "/out/toolkit-ready", contents: Data()))
        let result = try Self.run(
            OperatorBinary.url, ["validate", "--component", "toolkit", "--termination-message-path", directory + "/termination-log"],
            environment: ["OUTPUT_DIR": directory + "/out", "PATH": directory + "/bin:/usr/bin:/bin"])
        #expect(result.status == 1)
        let message = try String(contentsOfFile: directory + "/termination-log", encoding: .utf8)
        #expect(message == "not ready (nvidia-smi injected by the container runtime): \(directory)/bin/nvidia-smi failed: exit status 3\n")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/toolkit-ready"))
    }

    @Test("an unknown component is a configuration error")
    func unknownComponent() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("termination-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let result = try Self.run(
            OperatorBinary.url, ["validate", "--component", "gpu", "--termination-message-path", log], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("invalid configuration: unknown component \"gpu\""))
    }
}
