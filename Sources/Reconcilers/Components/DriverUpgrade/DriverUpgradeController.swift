import CoreMetrics
import KubeModels
import Logging
import Manifests

/// The driver's upgrade controller: when the driver DaemonSets have outdated pods, or nodes are in an
/// upgrade, it builds a snapshot, plans a pass (``UpgradePlanner``), carries it out
/// (``UpgradeExecutor``) and turns the driver's condition into a progress report. A cluster with
/// nothing to upgrade costs no request: the driver-pod watch starts only once an upgrade is in question.
struct DriverUpgradeController {
    let context: ControllerContext

    /// Advances upgrades and returns the driver's report with the upgrade's steps and status.
    func reconcile(_ pass: ReconcilePass, report: ComponentReport) async -> ComponentReport {
        let metrics = UpgradeMetrics()
        guard pass.isEnabled(.driver), pass.hasGPUNodes, report.failures.isEmpty else { return report }
        let spec = pass.policy.spec
        let policy = UpgradePolicy(managing: spec)
        metrics.autoUpgradeEnabled.record(policy.autoUpgrade ? 1 : 0)
        let daemonSets = pass.desired(.driver).filter { $0.resourceType == .daemonSets }
            .compactMap { context.ownedView.daemonSet(namespace: context.namespace, name: $0.name) }
        guard Self.isInQuestion(daemonSets: daemonSets, nodes: pass.facts.gpuNodes.compactMap(context.node), policy: policy) else {
            metrics.record(nil)
            watchPods(on: [])
            return report
        }
        if context.driverPods.want() { context.changes.notify() }
        var result = report
        do {
            guard let snapshot = try await UpgradeSnapshotBuilder(context: context).build(pass, policy: policy, daemonSets: daemonSets) else {
                result.steps.append(.waiting(reason: "listing driver pods", requeueAfter: nil))
                return result
            }
            let plan = UpgradePlanner.plan(snapshot)
            result.steps += await UpgradeExecutor(context: context).execute(plan.steps, policy: pass.policy, logger: pass.logger)
            metrics.record(plan)
            let states = Dictionary(snapshot.nodes.map { ($0.name, $0.state) }, uniquingKeysWith: { first, _ in first })
                .merging(plan.steps.map { ($0.node, $0.to) }, uniquingKeysWith: { _, moved in moved })
            watchPods(on: Set(states.filter { Self.waitsOnPods.contains($0.value) }.keys))
            if let status = UpgradeProgress.status(plan, snapshot, version: spec.driver.version) {
                result.status = result.failures.first.map { ComponentStatus(component: .driver, state: .failed, message: $0.description) } ?? status
            }
            // Pod changes on the nodes in flight wake the loop through their watches; the requeue is the
            // safety net for the clock-driven steps (timeouts).
            if plan.isActive { result.steps.append(.waiting(reason: "driver upgrade in progress", requeueAfter: .seconds(2))) }
        } catch {
            result.steps.append(.failed(error))
            result.status = ComponentStatus(component: .driver, state: .failed, message: error.description)
        }
        return result
    }

    /// The states in which a node waits on the pods running on it.
    static let waitsOnPods: Set<UpgradeState> = [.waitForJobsRequired, .podDeletionRequired, .drainRequired, .validationRequired]

    /// Asks for pod watches on exactly `nodes`.
    private func watchPods(on nodes: Set<String>) {
        if context.inFlightNodes.replace(with: nodes) { context.changes.notify() }
    }

    /// Whether an upgrade is in question: a driver DaemonSet runs pods of an older revision, a node is
    /// in an upgrade state or asks for one, or upgrades were switched off while nodes still carry their
    /// traces. A DaemonSet whose controller has not caught up with a new template is looked at again
    /// once it has (its status change re-queues the cluster).
    static func isInQuestion(daemonSets: [DaemonSet], nodes: [NodeSnapshot], policy: UpgradePolicy) -> Bool {
        // Nodes running a driver pod that is not on the newest revision: the controller counts them in
        // currentNumberScheduled but not in updatedNumberScheduled. (Pods still being created for a new
        // DaemonSet are neither, so a first install is not mistaken for an upgrade.)
        let outdated = daemonSets.contains { ds in
            let status = ds.status ?? DaemonSetStatus()
            return (status.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0)
                && (status.currentNumberScheduled ?? 0) > (status.updatedNumberScheduled ?? 0)
        }
        if outdated { return true }
        return nodes.contains { node in
            let state = UpgradeState(label: node.labels[UpgradeKeys.state])
            guard policy.autoUpgrade else { return state != .unknown || node.upgradeAnnotations[UpgradeKeys.cordonedByOperator] != nil }
            // As upstream, every node running our driver carries a state once upgrades are managed.
            let runsOurDriver = node.labels[NodeLabelKeys.deployPrefix + "driver"] == "true"
            return state != .done && (state != .unknown || runsOurDriver) || node.upgradeAnnotations[UpgradeKeys.requested] == "true"
        }
    }
}

/// Upstream's upgrade gauges.
struct UpgradeMetrics {
    /// 1 when automatic driver upgrades are on.
    let autoUpgradeEnabled = Gauge(label: "gpu_operator_driver_auto_upgrade_enabled")
    let inProgress = Gauge(label: "gpu_operator_nodes_upgrades_in_progress")
    let done = Gauge(label: "gpu_operator_nodes_upgrades_done")
    let failed = Gauge(label: "gpu_operator_nodes_upgrades_failed")
    let available = Gauge(label: "gpu_operator_nodes_upgrades_available")
    let pending = Gauge(label: "gpu_operator_nodes_upgrades_pending")

    /// Records a pass's counts (zeros when no upgrade is in question).
    func record(_ plan: UpgradePlan?) {
        let counts = plan?.counts ?? [:]
        inProgress.record(counts.filter { $0.key.isInProgress && $0.key != .failed }.values.reduce(0, +))
        done.record(counts[.done] ?? 0)
        failed.record(counts[.failed] ?? 0)
        available.record(plan?.available ?? 0)
        pending.record(counts[.required] ?? 0)
    }
}
