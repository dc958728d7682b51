/// A lease (`coordination.k8s.io/v1` `Lease`), used for leader election.
package struct Lease: KubeResource, Hashable {
    /// `leases.coordination.k8s.io`.
    package static var resourceType: ResourceType { .leases }
    /// `coordination.k8s.io/v1`.
    package var apiVersion: String? = "coordination.k8s.io/v1"
    /// `Lease`.
    package var kind: String? = "Lease"
    /// Standard metadata; updates use its resourceVersion for optimistic concurrency.
    package var metadata: ObjectMeta
    /// Holder and timing.
    package var spec: LeaseSpec?

    /// Creates a lease.
    package init(metadata: ObjectMeta, spec: LeaseSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// A lease's holder and timing. Times are RFC 3339 with microseconds (`MicroTime`).
package struct LeaseSpec: Codable, Sendable, Hashable {
    /// Who holds the lease.
    package var holderIdentity: String?
    /// How long the holder may go without renewing.
    package var leaseDurationSeconds: Int?
    /// When the current holder acquired it.
    package var acquireTime: String?
    /// When the holder last renewed it.
    package var renewTime: String?
    /// How many times the holder changed.
    package var leaseTransitions: Int?

    /// Creates a spec.
    package init(
        holderIdentity: String? = nil, leaseDurationSeconds: Int? = nil, acquireTime: String? = nil,
        renewTime: String? = nil, leaseTransitions: Int? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }
}
