import Testing

@testable import KubeModels
@testable import Reconcilers

/// One pod and the text `kubectl get pods` shows in its STATUS column.
struct PodStatusCase: Sendable, CustomTestStringConvertible {
    var pod: Pod
    var status: String

    var testDescription: String { status }
}

/// A pod's status text as kubectl prints it (`printPod` in kubectl's printers), which is what the
/// per-component status message shows for not-ready nodes.
@Suite struct PodStatusSummaryTests {
    static let cases: [PodStatusCase] = [
        PodStatusCase(pod: pod(node: "n", phase: "Pending", containers: []), status: "Pending"),
        PodStatusCase(pod: pod(node: "n", phase: nil, containers: []), status: "Unknown"),
        PodStatusCase(
            pod: pod(
                node: "n", phase: "Pending", initContainers: [runningContainer("init-0", ready: false)],
                containers: [waitingContainer(reason: "PodInitializing")]),
            status: "Init:0/1"),
        PodStatusCase(
            pod: pod(node: "n", phase: "Pending", initSpecs: 1, containers: [waitingContainer(reason: "PodInitializing")])
                .withInitStatuses([waitingContainer("init-0", reason: "PodInitializing")]),
            status: "Init:0/1"),
        PodStatusCase(
            pod: pod(
                node: "n", phase: "Pending",
                initContainers: [terminatedContainer("init-0", reason: "Completed", exitCode: 0), runningContainer("init-1", ready: false)],
                containers: [waitingContainer(reason: "PodInitializing")]),
            status: "Init:1/2"),
        PodStatusCase(
            pod: pod(
                node: "n", phase: "Pending", initContainers: [waitingContainer("init-0", reason: "CrashLoopBackOff")],
                containers: [waitingContainer(reason: "PodInitializing")]),
            status: "Init:CrashLoopBackOff"),
        PodStatusCase(
            pod: pod(
                node: "n", phase: "Pending", initContainers: [waitingContainer("init-0", reason: "ImagePullBackOff")],
                containers: [waitingContainer(reason: "PodInitializing")]),
            status: "Init:ImagePullBackOff"),
        PodStatusCase(
            pod: pod(
                node: "n", phase: "Pending", initContainers: [terminatedContainer("init-0", reason: "Error", exitCode: 1)],
                containers: [waitingContainer(reason: "PodInitializing")]),
            status: "Init:Error"),
        PodStatusCase(
            pod: pod(
                node: "n", phase: "Pending", initContainers: [terminatedContainer("init-0", reason: nil, exitCode: 2)],
                containers: [waitingContainer(reason: "PodInitializing")]),
            status: "Init:ExitCode:2"),
        PodStatusCase(
            pod: pod(
                node: "n", phase: "Pending", initContainers: [terminatedContainer("init-0", reason: "Completed", exitCode: 0)],
                containers: [waitingContainer(reason: "PodInitializing")]),
            status: "PodInitializing"),
        PodStatusCase(
            pod: pod(node: "n", phase: "Pending", containers: [waitingContainer(reason: "ContainerCreating")]), status: "ContainerCreating"),
        PodStatusCase(pod: pod(node: "n", phase: "Pending", containers: [waitingContainer(reason: "ErrImagePull")]), status: "ErrImagePull"),
        PodStatusCase(pod: pod(node: "n", containers: [waitingContainer(reason: "CrashLoopBackOff")]), status: "CrashLoopBackOff"),
        PodStatusCase(
            pod: pod(node: "n", containers: [runningContainer("a"), waitingContainer("b", reason: "CrashLoopBackOff")], readyCondition: false),
            status: "CrashLoopBackOff"),
        // Containers are read last to first, so the first container's reason wins, as in kubectl.
        PodStatusCase(
            pod: pod(node: "n", containers: [waitingContainer("a", reason: "CrashLoopBackOff"), waitingContainer("b", reason: "ImagePullBackOff")]),
            status: "CrashLoopBackOff"),
        PodStatusCase(pod: pod(node: "n", containers: [terminatedContainer(reason: "OOMKilled", exitCode: 137)]), status: "OOMKilled"),
        PodStatusCase(pod: pod(node: "n", containers: [terminatedContainer(reason: nil, exitCode: 137)]), status: "ExitCode:137"),
        PodStatusCase(pod: pod(node: "n", containers: [runningContainer()]), status: "Running"),
        PodStatusCase(pod: pod(node: "n", containers: [runningContainer(ready: false)]), status: "Running, not ready"),
        PodStatusCase(
            pod: pod(
                node: "n", containers: [terminatedContainer("sidecar", reason: "Completed", exitCode: 0), runningContainer("main")],
                readyCondition: true),
            status: "Running"),
        PodStatusCase(pod: pod(node: "n", terminating: true), status: "Terminating"),
        PodStatusCase(
            pod: pod(node: "n", containers: [waitingContainer(reason: "CrashLoopBackOff")], terminating: true), status: "Terminating"),
        PodStatusCase(pod: pod(node: "n", phase: "Failed", containers: [], reason: "Evicted"), status: "Evicted"),
        PodStatusCase(pod: pod(node: "n", phase: "Pending", containers: [], reason: "NodeAffinity"), status: "NodeAffinity"),
    ]

    @Test(arguments: cases)
    func statusText(_ row: PodStatusCase) {
        #expect(PodStatusSummary.describe(row.pod) == row.status)
    }

    @Test(
        arguments: [
            (pod(node: "n"), true),
            (pod(node: "n", containers: [runningContainer("a"), runningContainer("b")]), true),
            (pod(node: "n", containers: [runningContainer("a"), runningContainer("b", ready: false)]), false),
            (pod(node: "n", containers: []), false),
            (pod(node: "n", phase: "Pending", containers: [runningContainer()]), false),
            (pod(node: "n", phase: "Succeeded", containers: [runningContainer()]), false),
            (pod(node: "n", terminating: true), false),
            (pod(node: "n", containers: [waitingContainer(reason: "CrashLoopBackOff")]), false),
        ] as [(Pod, Bool)])
    func readiness(pod: Pod, ready: Bool) {
        #expect(PodStatusSummary.isReady(pod) == ready)
    }
}

extension Pod {
    /// The pod with its init container statuses replaced.
    func withInitStatuses(_ statuses: [ContainerStatus]) -> Pod {
        var copy = self
        copy.status?.initContainerStatuses = statuses
        return copy
    }
}

@Suite("Pod status with the failing container's termination message")
struct PodTerminationMessageTests {
    static func pod(initStatuses: [ContainerStatus]) -> Pod {
        var status = PodStatus()
        status.phase = "Pending"
        status.initContainerStatuses = initStatuses
        return Pod(metadata: ObjectMeta(name: "nvidia-operator-validator-x"), status: status)
    }

    @Test("a failed validator check's reason follows the status; its last non-empty line, trimmed")
    func failedInitContainer() {
        let failed = ContainerStatus(
            name: "plugin-validation", ready: false,
            state: ContainerState(
                terminated: ContainerStateDetail(reason: "Error", message: "some log\nnode gpu-7 advertises no GPU: capacity 0 \n", exitCode: 1)))
        #expect(PodStatusSummary.explain(Self.pod(initStatuses: [failed])) == "Init:Error: node gpu-7 advertises no GPU: capacity 0")
    }

    @Test("a crash-looping check shows its last run's message; a successful or message-less one adds nothing")
    func crashLoopAndNothing() {
        var looping = ContainerStatus(
            name: "cuda-validation", ready: false, state: ContainerState(waiting: ContainerStateDetail(reason: "CrashLoopBackOff")))
        looping.lastState = ContainerState(terminated: ContainerStateDetail(reason: "Error", message: "timed out after 300 s", exitCode: 1))
        #expect(PodStatusSummary.explain(Self.pod(initStatuses: [looping])) == "Init:CrashLoopBackOff: timed out after 300 s")
        let quiet = ContainerStatus(name: "a", ready: false, state: ContainerState(terminated: ContainerStateDetail(reason: "Error", exitCode: 2)))
        #expect(PodStatusSummary.explain(Self.pod(initStatuses: [quiet])) == "Init:Error")
        let done = ContainerStatus(
            name: "a", ready: false, state: ContainerState(terminated: ContainerStateDetail(reason: "Completed", message: "ok", exitCode: 0)))
        #expect(PodStatusSummary.terminationMessage(Self.pod(initStatuses: [done])) == nil)
    }
}
