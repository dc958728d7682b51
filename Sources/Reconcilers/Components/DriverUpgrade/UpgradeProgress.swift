import Manifests

/// The driver condition while an upgrade is in question, as a progress report people can act on,
/// e.g. "upgrading to 580.95.05: 12/40 done; gpu-7 waiting for 2 pod(s) to complete (ml/train-a,
/// ml/train-b) since 14:02:00; 1 failed: gpu-3 GPU pods cannot be evicted: …; 26 pending". Pure.
package enum UpgradeProgress {
    /// How many waiting and failed nodes are named before "and N more".
    package static let shown = 3

    /// The driver's status after a pass, or `nil` when nothing about upgrades needs saying.
    /// - Parameters:
    ///   - plan: the pass's plan.
    ///   - snapshot: the snapshot it was made from.
    ///   - version: the driver version being rolled out, if the policy names one.
    package static func status(_ plan: UpgradePlan, _ snapshot: UpgradeSnapshot, version: String?) -> ComponentStatus? {
        let total = snapshot.nodes.count
        guard snapshot.policy.autoUpgrade else {
            guard !plan.outdated.isEmpty else { return nil }
            let names = NameList.abbreviated(plan.outdated, limit: shown)
            return ComponentStatus(
                component: .driver, state: .notReady,
                message: "\(plan.outdated.count)/\(total) node(s) run an outdated driver (\(names)); automatic upgrades are off "
                    + "(driver.upgradePolicy.autoUpgrade): to roll a node by hand, drain it and delete its driver pod")
        }
        let done = plan.counts[.done] ?? 0
        let failed = plan.steps.filter { $0.to == .failed }
        let active = plan.steps.filter { $0.to != .failed && $0.to != .done && $0.to != .required && $0.to != .unknown }
        let pending = plan.counts[.required] ?? 0
        guard !(failed.isEmpty && active.isEmpty && pending == 0 && plan.outdated.isEmpty) else { return nil }
        var parts = ["\(version.map { "upgrading to \($0)" } ?? "upgrading the driver"): \(done)/\(total) done"]
        for step in active.prefix(shown) {
            parts.append("\(step.node) \(step.waitingFor ?? step.to.rawValue)")
        }
        if active.count > shown { parts.append("\(active.count - shown) more in progress") }
        if !failed.isEmpty {
            let named = failed.prefix(shown).map { "\($0.node) \($0.failure ?? $0.waitingFor ?? "failed")" }.joined(separator: "; ")
            parts.append("\(failed.count) failed (the rollout waits): \(named)")
        }
        if pending > 0 {
            let skipped = snapshot.nodes.filter { $0.state == .required && $0.skip }.count
            let why = plan.steps.first { $0.to == .required && $0.waitingFor != nil && !$0.waitingFor!.hasPrefix("skipped") }?.waitingFor
            parts.append("\(pending) pending" + (skipped > 0 ? " (\(skipped) skipped by label)" : "") + (why.map { ", \($0)" } ?? ""))
        }
        return ComponentStatus(component: .driver, state: .notReady, message: parts.joined(separator: "; "))
    }
}
