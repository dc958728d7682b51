/// The driver-upgrade state machine as a pure function: snapshot in, one step per node out
/// (upstream's k8s-operator-libs passes: a node advances at most one state per pass, and every
/// write it needs comes with the step). Waiting steps are bounded and say what they wait for.
///
/// Differences from upstream, on purpose: a node is uncordoned only if this operator cordoned it
/// (recorded at the moment of the cordon); a missing validator pod, or a driver pod that never gets
/// ready without crash-looping, fails the node after a bound instead of waiting forever; GPU-pod
/// eviction keeps its start time on the node, so a restarted operator keeps the timeout.
package enum UpgradePlanner {
    /// How long a replaced driver pod may take to become ready before the node fails (driver builds
    /// can take minutes).
    package static let podRestartTimeout: Int64 = 1800
    /// How long the validator may take (upstream's fixed 600 s).
    package static let validationTimeout: Int64 = 600
    /// Restarts of a not-ready driver container after which the node fails (upstream's 10).
    package static let maximumRestarts = 10

    /// Plans one pass.
    package static func plan(_ snapshot: UpgradeSnapshot) -> UpgradePlan {
        guard snapshot.policy.autoUpgrade else { return disabled(snapshot) }
        var context = Pass(snapshot: snapshot)
        var steps: [NodeStep] = []
        for node in snapshot.nodes {
            var step = NodeStep(node: node.name, from: node.state)
            context.advance(node, &step)
            if step.acts || step.waitingFor != nil { steps.append(step) }
        }
        var counts: [UpgradeState: Int] = [:]
        let moved = Dictionary(steps.map { ($0.node, $0.to) }, uniquingKeysWith: { first, _ in first })
        for node in snapshot.nodes { counts[moved[node.name] ?? node.state, default: 0] += 1 }
        return UpgradePlan(
            steps: steps, counts: counts, outdated: snapshot.nodes.filter { context.isOutdated($0) }.map(\.name),
            available: max(0, context.slots))
    }

    /// `autoUpgrade` off: no pod is touched; state labels are removed and our own cordons undone.
    private static func disabled(_ snapshot: UpgradeSnapshot) -> UpgradePlan {
        let pass = Pass(snapshot: snapshot)
        var steps: [NodeStep] = []
        for node in snapshot.nodes where node.state != .unknown || node.annotations[UpgradeKeys.cordonedByOperator] != nil {
            var step = NodeStep(node: node.name, from: node.state)
            step.to = .unknown
            if node.annotations[UpgradeKeys.cordonedByOperator] == "true" && node.unschedulable { step.unschedulable = false }
            Pass.clearUpgradeAnnotations(node, &step)
            steps.append(step)
        }
        return UpgradePlan(
            steps: steps, counts: [.unknown: snapshot.nodes.count], outdated: snapshot.nodes.filter { pass.isOutdated($0) }.map(\.name),
            available: 0)
    }
}
