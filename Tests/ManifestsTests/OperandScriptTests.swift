import Foundation
import Testing

@testable import Manifests

/// The driver startup probe (§5.1) and the device-plugin entrypoint (§5.8) of
/// `reference/takeover-and-operands.md`, run with `/bin/sh` against fake node files and commands.
@Suite struct OperandScriptTests {
    // MARK: driver startup probe

    /// Runs the probe with `/run/nvidia/validations` and the module's `refcnt` inside the harness.
    private func runProbe(_ harness: borrowing ScriptHarness, environment: [String: String] = [:]) throws -> ScriptHarness.Run {
        try harness.run(
            try ScriptHarness.script(configMap: "nvidia-driver-startup-probe", key: "startup-probe.sh"),
            replacing: ["/run/nvidia/validations": harness.path("validations"), "/sys/module/nvidia/refcnt": harness.path("refcnt")],
            environment: environment)
    }

    /// A loaded module and an `nvidia-smi` that prints a GPU and records that it ran.
    private func loadedDriver(_ harness: borrowing ScriptHarness) throws {
        try harness.write("refcnt", "1\n")
        try harness.fake("nvidia-smi", "echo 'GPU 0: Fake GPU'; : > \(harness.path("smi-ran"))")
    }

    @Test func probeWritesTheMarkerWhenTheDriverAnswers() throws {
        let harness = try ScriptHarness()
        try loadedDriver(harness)
        let run = try runProbe(harness, environment: ["GDS_ENABLED": "true"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("GPU 0: Fake GPU"), "nvidia-smi's output is shown")
        #expect(
            harness.read("validations/.driver-ctr-ready")
                == "GDRCOPY_ENABLED: false\nGDS_ENABLED: true\nGPU_DIRECT_RDMA_ENABLED: false\n")
        #expect(harness.read("validations/.driver-ctr-ready.tmp") == nil, "written under a temporary name, then renamed")
    }

    @Test func probeFailsWithoutTheModule() throws {
        let harness = try ScriptHarness()
        try harness.fake("nvidia-smi", "exit 0")
        let run = try runProbe(harness)
        #expect(run.status != 0)
        #expect(FileManager.default.fileExists(atPath: harness.path("validations")), "the directory is created first")
        #expect(harness.read("validations/.driver-ctr-ready") == nil)
    }

    @Test func probeWantsRefcntToBeARegularFile() throws {
        let harness = try ScriptHarness()
        try loadedDriver(harness)
        try FileManager.default.removeItem(atPath: harness.path("refcnt"))
        try FileManager.default.createDirectory(atPath: harness.path("refcnt"), withIntermediateDirectories: false)
        #expect(try runProbe(harness).status != 0)
    }

    @Test(arguments: ["Starting", "Ready\nnot yet", "ready"])
    func probeWaitsForTheDriverDaemons(status: String) throws {
        let harness = try ScriptHarness()
        try loadedDriver(harness)
        try harness.write("validations/.driver-daemons-status", status)
        let run = try runProbe(harness)
        #expect(run.status != 0)
        #expect(run.output.contains(status), "the current status is printed")
        #expect(harness.read("smi-ran") == nil, "nvidia-smi is not even tried")
        #expect(harness.read("validations/.driver-ctr-ready") == nil)
    }

    @Test func probePassesOnceTheDaemonsAreReady() throws {
        let harness = try ScriptHarness()
        try loadedDriver(harness)
        try harness.write("validations/.driver-daemons-status", "Ready\n")
        #expect(try runProbe(harness).status == 0)
        #expect(harness.read("validations/.driver-ctr-ready") != nil)
    }

    @Test func probeFailsWhenNvidiaSmiFails() throws {
        let harness = try ScriptHarness()
        try harness.write("refcnt", "1\n")
        try harness.fake("nvidia-smi", "echo 'NVIDIA-SMI has failed'; exit 9")
        let run = try runProbe(harness)
        #expect(run.status != 0)
        #expect(run.output.contains("NVIDIA-SMI has failed"))
        #expect(harness.read("validations/.driver-ctr-ready") == nil)
    }

    // MARK: device-plugin entrypoint

    /// Runs the entrypoint with `driver-ready` present, `lsmod` listing `modules` and a fake plugin that
    /// prints the variables it was started with.
    private func runEntrypoint(
        _ harness: borrowing ScriptHarness, modules: [String], environment: [String: String] = [:]
    ) throws -> ScriptHarness.Run {
        try prepareEntrypoint(harness, modules: modules)
        return try runPreparedEntrypoint(harness, environment: environment)
    }

    /// Runs the entrypoint as the harness stands.
    private func runPreparedEntrypoint(_ harness: borrowing ScriptHarness, environment: [String: String] = [:]) throws -> ScriptHarness.Run {
        try harness.run(
            try ScriptHarness.script(configMap: "nvidia-device-plugin-entrypoint", key: "entrypoint.sh"),
            replacing: ["/run/nvidia/validations": harness.path("validations")], environment: environment)
    }

    /// Writes `driver-ready` and installs the fake `lsmod` (listing `modules`) and plugin.
    private func prepareEntrypoint(_ harness: borrowing ScriptHarness, modules: [String]) throws {
        try harness.write("validations/driver-ready", "NVIDIA_DRIVER_ROOT=/run/nvidia/driver\n")
        let listing = (["Module                  Size  Used by"] + modules.map { "\($0)  16384  0" }).joined(separator: "\n")
        try harness.fake("lsmod", "printf '%s\\n' '\(listing.replacingOccurrences(of: "\n", with: "' '"))'")
        try harness.fake(
            "nvidia-device-plugin",
            """
            for name in NVIDIA_DRIVER_ROOT GDRCOPY_ENABLED GDS_ENABLED MOFED_ENABLED; do
              eval "echo plugin: $name=\\${$name-unset}"
            done
            """)
    }

    @Test func entrypointTurnsOnTheFlagsOfLoadedModules() throws {
        let harness = try ScriptHarness()
        let run = try runEntrypoint(harness, modules: ["nvidia_fs", "gdrdrv", "nvidia"])
        #expect(run.status == 0, "\(run.output)")
        for line in [
            "plugin: NVIDIA_DRIVER_ROOT=/run/nvidia/driver", "plugin: GDRCOPY_ENABLED=true", "plugin: GDS_ENABLED=true",
            "plugin: MOFED_ENABLED=true",
        ] {
            #expect(run.output.contains(line), "\(line)")
        }
        #expect(harness.read("feature-flags.env") == "GDRCOPY_ENABLED=true\nGDS_ENABLED=true\nMOFED_ENABLED=true\n")
    }

    @Test func entrypointKeepsFlagsAlreadySet() throws {
        let harness = try ScriptHarness()
        let run = try runEntrypoint(harness, modules: ["nvidia_fs", "gdrdrv"], environment: ["GDS_ENABLED": "false", "GDRCOPY_ENABLED": "false"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("plugin: GDS_ENABLED=false"))
        #expect(run.output.contains("plugin: GDRCOPY_ENABLED=false"))
        #expect(run.output.contains("plugin: MOFED_ENABLED=true"))
        #expect(harness.read("feature-flags.env") == "MOFED_ENABLED=true\n")
    }

    @Test func entrypointMatchesWholeModuleNamesAndTruncatesTheFile() throws {
        let harness = try ScriptHarness()
        try harness.write("feature-flags.env", "GDS_ENABLED=true\n")
        let run = try runEntrypoint(harness, modules: ["gdrdrv_extra", "nvidia_fs2", "nvidia"])
        #expect(run.status == 0, "\(run.output)")
        #expect(harness.read("feature-flags.env") == "")
        #expect(run.output.contains("plugin: GDRCOPY_ENABLED=unset"))
        #expect(run.output.contains("plugin: GDS_ENABLED=unset"))
        #expect(run.output.contains("plugin: NVIDIA_DRIVER_ROOT=/run/nvidia/driver"))
    }

    @Test func entrypointStartsThePluginWhenLsmodFails() throws {
        let harness = try ScriptHarness()
        try prepareEntrypoint(harness, modules: [])
        try harness.fake("lsmod", "exit 1")
        let run = try runPreparedEntrypoint(harness)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("plugin: GDRCOPY_ENABLED=unset"))
    }
}
