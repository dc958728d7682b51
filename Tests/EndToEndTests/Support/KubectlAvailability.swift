import Foundation
import Testing

/// Whether the real kubectl can be run: the end-to-end bench applies the CRD and samples and reads
/// the cluster through it, so the suites are skipped (with ``skipReason``) rather than failed where
/// no executable `kubectl` is on `PATH`.
enum KubectlAvailability {
    /// Whether an executable `kubectl` is in one of the directories of `PATH` (where
    /// ``SimulatedCluster/kubectl(_:stdin:check:)`` finds it through `/usr/bin/env`).
    static let isAvailable = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/kubectl") }

    /// Why the end-to-end suites are skipped.
    static let skipReason: Comment = "kubectl is not on PATH: install it to run the end-to-end tests"
}
