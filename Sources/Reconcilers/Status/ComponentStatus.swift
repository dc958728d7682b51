import Manifests

/// How one component stands after a reconcile.
package struct ComponentStatus: Sendable, Hashable {
    /// The component's state.
    package enum State: String, Sendable, Hashable {
        case ready
        case notReady
        case disabled
        case failed
    }

    package var component: Component
    package var state: State
    /// One line saying what is missing and where, e.g. `3/5 nodes ready; not ready: gpu-7 (Init:0/1)`.
    package var message: String

    /// Creates a status.
    package init(component: Component, state: State, message: String) {
        self.component = component
        self.state = state
        self.message = message
    }

    /// Summarises DaemonSet reports: counts over all of them, then the first few not-ready nodes with
    /// their pod status.
    package static func fromDaemonSets(_ component: Component, _ reports: [DaemonSetReadiness.Report], shown: Int = 5) -> ComponentStatus {
        if reports.isEmpty { return ComponentStatus(component: component, state: .ready, message: "all objects applied") }
        let desired = reports.reduce(0) { $0 + $1.desired }
        let ready = reports.reduce(0) { $0 + $1.ready }
        let isReady = reports.allSatisfy(\.isReady)
        if desired == 0 {
            return ComponentStatus(component: component, state: .ready, message: "no node selected for \(component.rawValue)")
        }
        var message = "\(ready)/\(desired) nodes ready"
        let notReady = reports.flatMap(\.notReady).sorted { $0.node < $1.node }
        let notReadyTotal = max(notReady.count, reports.reduce(0) { $0 + ($1.notReadyCount ?? $1.notReady.count) })
        if !isReady {
            if notReady.isEmpty {
                let reasons = reports.compactMap { report in report.reason.map { "\(report.name): \($0)" } }
                if !reasons.isEmpty { message += "; " + reasons.joined(separator: "; ") }
            } else {
                let listed = notReady.prefix(shown).map { "\($0.node) (\($0.status))" }.joined(separator: ", ")
                message += "; not ready: " + listed
                if notReadyTotal > shown { message += " and \(notReadyTotal - shown) more" }
            }
        }
        return ComponentStatus(component: component, state: isReady ? .ready : .notReady, message: message)
    }
}
