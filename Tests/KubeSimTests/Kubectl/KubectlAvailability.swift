import Foundation
import Testing

/// Whether the real kubectl, the judge of KubeSim's fidelity, can be run: suites that drive it are
/// enabled only when an executable `kubectl` is on `PATH`, and are skipped (with ``skipReason``)
/// rather than failed where it is not installed.
enum KubectlAvailability {
    /// The first executable `kubectl` in the directories of `PATH`, or `nil`.
    static let path: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { "\($0)/kubectl" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether kubectl was found.
    static var isAvailable: Bool { path != nil }

    /// Why kubectl suites are skipped.
    static let skipReason: Comment = "kubectl is not on PATH: install it to run the tests that drive the real kubectl"
}

/// Where kubectl is installed (only read by suites enabled by ``KubectlAvailability/isAvailable``).
let kubectlPath = KubectlAvailability.path ?? "kubectl"
