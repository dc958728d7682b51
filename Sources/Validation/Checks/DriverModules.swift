import KubeClient

/// The extra driver modules a driver container announces in `.driver-ctr-ready`
/// (`GDRCOPY_ENABLED`, `GDS_ENABLED`, `GPU_DIRECT_RDMA_ENABLED`): each enabled one must be loaded,
/// and gets its own status file.
package struct DriverModules: Sendable {
    /// One optional module.
    package struct Module: Sendable, Hashable {
        /// The flag in `.driver-ctr-ready`.
        package var flag: String
        /// The kernel module's name in `/proc/modules`.
        package var kernelModule: String
        /// The status file written when it is loaded.
        package var statusFile: String
    }

    /// The modules upstream knows.
    package static let known = [
        Module(flag: "GDRCOPY_ENABLED", kernelModule: "gdrdrv", statusFile: "gdrcopy-ready"),
        Module(flag: "GDS_ENABLED", kernelModule: "nvidia_fs", statusFile: "nvidia-fs-ready"),
        Module(flag: "GPU_DIRECT_RDMA_ENABLED", kernelModule: "nvidia_peermem", statusFile: "nvidia-peermem-ready"),
    ]

    /// The shared collaborators.
    package var context: ValidationContext

    /// Creates the validator.
    package init(context: ValidationContext) { self.context = context }

    /// The flags set to true in a `.driver-ctr-ready` file (`NAME: true` or `NAME=true` lines).
    package static func enabledFlags(in contents: String) -> Set<String> {
        var flags: Set<String> = []
        for line in contents.split(whereSeparator: \.isNewline) {
            guard let separator = line.firstIndex(where: { $0 == ":" || $0 == "=" }) else { continue }
            let name = line[..<separator].trimmingWhitespace
            let value = line[line.index(after: separator)...].trimmingWhitespace.lowercased()
            if value == "true" || value == "\"true\"" { flags.insert(name) }
        }
        return flags
    }

    /// The modules loaded according to a `/proc/modules` text.
    package static func loadedModules(in contents: String) -> Set<String> {
        Set(contents.split(whereSeparator: \.isNewline).compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    /// Checks every enabled module and writes its status file.
    /// - Throws: ``ValidationError`` naming a module that is not loaded (after waiting, with `WITH_WAIT`).
    package func validate(readyFile: String) async throws(ValidationError) {
        let enabled = Self.enabledFlags(in: try context.files.read(readyFile))
        let config = context.config
        let waiter = Waiter(time: context.time, interval: config.sleepInterval)
        for module in Self.known where enabled.contains(module.flag) {
            let statusPath = joinPath(config.outputDirectory, module.statusFile)
            try context.files.remove(statusPath)
            let modulesFile = context.modulesFile
            try await waiter.until("kernel module \(module.kernelModule)", attempts: config.withWait ? nil : 1) {
                () throws(ValidationError) -> Attempt<Void> in
                Self.loadedModules(in: try context.files.read(modulesFile)).contains(module.kernelModule)
                    ? .done(()) : .retry("\(module.kernelModule) is not loaded (\(module.flag) is true in \(readyFile))")
            }
            try context.files.writeAtomically(statusPath, contents: "")
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingWhitespace: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
