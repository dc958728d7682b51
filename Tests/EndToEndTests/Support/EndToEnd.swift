import Testing

/// Every end-to-end suite runs inside this one, one test at a time: each test starts its own
/// kube-sim and operator, and running them side by side on a small CI machine only makes them slow.
@Suite("End to end", .serialized)
enum EndToEnd {}
