/// Client-side limits on how fast and how many requests go to the API server at once.
///
/// The defaults are deliberately much higher than client-go's 5 QPS / burst 10, which would make
/// labelling 5,000 nodes take over 16 minutes: with 2,000 QPS and a burst of 2,000 it takes about
/// 1.5 s of rate limiting. The server stays protected by API Priority and Fairness: every 429 halves
/// the client's rate (see ``TokenBucket``), which then recovers additively on successes.
package struct FlowControlSettings: Sendable, Hashable {
    /// Sustained requests per second; `0` or less disables rate limiting.
    package var queriesPerSecond: Double
    /// Requests that may go out at once after an idle period.
    package var burst: Int
    /// The most ordinary requests in flight at once (watches are not counted).
    package var maximumConcurrentRequests: Int

    /// Creates settings.
    package init(queriesPerSecond: Double = 2_000, burst: Int = 2_000, maximumConcurrentRequests: Int = 32) {
        self.queriesPerSecond = queriesPerSecond
        self.burst = burst
        self.maximumConcurrentRequests = maximumConcurrentRequests
    }
}
