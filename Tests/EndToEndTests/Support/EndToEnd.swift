import Testing

/// Every end-to-end suite runs inside this one, one test at a time: each test starts its own
/// kube-sim and operator, and running them side by side on a small CI machine only makes them slow.
/// Without kubectl on `PATH` every one of them is skipped, saying so.
@Suite("End to end", .serialized, .enabled(if: KubectlAvailability.isAvailable, KubectlAvailability.skipReason))
enum EndToEnd {}
