/// Background changes a production cluster makes all the time, none of which concern a GPU
/// operator: kubelet status updates, NFD and GFD label rewrites, CPU nodes joining and leaving.
/// `kube-sim serve --churn-rate`, or `PUT /kubesim/churn` with this JSON.
package struct ChurnSettings: Sendable, Hashable, Codable {
    /// Node changes per second across the cluster; 0 is no churn.
    package var rate: Double = 0
    /// The share of changes that are NFD label rewrites (an NFD feature flips on a node, and on GPU
    /// nodes GFD's `nvidia.com/gfd.timestamp` moves).
    package var nfdFraction: Double = 0.2
    /// The share of changes that are CPU nodes joining (`churn-node-<n>`) or leaving; the rest are
    /// kubelet status updates (condition heartbeats).
    package var joinLeaveFraction: Double = 0.02

    /// Creates settings (no churn by default).
    package init(rate: Double = 0, nfdFraction: Double = 0.2, joinLeaveFraction: Double = 0.02) {
        self.rate = rate
        self.nfdFraction = nfdFraction
        self.joinLeaveFraction = joinLeaveFraction
    }

    private enum CodingKeys: String, CodingKey {
        case rate, nfdFraction, joinLeaveFraction
    }

    /// Decodes settings; a missing share keeps its default.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rate = try container.decode(Double.self, forKey: .rate)
        nfdFraction = try container.decodeIfPresent(Double.self, forKey: .nfdFraction) ?? 0.2
        joinLeaveFraction = try container.decodeIfPresent(Double.self, forKey: .joinLeaveFraction) ?? 0.02
    }

    /// What is wrong with these settings, or `nil` when they can be used.
    package var problem: String? {
        guard rate.isFinite, rate >= 0, rate <= 100_000 else { return "rate must be between 0 and 100000 changes per second, not \(rate)" }
        guard (0...1).contains(nfdFraction), (0...1).contains(joinLeaveFraction), nfdFraction + joinLeaveFraction <= 1 else {
            return "nfdFraction and joinLeaveFraction must be between 0 and 1 and add up to at most 1"
        }
        return nil
    }

    /// One kind of change.
    package enum Change: String, Sendable, CaseIterable, Codable {
        /// kubelet posts its status: every condition's heartbeat moves.
        case kubeletStatus
        /// NFD rewrites the node's labels: `cpu-pstate.turbo` flips, GFD's timestamp moves.
        case nfdRewrite
        /// A churn CPU node joins, or the oldest one leaves.
        case joinLeave
    }

    /// The change a uniform random number in `0..<1` picks.
    package func change(for roll: Double) -> Change {
        if roll < joinLeaveFraction { return .joinLeave }
        if roll < joinLeaveFraction + nfdFraction { return .nfdRewrite }
        return .kubeletStatus
    }
}
