import Testing

@testable import KubeModels
@testable import Reconcilers

/// One row of the status-only readiness table.
struct StatusReadinessCase: Sendable, CustomTestStringConvertible {
    var name: String
    var generation: Int64 = 2
    var observedGeneration: Int64? = 2
    var desired: Int?
    var updated: Int? = nil
    var available: Int? = nil
    var unavailable: Int? = nil
    var ready: Bool

    var testDescription: String { name }
}

/// DaemonSet readiness (reference §2.4; behaviour 8 of §8, after upstream's
/// `TestIsDaemonSetRollingUpdateComplete` and `TestIsDaemonSetReady*`).
@Suite struct DaemonSetReadinessTests {
    static let statusCases: [StatusReadinessCase] = [
        // Upstream calls these two ready; we wait until the controller has observed the spec, so a
        // DaemonSet created a moment ago is never reported ready before it has scheduled anything.
        StatusReadinessCase(name: "no status yet (desired 0): not ready", observedGeneration: nil, desired: nil, ready: false),
        StatusReadinessCase(name: "desired 0 before the controller observed the spec: not ready", observedGeneration: 1, desired: 0, ready: false),
        StatusReadinessCase(name: "desired 0 once observed (no node selected): ready", desired: 0, ready: true),
        StatusReadinessCase(name: "observed, updated == available == desired", desired: 5, updated: 5, available: 5, unavailable: 0, ready: true),
        StatusReadinessCase(
            name: "observedGeneration ahead of generation", generation: 2, observedGeneration: 3, desired: 5, updated: 5, available: 5, ready: true),
        StatusReadinessCase(
            name: "observedGeneration behind generation", generation: 3, observedGeneration: 2, desired: 5, updated: 5, available: 5, ready: false),
        StatusReadinessCase(name: "observedGeneration missing", observedGeneration: nil, desired: 5, updated: 5, available: 5, ready: false),
        StatusReadinessCase(name: "updated < desired", desired: 5, updated: 4, available: 5, ready: false),
        StatusReadinessCase(name: "available < desired", desired: 5, updated: 5, available: 4, ready: false),
        StatusReadinessCase(name: "updated missing", desired: 5, updated: nil, available: 5, ready: false),
        StatusReadinessCase(name: "numberUnavailable != 0", desired: 5, updated: 5, available: 5, unavailable: 1, ready: false),
    ]

    private static func ds(_ row: StatusReadinessCase, strategy: String = "RollingUpdate") -> DaemonSet {
        daemonSet(
            generation: row.generation, strategy: strategy, desired: row.desired, observedGeneration: row.observedGeneration,
            updated: row.updated, available: row.available, unavailable: row.unavailable)
    }

    @Test(arguments: statusCases)
    func statusRule(_ row: StatusReadinessCase) {
        #expect(DaemonSetReadiness.statusSaysReady(Self.ds(row)) == row.ready)
    }

    /// Without inspected pods (`nil`), a DaemonSet is judged by its status alone.
    @Test(arguments: statusCases)
    func rollingUpdateEvaluation(_ row: StatusReadinessCase) {
        let report = DaemonSetReadiness.evaluate(Self.ds(row), pods: nil, newestRevisionHash: nil)
        #expect(report.isReady == row.ready)
        #expect(report.desired == (row.desired ?? 0))
        if row.ready {
            #expect(report.ready == report.desired)
            #expect(report.notReady.isEmpty)
            #expect(report.reason == nil)
        } else {
            #expect(report.reason != nil, "a not-ready DaemonSet without pods to show must say why")
        }
    }

    @Test func needsPods() {
        #expect(!DaemonSetReadiness.needsPods(settledDaemonSet(count: 3)))
        #expect(DaemonSetReadiness.needsPods(daemonSet(desired: 3, updated: 3, available: 2)))
        #expect(DaemonSetReadiness.needsPods(settledDaemonSet(strategy: "OnDelete", count: 3)))
    }

    @Test func reportNamesTheDaemonSet() {
        let report = DaemonSetReadiness.evaluate(settledDaemonSet(name: "nvidia-dcgm-exporter", count: 2), pods: nil, newestRevisionHash: nil)
        #expect(report.name == "nvidia-dcgm-exporter")
        #expect(report.isReady)
        #expect(report.ready == 2)
        #expect(report.desired == 2)
    }

    /// Not-ready nodes are listed by node name with kubectl's STATUS text; ready pods are counted.
    @Test func notReadyNodesAreListedWithPodStatus() {
        let ds = daemonSet(desired: 4, updated: 4, available: 1, unavailable: 3)
        let pods = [
            pod(node: "gpu-c", containers: [waitingContainer(reason: "CrashLoopBackOff")]),
            readyPod(node: "gpu-a"),
            pod(
                node: "gpu-d", phase: "Pending", initContainers: [runningContainer("init-0", ready: false)],
                containers: [waitingContainer(reason: "PodInitializing")]),
            pod(node: "gpu-b", phase: "Pending", containers: [waitingContainer(reason: "ContainerCreating")]),
        ]
        let report = DaemonSetReadiness.evaluate(ds, pods: pods, newestRevisionHash: nil)
        #expect(!report.isReady)
        #expect(report.desired == 4)
        #expect(report.ready == 1)
        #expect(
            report.notReady == [
                .init(node: "gpu-b", status: "ContainerCreating"),
                .init(node: "gpu-c", status: "CrashLoopBackOff"),
                .init(node: "gpu-d", status: "Init:0/1"),
            ])
    }

    /// Pods whose first ownerReference is another DaemonSet's (same labels, e.g. a DaemonSet being
    /// replaced) are ignored.
    @Test func podsOfAnotherDaemonSetAreIgnored() {
        let ds = daemonSet(desired: 2, updated: 2, available: 1, unavailable: 1)
        let pods = [
            pod(node: "gpu-a", containers: [waitingContainer(reason: "CrashLoopBackOff")]),
            pod(node: "gpu-z", owner: "other-uid", containers: [waitingContainer(reason: "ImagePullBackOff")]),
            pod(node: "gpu-y", owner: nil, containers: [waitingContainer(reason: "ImagePullBackOff")]),
        ]
        let report = DaemonSetReadiness.evaluate(ds, pods: pods, newestRevisionHash: nil)
        #expect(report.notReady == [.init(node: "gpu-a", status: "CrashLoopBackOff")])
    }

    // MARK: OnDelete

    @Test func onDeleteAllPodsOnNewestRevisionIsReady() {
        let ds = settledDaemonSet(strategy: "OnDelete", count: 2)
        let pods = [readyPod(node: "gpu-a", revision: "7b9c4d5f6"), readyPod(node: "gpu-b", revision: "7b9c4d5f6")]
        let report = DaemonSetReadiness.evaluate(ds, pods: pods, newestRevisionHash: "7b9c4d5f6")
        #expect(report.isReady)
        #expect(report.ready == 2)
        #expect(report.notReady.isEmpty)
    }

    /// A pod still on an older `controller-revision-hash` is not ready, even when running and ready and
    /// even when the status counters say all is well (they cannot see an OnDelete update pending).
    @Test func onDeletePodOnOlderRevisionIsNotReady() {
        let ds = settledDaemonSet(strategy: "OnDelete", count: 2)
        let pods = [readyPod(node: "gpu-a", revision: "7b9c4d5f6"), readyPod(node: "gpu-b", revision: "5d6f7c8b9")]
        let report = DaemonSetReadiness.evaluate(ds, pods: pods, newestRevisionHash: "7b9c4d5f6")
        #expect(!report.isReady)
        #expect(report.ready == 1)
        #expect(report.notReady == [.init(node: "gpu-b", status: "old revision")])
    }

    @Test func onDeletePodOnNewestRevisionButCrashingIsNotReady() {
        let ds = settledDaemonSet(strategy: "OnDelete", count: 1)
        let pods = [pod(node: "gpu-a", revision: "7b9c4d5f6", containers: [waitingContainer(reason: "CrashLoopBackOff")])]
        let report = DaemonSetReadiness.evaluate(ds, pods: pods, newestRevisionHash: "7b9c4d5f6")
        #expect(!report.isReady)
        #expect(report.notReady == [.init(node: "gpu-a", status: "CrashLoopBackOff")])
    }

    @Test func onDeleteWithoutPodsIsNotReady() {
        let report = DaemonSetReadiness.evaluate(settledDaemonSet(strategy: "OnDelete", count: 2), pods: [], newestRevisionHash: "7b9c4d5f6")
        #expect(!report.isReady)
    }

    /// With no pods found, the report must not claim nodes are ready or that every pod is available:
    /// the component message would read "2/2 nodes ready; ...: 2/2 pods available" while not ready.
    @Test func onDeleteWithoutPodsDoesNotClaimReadyNodes() {
        let report = DaemonSetReadiness.evaluate(settledDaemonSet(strategy: "OnDelete", count: 2), pods: [], newestRevisionHash: "7b9c4d5f6")
        #expect(report.ready == 0)
        #expect(report.reason != nil)
        #expect(report.reason?.contains("2/2") != true, "reason: \(report.reason ?? "nil")")
    }

    /// Without a known newest revision, pod revisions are not compared (the status's
    /// `updatedNumberScheduled` already counts pods on the newest revision); inspected pods still name
    /// the nodes behind.
    @Test func onDeleteWithoutKnownRevisionJudgesPodReadiness() {
        let ds = settledDaemonSet(strategy: "OnDelete", count: 2)
        let ready = DaemonSetReadiness.evaluate(
            ds, pods: [readyPod(node: "gpu-a", revision: "5d6f7c8b9"), readyPod(node: "gpu-b", revision: "7b9c4d5f6")], newestRevisionHash: nil)
        #expect(ready.isReady)
        let crashing = DaemonSetReadiness.evaluate(
            daemonSet(strategy: "OnDelete", desired: 2, updated: 2, available: 1, unavailable: 1),
            pods: [readyPod(node: "gpu-a"), pod(node: "gpu-b", containers: [waitingContainer(reason: "CrashLoopBackOff")])],
            newestRevisionHash: nil)
        #expect(!crashing.isReady)
        #expect(crashing.notReady == [.init(node: "gpu-b", status: "CrashLoopBackOff")])
    }

    /// Status only (pods not inspected): an OnDelete DaemonSet is ready when its controller reports every
    /// pod updated and available, and not ready while an update waits for pods to be deleted.
    @Test func onDeleteFromStatusOnly() {
        let settled = DaemonSetReadiness.evaluate(settledDaemonSet(strategy: "OnDelete", count: 3), pods: nil, newestRevisionHash: nil)
        #expect(settled.isReady)
        #expect(settled.ready == 3)
        let pendingUpdate = daemonSet(strategy: "OnDelete", desired: 3, updated: 1, available: 3, unavailable: 0)
        let report = DaemonSetReadiness.evaluate(pendingUpdate, pods: nil, newestRevisionHash: "7b9c4d5f6")
        #expect(!report.isReady)
        #expect(report.reason == "1/3 pods updated")
    }

    /// Another DaemonSet's pods on an old revision do not hold this one back.
    @Test func onDeleteIgnoresPodsOfAnotherDaemonSet() {
        let ds = settledDaemonSet(strategy: "OnDelete", count: 1)
        let pods = [readyPod(node: "gpu-a", revision: "7b9c4d5f6"), readyPod(node: "gpu-b", owner: "other-uid", revision: "0000000")]
        let report = DaemonSetReadiness.evaluate(ds, pods: pods, newestRevisionHash: "7b9c4d5f6")
        #expect(report.isReady)
        #expect(report.notReady.isEmpty)
    }

    @Test func onDeleteWithNoDesiredPodsIsReady() {
        let ds = daemonSet(strategy: "OnDelete", desired: 0)
        #expect(DaemonSetReadiness.evaluate(ds, pods: nil, newestRevisionHash: nil).isReady)
    }

    /// The status rule still applies to OnDelete DaemonSets (DESIGN.md "Readiness").
    @Test func onDeleteWithUnavailablePodIsNotReady() {
        let ds = daemonSet(strategy: "OnDelete", desired: 2, updated: 2, available: 1, unavailable: 1)
        let pods = [readyPod(node: "gpu-a", revision: "7b9c4d5f6"), readyPod(node: "gpu-b", revision: "7b9c4d5f6")]
        #expect(!DaemonSetReadiness.evaluate(ds, pods: pods, newestRevisionHash: "7b9c4d5f6").isReady)
    }

    // MARK: Reasons without pods

    @Test func reasonWhenControllerHasNotObservedTheSpec() {
        let ds = daemonSet(generation: 3, desired: 2, observedGeneration: 2, updated: 2, available: 2)
        let report = DaemonSetReadiness.evaluate(ds, pods: nil, newestRevisionHash: nil)
        #expect(report.reason == "the DaemonSet controller has not processed the latest spec yet")
    }

    @Test func reasonWhenPodsAreNotUpdated() {
        let report = DaemonSetReadiness.evaluate(daemonSet(desired: 5, updated: 3, available: 5), pods: nil, newestRevisionHash: nil)
        #expect(report.reason == "3/5 pods updated")
    }

    @Test func reasonWhenPodsAreNotAvailable() {
        let report = DaemonSetReadiness.evaluate(daemonSet(desired: 5, updated: 5, available: 4, unavailable: 1), pods: nil, newestRevisionHash: nil)
        #expect(report.reason == "4/5 pods available")
        #expect(report.ready == 4)
    }

    // MARK: newestRevisionHash

    @Test func newestRevisionHashPicksTheHighestRevision() {
        let revisions = [
            ControllerRevisionSummary(name: "nvidia-driver-daemonset-5d6f7c8b9", revision: 2),
            ControllerRevisionSummary(name: "nvidia-driver-daemonset-7b9c4d5f6", revision: 10),
            ControllerRevisionSummary(name: "nvidia-driver-daemonset-9f8e7d6c5", revision: 9),
            ControllerRevisionSummary(name: "nvidia-container-toolkit-daemonset-1a2b3c4d5", revision: 30),
        ]
        #expect(DaemonSetReadiness.newestRevisionHash(of: "nvidia-driver-daemonset", in: revisions) == "7b9c4d5f6")
        #expect(DaemonSetReadiness.newestRevisionHash(of: "nvidia-container-toolkit-daemonset", in: revisions) == "1a2b3c4d5")
    }

    @Test func newestRevisionHashWithoutRevisionsIsNil() {
        let revisions = [ControllerRevisionSummary(name: "nvidia-dcgm-exporter-6c7b8d9f4", revision: 1)]
        #expect(DaemonSetReadiness.newestRevisionHash(of: "nvidia-driver-daemonset", in: []) == nil)
        #expect(DaemonSetReadiness.newestRevisionHash(of: "nvidia-driver-daemonset", in: revisions) == nil)
    }

    /// `nvidia-dcgm` is a prefix of `nvidia-dcgm-exporter`, and `nvidia-driver-daemonset` of every
    /// precompiled `nvidia-driver-daemonset-<kernel>-<os>`: their revisions (all in the operator
    /// namespace) must not be taken for this DaemonSet's. A revision's name is `<ds>-<hash>` with a
    /// hash free of `-`.
    @Test(arguments: [
        ("nvidia-dcgm", "nvidia-dcgm-exporter-6c7b8d9f4", "nvidia-dcgm-5f4d3c2b1", "5f4d3c2b1"),
        (
            "nvidia-driver-daemonset", "nvidia-driver-daemonset-5.15.0-105-generic-ubuntu22.04-8c9d7f6b5",
            "nvidia-driver-daemonset-7b9c4d5f6", "7b9c4d5f6"
        ),
    ])
    func newestRevisionHashIgnoresDaemonSetsSharingThePrefix(ds: String, other: String, own: String, hash: String) {
        let revisions = [
            ControllerRevisionSummary(name: other, revision: 12),
            ControllerRevisionSummary(name: own, revision: 3),
        ]
        #expect(DaemonSetReadiness.newestRevisionHash(of: ds, in: revisions) == hash)
    }
}
