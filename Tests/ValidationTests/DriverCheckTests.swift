import Foundation
import Testing
import Validation

@Suite("Driver and toolkit checks against fake host roots")
struct DriverCheckTests {
    @Test("a host driver whose nvidia-smi answers writes driver-ready with exactly the five lines operands source")
    func hostDriver() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try harness.script(harness.host + "/usr/bin/nvidia-smi", "exit 0")
        let context = try harness.context("driver", ["HOST_ROOT": "/", "DISABLE_DEV_CHAR_SYMLINK_CREATION": "true"])
        try await Validator.run(context, searchPath: "")
        #expect(
            harness.read(harness.output + "/driver-ready")
                == "IS_HOST_DRIVER=true\nNVIDIA_DRIVER_ROOT=/\nDRIVER_ROOT_CTR_PATH=/host\nNVIDIA_DEV_ROOT=/\nDEV_ROOT_CTR_PATH=/host\n")
    }

    @Test("nvidia-smi in /usr/sbin is found too; DRIVER_VALIDATION_SKIP_GPU_INIT runs it with --version")
    func searchPathsAndSkipGPUInit() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try harness.script(harness.host + "/usr/sbin/nvidia-smi", "[ \"$1\" = --version ] || exit 3")
        let context = try harness.context("driver", ["DRIVER_VALIDATION_SKIP_GPU_INIT": "true", "DISABLE_DEV_CHAR_SYMLINK_CREATION": "true"])
        try await Validator.run(context, searchPath: "")
        #expect(harness.read(harness.output + "/driver-ready")?.hasPrefix("IS_HOST_DRIVER=true\n") == true)
    }

    @Test("a failing host nvidia-smi and no driver container: fails, names the command, the searched paths, and leaves no status file")
    func failure() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try harness.script(harness.host + "/usr/bin/nvidia-smi", "exit 9")
        try harness.file(harness.output + "/driver-ready", "IS_HOST_DRIVER=true\n")
        let context = try harness.context("driver", ["DISABLE_DEV_CHAR_SYMLINK_CREATION": "true"])
        let error = await #expect(throws: ValidationError.self) { try await Validator.run(context, searchPath: "") }
        let text = error?.description ?? ""
        #expect(text.contains("\(harness.host)/usr/bin/nvidia-smi failed: exit status 9"))
        #expect(text.contains("nvidia-smi not found at \(harness.driverRoot)/usr/bin/nvidia-smi"))
        #expect(harness.read(harness.output + "/driver-ready") == nil, "the old status file is removed before the check")
    }

    @Test("a hanging nvidia-smi is killed after the command time limit and reported")
    func hang() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try harness.script(harness.host + "/usr/bin/nvidia-smi", "exec sleep 30")
        let context = try harness.context("driver", ["COMMAND_TIMEOUT_SECONDS": "1", "DISABLE_DEV_CHAR_SYMLINK_CREATION": "true"])
        let started = ContinuousClock.now
        let error = await #expect(throws: ValidationError.self) { try await Validator.run(context, searchPath: "") }
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(error?.description.contains("no answer within 1 s, killed") == true)
    }

    @Test("a containerized driver: waits for .driver-ctr-ready, runs the driver root's nvidia-smi with LD_PRELOAD of libnvidia-ml")
    func containerDriver() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let library = harness.driverRoot + "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1"
        try harness.file(library, "fake")
        try harness.script(harness.driverRoot + "/usr/bin/nvidia-smi", "[ \"$LD_PRELOAD\" = \"\(library)\" ] || exit 4")
        try harness.file(harness.driverRoot + "/dev/nvidiactl")
        let context = try harness.context(
            "driver", ["DRIVER_INSTALL_DIR": "/run/nvidia/driver", "HOST_ROOT": "/", "DISABLE_DEV_CHAR_SYMLINK_CREATION": "true"])
        try await Validator.run(context, searchPath: "")
        #expect(
            harness.read(harness.output + "/driver-ready")
                == "IS_HOST_DRIVER=false\nNVIDIA_DRIVER_ROOT=/run/nvidia/driver\nDRIVER_ROOT_CTR_PATH=/driver-root\n"
                + "NVIDIA_DEV_ROOT=/run/nvidia/driver\nDEV_ROOT_CTR_PATH=/driver-root\n")
    }

    @Test("driver-ready is replaced atomically: the old contents stay until the rename, and no temporary file is left")
    func atomicReplacement() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let path = harness.output + "/driver-ready"
        try harness.file(path, "OLD\n")
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        try LocalFileSystem().writeAtomically(path, contents: DriverInfo.host(hostRoot: "/").statusFileContents)
        let after = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        #expect(before != after, "a new inode was renamed over the old file rather than the old file rewritten in place")
        #expect(harness.read(path)?.hasPrefix("IS_HOST_DRIVER=true\n") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.output) == ["driver-ready"])
    }

    @Test("extra modules enabled in .driver-ctr-ready must be loaded; each writes its own status file")
    func driverModules() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        try harness.file(harness.output + "/.driver-ctr-ready", "GDRCOPY_ENABLED=true\nGDS_ENABLED=false\nGPU_DIRECT_RDMA_ENABLED: true\n")
        try harness.file(harness.root + "/modules", "gdrdrv 24576 0 - Live 0x0\nnvidia 1 2 - Live 0x0\n")
        let context = try harness.context("driver")
        let error = await #expect(throws: ValidationError.self) {
            try await DriverModules(context: context).validate(readyFile: harness.output + "/.driver-ctr-ready")
        }
        #expect(error?.description.contains("nvidia_peermem is not loaded") == true)
        #expect(harness.read(harness.output + "/gdrcopy-ready") == "")
        #expect(harness.read(harness.output + "/nvidia-fs-ready") == nil)
    }

    @Test("toolkit: nvidia-smi injected on PATH → toolkit-ready; missing → names every searched path")
    func toolkit() async throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        let context = try harness.context("toolkit")
        let error = await #expect(throws: ValidationError.self) { try await Validator.run(context, searchPath: harness.root + "/bin:/nonexistent") }
        #expect(error?.description.contains("nvidia-smi not found at \(harness.root)/bin/nvidia-smi, /nonexistent/nvidia-smi") == true)
        try harness.script(harness.root + "/bin/nvidia-smi", "exit 0")
        try await Validator.run(context, searchPath: harness.root + "/bin:/nonexistent")
        #expect(harness.read(harness.output + "/toolkit-ready") == "")
    }
}

@Suite("/dev/char symlinks")
struct DevCharLinkTests {
    @Test("each NVIDIA character device under the device root gets /dev/char/<major>:<minor> pointing at its host path")
    func links() throws {
        let harness = try Harness()
        defer { harness.cleanUp() }
        // /dev/null stands in for a device node: a character device any user can stat (1:3).
        try FileManager.default.createDirectory(atPath: harness.host + "/dev/nvidia-caps", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: harness.host + "/dev/nvidia0", withDestinationPath: "/dev/null")
        try FileManager.default.createSymbolicLink(atPath: harness.host + "/dev/nvidia-caps/nvidia-cap1", withDestinationPath: "/dev/zero")
        try harness.file(harness.host + "/dev/nvidia-not-a-device")
        try harness.file(harness.host + "/dev/sda")
        let context = try harness.context("driver")
        let links = try DevCharLinks(context: context).create(for: .host(hostRoot: "/"))
        #expect(links.map(\.link) == [harness.root + "/dev-char/1:3", harness.root + "/dev-char/1:5"])
        #expect(links.map(\.target) == ["/dev/nvidia0", "/dev/nvidia-caps/nvidia-cap1"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: harness.root + "/dev-char/1:3") == "/dev/nvidia0")
    }
}
