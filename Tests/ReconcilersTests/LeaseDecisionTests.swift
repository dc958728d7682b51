import Foundation
import KubeModels
import Reconcilers
import Testing

/// Leader election on a Lease: who may claim it and what a claim writes.
@Suite("Leader election decisions")
struct LeaseDecisionTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func lease(holder: String?, renewedSecondsAgo: Double? = nil, duration: Int? = 15, transitions: Int? = nil) -> Lease {
        Lease(
            metadata: ObjectMeta(name: "53822513.nvidia.com", namespace: "gpu-operator"),
            spec: LeaseSpec(
                holderIdentity: holder, leaseDurationSeconds: duration,
                renewTime: renewedSecondsAgo.map { MicroTime.format(now.addingTimeInterval(-$0)) }, leaseTransitions: transitions))
    }

    @Test("a live lease held by another replica is waited for")
    func liveLease() {
        #expect(LeaseDecision.decide(Self.lease(holder: "b", renewedSecondsAgo: 5), identity: "a", now: Self.now) == .wait)
    }

    @Test("an expired, empty or unreadable lease is taken over; our own is renewed")
    func claims() {
        #expect(LeaseDecision.decide(Self.lease(holder: "b", renewedSecondsAgo: 16), identity: "a", now: Self.now) == .claim(isTakeover: true))
        #expect(LeaseDecision.decide(Self.lease(holder: nil), identity: "a", now: Self.now) == .claim(isTakeover: true))
        #expect(LeaseDecision.decide(Self.lease(holder: "b", renewedSecondsAgo: nil), identity: "a", now: Self.now) == .claim(isTakeover: true))
        #expect(LeaseDecision.decide(Self.lease(holder: "a", renewedSecondsAgo: 100), identity: "a", now: Self.now) == .claim(isTakeover: false))
    }

    @Test("a takeover starts a new term and counts a transition; a renewal only moves renewTime")
    func claimedLease() throws {
        let taken = LeaseDecision.claimed(
            Self.lease(holder: "b", renewedSecondsAgo: 20, transitions: 2), identity: "a", duration: .seconds(15), now: Self.now,
            isTakeover: true)
        let spec = try #require(taken.spec)
        #expect(spec.holderIdentity == "a")
        #expect(spec.leaseTransitions == 3)
        #expect(spec.leaseDurationSeconds == 15)
        #expect(spec.acquireTime == MicroTime.format(Self.now) && spec.renewTime == spec.acquireTime)

        let later = Self.now.addingTimeInterval(2.5)
        let renewed = try #require(LeaseDecision.claimed(taken, identity: "a", duration: .seconds(15), now: later, isTakeover: false).spec)
        #expect(renewed.acquireTime == spec.acquireTime)
        #expect(renewed.leaseTransitions == 3)
        #expect(renewed.renewTime.flatMap(MicroTime.parse).map { abs($0.timeIntervalSince(later)) < 1e-5 } == true)
    }

    @Test("the first holder of a fresh lease is not a transition")
    func firstHolder() {
        let spec = LeaseDecision.claimed(Self.lease(holder: nil), identity: "a", duration: .seconds(15), now: Self.now, isTakeover: true).spec
        #expect(spec?.leaseTransitions == 0)
    }
}
