import Testing

@testable import Manifests
@testable import Reconcilers

/// A readiness report as ``DaemonSetReadiness/evaluate(_:pods:newestRevisionHash:)`` produces it.
private func report(
    _ name: String = "nvidia-driver-daemonset", desired: Int, ready: Int, notReady: [(String, String)] = [], reason: String? = nil
) -> DaemonSetReadiness.Report {
    DaemonSetReadiness.Report(
        name: name, isReady: ready == desired && notReady.isEmpty && reason == nil, desired: desired, ready: ready,
        notReady: notReady.map { DaemonSetReadiness.NodePodStatus(node: $0.0, status: $0.1) }, reason: reason)
}

/// Per-component status lines built from DaemonSet reports (DESIGN.md "Status": a message that names
/// what is missing and where).
@Suite struct ComponentStatusTests {
    /// A component without DaemonSets (pre-requisites, operator metrics) is ready once applied.
    @Test func noDaemonSetIsReady() {
        let status = ComponentStatus.fromDaemonSets(.preRequisites, [])
        #expect(status == ComponentStatus(component: .preRequisites, state: .ready, message: "all objects applied"))
    }

    @Test func noSelectedNodeIsReady() {
        let status = ComponentStatus.fromDaemonSets(.dcgmExporter, [report("nvidia-dcgm-exporter", desired: 0, ready: 0)])
        #expect(status.state == .ready)
        #expect(status.message == "no node selected for dcgm-exporter")
    }

    @Test func allReady() {
        let status = ComponentStatus.fromDaemonSets(.devicePlugin, [report(desired: 5, ready: 5)])
        #expect(status == ComponentStatus(component: .devicePlugin, state: .ready, message: "5/5 nodes ready"))
    }

    @Test func notReadyNodesAreNamedWithTheirPodStatus() {
        let status = ComponentStatus.fromDaemonSets(
            .driver, [report(desired: 5, ready: 3, notReady: [("gpu-7", "Init:0/1"), ("gpu-2", "CrashLoopBackOff")])])
        #expect(status.state == .notReady)
        #expect(status.message == "3/5 nodes ready; not ready: gpu-2 (CrashLoopBackOff), gpu-7 (Init:0/1)")
    }

    /// Beyond `shown` nodes the message says how many more there are.
    @Test func longListsAreTruncated() {
        let nodes = (1...8).map { ("gpu-\($0)", "Init:0/1") }
        let status = ComponentStatus.fromDaemonSets(.driver, [report(desired: 10, ready: 2, notReady: nodes)])
        #expect(
            status.message
                == "2/10 nodes ready; not ready: gpu-1 (Init:0/1), gpu-2 (Init:0/1), gpu-3 (Init:0/1), gpu-4 (Init:0/1), gpu-5 (Init:0/1) and 3 more")
    }

    @Test func exactlyShownNodesHaveNoTail() {
        let nodes = (1...2).map { ("gpu-\($0)", "Pending") }
        let status = ComponentStatus.fromDaemonSets(.driver, [report(desired: 2, ready: 0, notReady: nodes)], shown: 2)
        #expect(status.message == "0/2 nodes ready; not ready: gpu-1 (Pending), gpu-2 (Pending)")
    }

    @Test func shownIsConfigurable() {
        let nodes = (1...4).map { ("gpu-\($0)", "Pending") }
        let status = ComponentStatus.fromDaemonSets(.driver, [report(desired: 4, ready: 0, notReady: nodes)], shown: 1)
        #expect(status.message == "0/4 nodes ready; not ready: gpu-1 (Pending) and 3 more")
    }

    /// Per-kernel driver DaemonSets: counts add up and not-ready nodes of all of them are merged by name.
    @Test func severalDaemonSetsAreSummed() {
        let reports = [
            report("nvidia-driver-daemonset-6.8.0-45-generic-ubuntu22.04", desired: 3, ready: 2, notReady: [("gpu-c", "Init:0/1")]),
            report("nvidia-driver-daemonset-5.15.0-105-generic-ubuntu22.04", desired: 2, ready: 1, notReady: [("gpu-a", "old revision")]),
            report("nvidia-driver-daemonset-6.5.0-1-generic-ubuntu22.04", desired: 1, ready: 1),
        ]
        let status = ComponentStatus.fromDaemonSets(.driver, reports)
        #expect(status.state == .notReady)
        #expect(status.message == "4/6 nodes ready; not ready: gpu-a (old revision), gpu-c (Init:0/1)")
    }

    /// With no pod to blame, each not-ready DaemonSet's reason is given.
    @Test func reasonsWhenNoPodIsToBlame() {
        let reports = [
            report("nvidia-driver-daemonset", desired: 2, ready: 2, reason: "the DaemonSet controller has not processed the latest spec yet"),
            report("nvidia-driver-daemonset-x", desired: 1, ready: 1),
        ]
        let status = ComponentStatus.fromDaemonSets(.driver, reports)
        #expect(status.state == .notReady)
        #expect(status.message == "3/3 nodes ready; nvidia-driver-daemonset: the DaemonSet controller has not processed the latest spec yet")
    }

    /// End to end from a live DaemonSet and its pods.
    @Test func fromEvaluatedDaemonSet() {
        let ds = daemonSet(desired: 3, updated: 3, available: 2, unavailable: 1)
        let pods = [readyPod(node: "gpu-1"), readyPod(node: "gpu-2"), pod(node: "gpu-3", containers: [waitingContainer(reason: "CrashLoopBackOff")])]
        let status = ComponentStatus.fromDaemonSets(.driver, [DaemonSetReadiness.evaluate(ds, pods: pods, newestRevisionHash: nil)])
        #expect(status == ComponentStatus(component: .driver, state: .notReady, message: "2/3 nodes ready; not ready: gpu-3 (CrashLoopBackOff)"))
    }
}
