import KubeModels
import Testing

@testable import Reconcilers

/// The driver-upgrade state machine, pass by pass (upstream's scenarios from k8s-operator-libs, and
/// ours where we differ on purpose).
@Suite("Driver upgrade planner") struct UpgradePlannerTests {
    // MARK: Detection

    @Test("current nodes become upgrade-done, outdated ones upgrade-required; a cordoned outdated node is marked initially unschedulable")
    func detection() {
        let snapshot = upgradeSnapshot([
            upgradeNode("a", .unknown, hash: newHash), upgradeNode("b", .unknown), upgradeNode("c", .done, unschedulable: true),
            upgradeNode("d", .done, hash: newHash),
        ])
        let plan = UpgradePlanner.plan(snapshot)
        #expect(next(plan, "a", from: snapshot) == .done)
        #expect(next(plan, "b", from: snapshot) == .required)
        #expect(next(plan, "c", from: snapshot) == .required)
        #expect(step(plan, "c")?.annotations[UpgradeKeys.initialUnschedulable] == "true")
        #expect(step(plan, "b")?.annotations[UpgradeKeys.initialUnschedulable] == nil)
        #expect(step(plan, "d") == nil, "a current upgrade-done node needs nothing")
        #expect(plan.outdated == ["b", "c"])
    }

    @Test("upgrade-requested forces an upgrade of a current node and is cleared when it starts")
    func requested() {
        let first = upgradeSnapshot([upgradeNode("a", .done, hash: newHash, annotations: [UpgradeKeys.requested: "true"])])
        #expect(next(UpgradePlanner.plan(first), "a", from: first) == .required)
        let second = upgradeSnapshot([upgradeNode("a", .required, hash: newHash, annotations: [UpgradeKeys.requested: "true"])])
        let plan = UpgradePlanner.plan(second)
        #expect(step(plan, "a")?.annotations[UpgradeKeys.requested] == .some(nil))
        #expect(next(plan, "a", from: second) == .cordonRequired, "a requested upgrade takes the full flow, never restart-only")
    }

    @Test("orphaned driver pods are not outdated on their own")
    func orphans() {
        var node = upgradeNode("a", .done)
        node.driverPod?.daemonSet = nil
        let snapshot = upgradeSnapshot([node])
        #expect(step(UpgradePlanner.plan(snapshot), "a") == nil)
    }

    // MARK: Slots (reference §2.5)

    @Test("maxParallelUpgrades 1: one node starts; the next starts when the first is done")
    func oneAtATime() {
        let snapshot = upgradeSnapshot([upgradeNode("a", .required), upgradeNode("b", .required), upgradeNode("c", .required)]) {
            $0.maxUnavailable = "100%"
        }
        let plan = UpgradePlanner.plan(snapshot)
        #expect(plan.steps.filter { $0.to == .cordonRequired }.map(\.node) == ["a"])
        #expect(
            step(plan, "b")?.waitingFor
                == "waiting for an upgrade slot (maxParallelUpgrades 1, 0 in progress; maxUnavailable 100% = 3 of 3 node(s), 0 unavailable)")
        let later = upgradeSnapshot([upgradeNode("a", .podRestartRequired), upgradeNode("b", .required), upgradeNode("c", .required)]) {
            $0.maxUnavailable = "100%"
        }
        #expect(UpgradePlanner.plan(later).steps.filter { $0.to == .cordonRequired }.isEmpty, "a is still in progress")
        let done = upgradeSnapshot([upgradeNode("a", .done, hash: newHash), upgradeNode("b", .required), upgradeNode("c", .required)]) {
            $0.maxUnavailable = "100%"
        }
        #expect(UpgradePlanner.plan(done).steps.filter { $0.to == .cordonRequired }.map(\.node) == ["b"])
    }

    @Test("maxParallelUpgrades 0 with maxUnavailable 100% starts every node")
    func unlimited() {
        let nodes = (1...4).map { upgradeNode("n\($0)", .required) }
        let plan = UpgradePlanner.plan(
            upgradeSnapshot(nodes) {
                $0.maxParallelUpgrades = 0
                $0.maxUnavailable = "100%"
            })
        #expect(plan.steps.filter { $0.to == .cordonRequired }.count == 4)
    }

    @Test("§2.5: five required nodes, two cordoned, no parallel cap, 50%: one schedulable node and both cordoned ones start")
    func referenceExampleOne() {
        let nodes = [
            upgradeNode("a", .required), upgradeNode("b", .required), upgradeNode("c", .required),
            upgradeNode("d", .required, unschedulable: true), upgradeNode("e", .required, unschedulable: true),
        ]
        let plan = UpgradePlanner.plan(
            upgradeSnapshot(nodes) {
                $0.maxParallelUpgrades = 0
                $0.maxUnavailable = "50%"
            })
        #expect(plan.steps.filter { $0.to == .cordonRequired }.map(\.node) == ["a", "d", "e"])
    }

    @Test("§2.5: three required nodes and two cordoned upgrade-done nodes at 50% leave exactly one slot")
    func referenceExampleTwo() {
        let nodes = [
            upgradeNode("a", .required), upgradeNode("b", .required), upgradeNode("c", .required),
            upgradeNode("d", .done, hash: newHash, unschedulable: true), upgradeNode("e", .done, hash: newHash, unschedulable: true),
        ]
        let plan = UpgradePlanner.plan(
            upgradeSnapshot(nodes) {
                $0.maxParallelUpgrades = 0
                $0.maxUnavailable = "50%"
            })
        #expect(plan.steps.filter { $0.to == .cordonRequired }.count == 1)
    }

    @Test("a failed node counts as in progress and holds the only slot")
    func failedHoldsSlot() {
        let plan = UpgradePlanner.plan(
            upgradeSnapshot([upgradeNode("a", .failed, unschedulable: true), upgradeNode("b", .required)]) {
                $0.maxUnavailable = "100%"
            })
        #expect(next(plan, "b", from: upgradeSnapshot([])) != .cordonRequired)
    }

    @Test("a node whose driver pod is being replaced still holds its slot")
    func replacementHoldsSlot() {
        let replacing = upgradeNode("a", .podRestartRequired, hash: nil, unschedulable: true)
        let plan = UpgradePlanner.plan(upgradeSnapshot([replacing, upgradeNode("b", .required)]) { $0.maxUnavailable = "100%" })
        #expect(step(plan, "b")?.to == .required)
        #expect(step(plan, "a")?.waitingFor == "waiting for the driver pod (not created yet) to be ready since 14:02:00")
    }

    @Test("skip-labelled nodes never start and take no slot; a malformed maxUnavailable starts nothing and says why")
    func skipAndMalformed() {
        var skipped = upgradeNode("a", .required)
        skipped.skip = true
        let plan = UpgradePlanner.plan(upgradeSnapshot([skipped, upgradeNode("b", .required)]) { $0.maxUnavailable = "100%" })
        #expect(step(plan, "a")?.to == .required)
        #expect(step(plan, "b")?.to == .cordonRequired)
        let malformed = UpgradePlanner.plan(upgradeSnapshot([upgradeNode("b", .required)]) { $0.maxUnavailable = "5" })
        #expect(step(malformed, "b")?.to == .required)
        #expect(step(malformed, "b")?.waitingFor?.contains("neither an integer nor a percentage") == true)
    }

    // MARK: The steps

    @Test("cordon records that we cordoned; an already unschedulable node is left as it is")
    func cordon() {
        let plan = UpgradePlanner.plan(upgradeSnapshot([upgradeNode("a", .cordonRequired), upgradeNode("b", .cordonRequired, unschedulable: true)]))
        #expect(step(plan, "a")?.unschedulable == true)
        #expect(step(plan, "a")?.annotations[UpgradeKeys.cordonedByOperator] == "true")
        #expect(step(plan, "b")?.unschedulable == nil)
        #expect(step(plan, "b")?.annotations[UpgradeKeys.cordonedByOperator] == nil)
        #expect(step(plan, "a")?.to == .waitForJobsRequired && step(plan, "b")?.to == .waitForJobsRequired)
    }

    @Test("wait for jobs: no selector moves on; selected pods hold the node, until the timeout if one is set")
    func waitForJobs() {
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([upgradeNode("a", .waitForJobsRequired)])), "a")?.to == .podDeletionRequired)
        var busy = upgradeNode("a", .waitForJobsRequired)
        busy.waitPods = [gpuPod("train-a"), gpuPod("train-b")]
        let first = UpgradePlanner.plan(
            upgradeSnapshot([busy]) {
                $0.waitPodSelector = "app=train"
                $0.waitTimeoutSeconds = 60
            })
        #expect(step(first, "a")?.to == .waitForJobsRequired)
        #expect(step(first, "a")?.annotations[UpgradeKeys.waitForJobsStart] == .some(String(tNow)))
        #expect(step(first, "a")?.waitingFor == "waiting for 2 pod(s) to complete (ml/train-a, ml/train-b) since 14:02:00, at most until 14:03:00")
        busy.annotations[UpgradeKeys.waitForJobsStart] = String(tNow)
        let before = UpgradePlanner.plan(
            upgradeSnapshot([busy], now: tNow + 59) {
                $0.waitPodSelector = "app=train"
                $0.waitTimeoutSeconds = 60
            })
        #expect(step(before, "a")?.to == .waitForJobsRequired)
        let after = UpgradePlanner.plan(
            upgradeSnapshot([busy], now: tNow + 60) {
                $0.waitPodSelector = "app=train"
                $0.waitTimeoutSeconds = 60
            })
        #expect(step(after, "a")?.to == .podDeletionRequired)
        #expect(step(after, "a")?.annotations[UpgradeKeys.waitForJobsStart] == .some(nil))
        let forever = UpgradePlanner.plan(upgradeSnapshot([busy], now: tNow + 86_400) { $0.waitPodSelector = "app=train" })
        #expect(step(forever, "a")?.to == .waitForJobsRequired, "timeout 0 waits for the pods however long")
    }

    @Test("GPU pods are evicted; a bare pod without force fails the node naming it; with drain enabled it falls back to the drain")
    func podDeletion() {
        var node = upgradeNode("a", .podDeletionRequired)
        node.gpuPods = [gpuPod("job-1")]
        let evicting = UpgradePlanner.plan(upgradeSnapshot([node]))
        #expect(step(evicting, "a")?.evict == [gpuPod("job-1")])
        #expect(step(evicting, "a")?.to == .podDeletionRequired)
        node.gpuPods = [gpuPod("bare", controller: false)]
        let failed = UpgradePlanner.plan(upgradeSnapshot([node]))
        #expect(step(failed, "a")?.to == .failed)
        #expect(step(failed, "a")?.failure?.contains("ml/bare (no controller; set podDeletion.force to evict it)") == true)
        #expect(step(failed, "a")?.evict.isEmpty == true)
        let forced = UpgradePlanner.plan(upgradeSnapshot([node]) { $0.forceDeletion = true })
        #expect(step(forced, "a")?.evict.map(\.name) == ["bare"])
        let drained = UpgradePlanner.plan(upgradeSnapshot([node]) { $0.drainEnabled = true })
        #expect(step(drained, "a")?.to == .drainRequired)
        node.gpuPods = [gpuPod("scratch", emptyDir: true)]
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([node])), "a")?.to == .failed)
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([node]) { $0.deleteEmptyDir = true }), "a")?.evict.count == 1)
        node.gpuPods = []
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([node])), "a")?.to == .podRestartRequired)
    }

    @Test("an eviction a PodDisruptionBudget blocks fails the node at the timeout, naming the budget")
    func evictionTimeout() {
        var node = upgradeNode("a", .podDeletionRequired, annotations: [UpgradeKeys.podDeletionStart: String(tNow)])
        node.gpuPods = [gpuPod("web-1")]
        node.lastEvictionError = "ml/web-1: eviction blocked by PodDisruptionBudget ml/web-pdb"
        let waiting = UpgradePlanner.plan(upgradeSnapshot([node], now: tNow + 10) { $0.deletionTimeoutSeconds = 30 })
        #expect(step(waiting, "a")?.to == .podDeletionRequired)
        #expect(step(waiting, "a")?.waitingFor?.contains("PodDisruptionBudget ml/web-pdb") == true)
        let failed = UpgradePlanner.plan(upgradeSnapshot([node], now: tNow + 30) { $0.deletionTimeoutSeconds = 30 })
        #expect(step(failed, "a")?.to == .failed)
        #expect(step(failed, "a")?.failure?.contains("PodDisruptionBudget ml/web-pdb") == true)
        #expect(step(failed, "a")?.annotations[UpgradeKeys.failureReason]??.contains("upgrade-required") == true)
    }

    @Test("the drain evicts the selected pods, refuses bare ones without force, and ends at pod-restart-required")
    func drainStep() {
        var node = upgradeNode("a", .drainRequired)
        node.drainPods = [gpuPod("web-1")]
        let draining = UpgradePlanner.plan(upgradeSnapshot([node]) { $0.drainEnabled = true })
        #expect(step(draining, "a")?.evict.map(\.name) == ["web-1"])
        #expect(step(draining, "a")?.unschedulable == true)
        node.drainPods = [gpuPod("bare", controller: false)]
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([node]) { $0.drainEnabled = true }), "a")?.to == .failed)
        node.drainPods = []
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([node]) { $0.drainEnabled = true }), "a")?.to == .podRestartRequired)
        #expect(UpgradePolicy().effectiveDrainSelector == "nvidia.com/gpu-driver-upgrade-drain.skip!=true")
    }

    @Test("pod restart: the outdated pod is deleted; a current ready one goes to validation; a crash loop fails the node")
    func podRestart() {
        let outdated = UpgradePlanner.plan(upgradeSnapshot([upgradeNode("a", .podRestartRequired)]))
        #expect(step(outdated, "a")?.deleteDriverPod == "driver-a")
        var terminating = upgradeNode("a", .podRestartRequired)
        terminating.driverPod?.isTerminating = true
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([terminating])), "a")?.deleteDriverPod == nil)
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([upgradeNode("a", .podRestartRequired, hash: newHash)])), "a")?.to == .validationRequired)
        var crashing = upgradeNode("a", .podRestartRequired, hash: newHash, ready: false)
        crashing.driverPod?.notReadyRestarts = 11
        let failed = UpgradePlanner.plan(upgradeSnapshot([crashing]))
        #expect(step(failed, "a")?.to == .failed)
        #expect(step(failed, "a")?.failure == "the driver pod driver-a restarted 11 times without becoming ready")
        let slow = upgradeNode("a", .podRestartRequired, hash: newHash, ready: false, annotations: [UpgradeKeys.podRestartStart: String(tNow)])
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([slow], now: tNow + 1799)), "a")?.to == .podRestartRequired)
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([slow], now: tNow + 1800)), "a")?.to == .failed, "the wait is bounded")
    }

    @Test("validation: ready validator → uncordon (or done when the node was cordoned before); none for 10 minutes → failed")
    func validation() {
        var node = upgradeNode("a", .validationRequired, hash: newHash)
        node.validators = [true]
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([node])), "a")?.to == .uncordonRequired)
        node.annotations[UpgradeKeys.initialUnschedulable] = "true"
        let done = UpgradePlanner.plan(upgradeSnapshot([node]))
        #expect(step(done, "a")?.to == .done)
        #expect(step(done, "a")?.annotations[UpgradeKeys.initialUnschedulable] == .some(nil))
        var missing = upgradeNode("a", .validationRequired, hash: newHash, annotations: [UpgradeKeys.validationStart: String(tNow)])
        missing.validators = []
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([missing], now: tNow + 599)), "a")?.to == .validationRequired)
        let timedOut = UpgradePlanner.plan(upgradeSnapshot([missing], now: tNow + 600))
        #expect(step(timedOut, "a")?.to == .failed)
        #expect(step(timedOut, "a")?.failure == "no validator pod ran on the node within 600 s")
    }

    @Test("uncordon only what we cordoned")
    func uncordon() {
        let ours = upgradeNode("a", .uncordonRequired, hash: newHash, unschedulable: true, annotations: [UpgradeKeys.cordonedByOperator: "true"])
        let theirs = upgradeNode("b", .uncordonRequired, hash: newHash, unschedulable: true)
        let plan = UpgradePlanner.plan(upgradeSnapshot([ours, theirs]))
        #expect(step(plan, "a")?.unschedulable == false)
        #expect(step(plan, "a")?.annotations[UpgradeKeys.cordonedByOperator] == .some(nil))
        #expect(step(plan, "b")?.unschedulable == nil)
        #expect(step(plan, "a")?.to == .done && step(plan, "b")?.to == .done)
    }

    @Test("a failed node recovers once its driver pod is current and ready, and otherwise says why it waits")
    func failure() {
        let stuck = upgradeNode("a", .failed, annotations: [UpgradeKeys.failureReason: "GPU pods cannot be evicted: ml/bare"])
        #expect(step(UpgradePlanner.plan(upgradeSnapshot([stuck])), "a")?.waitingFor == "failed: GPU pods cannot be evicted: ml/bare")
        let fixed = upgradeNode("a", .failed, hash: newHash, annotations: [UpgradeKeys.failureReason: "x"])
        let plan = UpgradePlanner.plan(upgradeSnapshot([fixed]))
        #expect(step(plan, "a")?.to == .uncordonRequired)
        #expect(step(plan, "a")?.annotations[UpgradeKeys.failureReason] == .some(nil))
    }

    @Test("restart-only: equal config digests skip waiting and eviction: cordon, then restart the driver pod")
    func restartOnly() {
        let snapshot = upgradeSnapshot([upgradeNode("a", .required)], templateDigest: "d1")
        let plan = UpgradePlanner.plan(snapshot)
        #expect(step(plan, "a")?.to == .podRestartRequired)
        #expect(step(plan, "a")?.unschedulable == true)
        let different = upgradeSnapshot([upgradeNode("a", .required)], templateDigest: "d2")
        #expect(step(UpgradePlanner.plan(different), "a")?.to == .cordonRequired)
    }

    @Test("autoUpgrade off: no pod is touched; state labels are removed and our own cordon undone")
    func disabled() {
        let nodes = [
            upgradeNode("a", .podDeletionRequired, unschedulable: true, annotations: [UpgradeKeys.cordonedByOperator: "true"]),
            upgradeNode("b", .done, hash: newHash), upgradeNode("c", .unknown),
        ]
        var snapshot = upgradeSnapshot(nodes)
        snapshot.policy.autoUpgrade = false
        let plan = UpgradePlanner.plan(snapshot)
        #expect(plan.steps.allSatisfy { $0.evict.isEmpty && $0.deleteDriverPod == nil })
        #expect(step(plan, "a")?.to == .unknown && step(plan, "a")?.unschedulable == false)
        #expect(step(plan, "b")?.to == .unknown)
        #expect(step(plan, "c") == nil)
        #expect(plan.outdated == ["a", "c"])
    }

    @Test("a whole rollout of three nodes, one at a time, pass after pass")
    func walkthrough() {
        var nodes = ["a", "b", "c"].map { upgradeNode($0, .done) }
        var cordonedAtOnce = 0
        for _ in 0..<60 {
            let plan = UpgradePlanner.plan(upgradeSnapshot(nodes) { $0.maxUnavailable = "100%" })
            for index in nodes.indices {
                guard let step = step(plan, nodes[index].name) else { continue }
                nodes[index].state = step.to
                if let unschedulable = step.unschedulable { nodes[index].unschedulable = unschedulable }
                for (key, value) in step.annotations { nodes[index].annotations[key] = value }
                if step.deleteDriverPod != nil { nodes[index].driverPod?.revisionHash = newHash }
                if step.to == .validationRequired { nodes[index].validators = [true] }
            }
            cordonedAtOnce = max(cordonedAtOnce, nodes.filter(\.unschedulable).count)
        }
        #expect(nodes.allSatisfy { $0.state == .done && !$0.unschedulable && $0.annotations.isEmpty })
        #expect(cordonedAtOnce == 1)
    }
}
