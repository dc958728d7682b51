import KubeModels
import Manifests
import Testing

@testable import Reconcilers

/// The expectations record that lets the loop read its own writes without writing into the watch
/// caches: resourceVersions compared for equality only, echoes recognised, stale entries expiring.
@Suite struct WriteExpectationsTests {
    @Test("while the cache still holds the version seen before the write, the written value is pending")
    func pendingUntilTheCacheMoves() {
        let record = WriteExpectations<String, String>(timeout: .seconds(60))
        record.expect("node-1", before: "100", after: "105", value: "labelled", now: .zero)
        #expect(record.pending("node-1", cachedVersion: "100", now: .seconds(1)) == "labelled")
        #expect(record.pending("node-1", cachedVersion: "100", now: .seconds(2)) == "labelled")
        // The cache moved (to our write or anything else): the cache is the truth, the entry is gone.
        #expect(record.pending("node-1", cachedVersion: "105", now: .seconds(3)) == nil)
        #expect(record.pending("node-1", cachedVersion: "100", now: .seconds(3)) == nil)
        #expect(record.count == 0)
    }

    @Test("versions are opaque: a numerically smaller version after the write still counts as moved")
    func versionsAreOpaque() {
        let record = WriteExpectations<String, Int>()
        record.expect("ds", before: "9", after: "10", value: 1, now: .zero)
        #expect(record.pending("ds", cachedVersion: "10a", now: .zero) == nil)
        record.expect("ds", before: "b", after: "a", value: 2, now: .zero)
        #expect(record.pending("ds", cachedVersion: "b", now: .zero) == 2)
    }

    @Test("an object not cached before the write is pending while it is still not cached")
    func createdObjects() {
        let record = WriteExpectations<String, String>()
        record.expect("new", before: nil, after: "7", value: "created", now: .zero)
        #expect(record.pending("new", cachedVersion: nil, now: .zero) == "created")
        #expect(record.pending("new", cachedVersion: "7", now: .zero) == nil)
    }

    @Test("a watch event carrying exactly the written version is our echo, once")
    func echoes() {
        let record = WriteExpectations<String, String>()
        record.expect("policy", before: "1", after: "2", value: "status", now: .zero)
        #expect(!record.observeEcho("policy", version: "3"))
        #expect(!record.observeEcho("other", version: "2"))
        #expect(record.observeEcho("policy", version: "2"))
        #expect(!record.observeEcho("policy", version: "2"))
    }

    @Test("two writes before the watch catches up: the first echo is ours too and does not end the wait")
    func chainedWrites() {
        let record = WriteExpectations<String, String>()
        record.expect("policy", before: "1", after: "2", value: "first", now: .zero)
        // Written again while the cache still shows version 1.
        record.expect("policy", before: "1", after: "3", value: "second", now: .seconds(1))
        #expect(record.pending("policy", cachedVersion: "1", now: .seconds(1)) == "second")
        // The first write's echo: ours, and the cache still lacks the second write.
        #expect(record.observeEcho("policy", version: "2"))
        #expect(record.pending("policy", cachedVersion: "2", now: .seconds(2)) == "second")
        #expect(record.observeEcho("policy", version: "3"))
        #expect(record.count == 0)
        // Someone else's version in between starts a fresh chain.
        record.expect("policy", before: "3", after: "4", value: "third", now: .seconds(3))
        record.expect("policy", before: "9", after: "10", value: "fourth", now: .seconds(3))
        #expect(record.pending("policy", cachedVersion: "3", now: .seconds(3)) == nil)
    }

    @Test("an echo that never comes expires after the timeout")
    func expiry() {
        let record = WriteExpectations<String, String>(timeout: .seconds(30))
        record.expect("node", before: "1", after: "2", value: "v", now: .seconds(10))
        #expect(record.pending("node", cachedVersion: "1", now: .seconds(39)) == "v")
        #expect(record.pending("node", cachedVersion: "1", now: .seconds(40)) == nil)
    }

    @Test("drift baselines: the first sighting is adopted, an apply replaces it, a delete forgets it")
    func appliedMarkers() {
        let markers = AppliedMarkers()
        let identity = ObjectIdentity(resourceType: .daemonSets, namespace: "ns", name: "ds")
        #expect(markers.baseline(identity, adopting: "g3") == "g3")
        #expect(markers.baseline(identity, adopting: "g4") == "g3")
        markers.record(identity, marker: "g5")
        #expect(markers.baseline(identity, adopting: "g6") == "g5")
        markers.forget(identity)
        #expect(markers.baseline(identity, adopting: "g6") == "g6")
    }
}

/// What the queue does after a cluster pass.
@Suite struct ClusterOutcomeTests {
    private func report(_ steps: [ReconcileStep], _ state: ComponentStatus.State = .ready) -> ComponentReport {
        ComponentReport(steps: steps, status: ComponentStatus(component: .devicePlugin, state: state, message: ""))
    }

    @Test("a failed write backs off, whatever else happened")
    func failureBacksOff() {
        let failed = report([.failed(.render("x"))], .failed)
        #expect(ClusterReconciler.outcome([failed, report([])], hasNFDLabels: true, isReady: false) == .failure)
    }

    @Test("not ready: look again at the earliest hint; ready: wait for events")
    func hints() {
        let slow = report([.waiting(reason: "a", requeueAfter: .seconds(30))], .notReady)
        let fast = report([.waiting(reason: "b", requeueAfter: .seconds(5))], .notReady)
        #expect(ClusterReconciler.outcome([slow, fast], hasNFDLabels: true, isReady: false) == .requeue(after: .seconds(5)))
        #expect(ClusterReconciler.outcome([report([])], hasNFDLabels: true, isReady: true) == .success)
        #expect(
            ClusterReconciler.outcome([report([.waiting(reason: "watch", requeueAfter: nil)], .notReady)], hasNFDLabels: true, isReady: false)
                == .success)
    }

    @Test("without NFD labels the cluster is looked at again in 45 s")
    func withoutNFD() {
        #expect(ClusterReconciler.outcome([report([])], hasNFDLabels: false, isReady: true) == .requeue(after: .seconds(45)))
    }
}
