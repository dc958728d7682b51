/// Where the validated driver lives, on the host and in the operand containers: the contents of
/// `driver-ready`, which the toolkit, device plugin and MIG manager entrypoints source.
package struct DriverInfo: Sendable, Hashable {
    /// Whether the driver is installed on the host itself (not by a driver container).
    package var isHostDriver: Bool
    /// The driver's root on the host.
    package var driverRoot: String
    /// The driver's root inside the operand containers (`/host` or `/driver-root`).
    package var driverRootContainerPath: String
    /// The root of the NVIDIA device nodes on the host.
    package var devRoot: String
    /// The same inside the operand containers.
    package var devRootContainerPath: String

    /// A host-installed driver: everything is the host root, mounted at `/host`.
    package static func host(hostRoot: String) -> DriverInfo {
        DriverInfo(isHostDriver: true, driverRoot: hostRoot, driverRootContainerPath: "/host", devRoot: hostRoot, devRootContainerPath: "/host")
    }

    /// A containerized driver under `installDirectory` (mounted at `/driver-root` in operands); its
    /// device nodes are there when the driver root has `/dev/nvidiactl`, else on the host.
    package static func container(installDirectory: String, hostRoot: String, devicesInDriverRoot: Bool) -> DriverInfo {
        DriverInfo(
            isHostDriver: false, driverRoot: installDirectory, driverRootContainerPath: "/driver-root",
            devRoot: devicesInDriverRoot ? installDirectory : hostRoot, devRootContainerPath: devicesInDriverRoot ? "/driver-root" : "/host")
    }

    /// The `driver-ready` file: exactly these five lines, each `NAME=value`, newline-terminated.
    package var statusFileContents: String {
        [
            "IS_HOST_DRIVER=\(isHostDriver)", "NVIDIA_DRIVER_ROOT=\(driverRoot)", "DRIVER_ROOT_CTR_PATH=\(driverRootContainerPath)",
            "NVIDIA_DEV_ROOT=\(devRoot)", "DEV_ROOT_CTR_PATH=\(devRootContainerPath)",
        ].joined(separator: "\n") + "\n"
    }
}

/// Where the driver's files are searched for (pure lists, upstream's order).
package enum DriverPaths {
    /// `nvidia-smi` locations on a host with a pre-installed driver.
    package static let hostNvidiaSMI = [
        "/usr/bin/nvidia-smi", "/usr/sbin/nvidia-smi", "/bin/nvidia-smi", "/sbin/nvidia-smi", wslNvidiaSMI, "/opt/bin/nvidia-smi",
    ]
    /// `nvidia-smi` on WSL2, where the driver is the Windows host's and is assumed present.
    package static let wslNvidiaSMI = "/usr/lib/wsl/lib/nvidia-smi"
    /// `nvidia-smi` locations inside a containerized driver's root.
    package static let driverRootNvidiaSMI = ["/usr/bin/nvidia-smi", "/usr/sbin/nvidia-smi", "/bin/nvidia-smi", "/sbin/nvidia-smi"]
    /// Directories searched for `libnvidia-ml.so.1` inside a driver root.
    package static let libraryDirectories = [
        "/usr/lib64", "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
        "/usr/lib", "/lib",
    ]
    /// The NVIDIA management library `nvidia-smi` needs.
    package static let managementLibrary = "libnvidia-ml.so.1"

    /// The first path of `candidates` under `root` that is a non-empty executable file.
    package static func firstExecutable(_ candidates: [String], under root: String, in files: any ValidationFileSystem) -> String? {
        candidates.first { files.isNonEmptyExecutable(joinPath(root, $0)) }
    }
}
