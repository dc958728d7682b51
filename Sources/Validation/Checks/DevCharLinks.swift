import Logging

/// The `/dev/char/<major>:<minor>` symlinks for NVIDIA device nodes that systemd-managed cgroups
/// need to let containers use the devices (NVIDIA/gpu-operator#430). Disabled with
/// `DISABLE_DEV_CHAR_SYMLINK_CREATION=true`.
package struct DevCharLinks: Sendable {
    /// The shared collaborators.
    package var context: ValidationContext

    /// Creates the link maker.
    package init(context: ValidationContext) { self.context = context }

    /// Links every NVIDIA character device under the driver's device root.
    /// - Returns: the links made (`path → target`), in order.
    /// - Throws: ``ValidationError/statusFile(path:reason:)`` when a link cannot be made.
    @discardableResult
    package func create(for info: DriverInfo) throws(ValidationError) -> [(link: String, target: String)] {
        let config = context.config
        let files = context.files
        // Where the device root is mounted in this container, and where it is on the host.
        let mounted = info.devRootContainerPath == "/host" ? config.hostRootMount : config.driverInstallDirectoryMount
        var devices: [String] = files.list(joinPath(mounted, "/dev")).filter { $0.hasPrefix("nvidia") && $0 != "nvidia-caps" }.map { "/dev/\($0)" }
        devices += files.list(joinPath(mounted, "/dev/nvidia-caps")).map { "/dev/nvidia-caps/\($0)" }
        var links: [(link: String, target: String)] = []
        try files.createDirectory(config.hostDevChar)
        for device in devices {
            guard let number = files.characterDevice(joinPath(mounted, device)) else { continue }
            let link = joinPath(config.hostDevChar, "\(number.major):\(number.minor)")
            let target = joinPath(info.devRoot, device)
            try files.symlink(link, to: target)
            links.append((link, target))
        }
        context.logger.info("created /dev/char symlinks for NVIDIA devices", metadata: ["count": .stringConvertible(links.count)])
        return links
    }
}
