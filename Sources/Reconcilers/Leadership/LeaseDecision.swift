import Foundation
import KubeModels

/// Leader-election decisions on a `coordination.k8s.io/v1` Lease, as pure functions of the lease,
/// our identity and the time.
package enum LeaseDecision {
    /// What to do with the lease.
    package enum Action: Sendable, Hashable {
        /// Someone else holds a live lease; try again later.
        case wait
        /// The lease is free, expired or ours: write ourselves as holder (a new term when `isTakeover`).
        case claim(isTakeover: Bool)
    }

    /// Decides whether `identity` may claim or renew `lease` at `now`.
    package static func decide(_ lease: Lease, identity: String, now: Date) -> Action {
        let spec = lease.spec ?? LeaseSpec()
        let holder = spec.holderIdentity ?? ""
        if holder == identity { return .claim(isTakeover: false) }
        if holder.isEmpty { return .claim(isTakeover: true) }
        guard let renew = spec.renewTime.flatMap(MicroTime.parse), let duration = spec.leaseDurationSeconds else {
            return .claim(isTakeover: true)
        }
        return now > renew.addingTimeInterval(TimeInterval(duration)) ? .claim(isTakeover: true) : .wait
    }

    /// The lease with `identity` as holder, renewed at `now`.
    package static func claimed(_ lease: Lease, identity: String, duration: Duration, now: Date, isTakeover: Bool) -> Lease {
        var lease = lease
        var spec = lease.spec ?? LeaseSpec()
        let stamp = MicroTime.format(now)
        if isTakeover || spec.holderIdentity != identity {
            spec.acquireTime = stamp
            spec.leaseTransitions = (spec.leaseTransitions ?? 0) + (spec.holderIdentity == nil || spec.holderIdentity == "" ? 0 : 1)
        }
        spec.holderIdentity = identity
        spec.leaseDurationSeconds = Int(duration.components.seconds)
        spec.renewTime = stamp
        lease.spec = spec
        return lease
    }
}

/// Kubernetes `MicroTime`: RFC 3339 with microseconds.
package enum MicroTime {
    /// Formats a date as `2026-11-23T14:00:00.123456Z`.
    package static func format(_ date: Date) -> String {
        RFC3339.string(from: date, fractionalDigits: 6)
    }

    /// Parses RFC 3339 with or without fractional seconds.
    package static func parse(_ text: String) -> Date? {
        RFC3339.date(from: text)
    }
}
