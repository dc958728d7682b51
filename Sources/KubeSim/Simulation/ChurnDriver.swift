import Synchronization

/// Runs the background churn of a server at the rate its ``ChurnSettings`` ask for, until cancelled.
/// The settings can change while it runs (`PUT /kubesim/churn`).
///
/// - Important: Thread-safe: one `Mutex` owns the settings and the count of changes made; ``run(_:)``
///   is meant to be one child task of the server.
package final class ChurnDriver: Sendable {
    private struct State {
        var settings: ChurnSettings
        var changes = 0
    }

    private let state: Mutex<State>

    /// Creates a driver with starting settings.
    package init(_ settings: ChurnSettings) { state = Mutex(State(settings: settings)) }

    /// The settings in force.
    package var settings: ChurnSettings { state.withLock { $0.settings } }

    /// The number of changes made so far.
    package var changes: Int { state.withLock { $0.changes } }

    /// Replaces the settings (validated by the caller with ``ChurnSettings/problem``).
    package func set(_ settings: ChurnSettings) { state.withLock { $0.settings = settings } }

    /// Makes changes at the configured rate: every 20 ms, as many as the rate has accrued.
    package func run(_ cluster: SimulatedCluster) async {
        let clock = ContinuousClock()
        var last = clock.now
        var owed = 0.0
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(20))
            } catch {
                return
            }
            let now = clock.now
            let elapsed = last.duration(to: now)
            last = now
            let settings = self.settings
            guard settings.rate > 0 else {
                owed = 0
                continue
            }
            owed += settings.rate * (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            // A stalled loop catches up with at most one second's worth of changes.
            owed = min(owed, max(settings.rate, 1))
            var made = 0
            while owed >= 1 {
                owed -= 1
                if await cluster.churnAtRandom(settings) != nil { made += 1 }
            }
            if made > 0 { state.withLock { $0.changes += made } }
        }
    }
}
