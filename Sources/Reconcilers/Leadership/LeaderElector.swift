import Foundation
import KubeClient
import KubeModels
import Logging

/// Leader election on a Lease: only the holder reconciles. Losing the lease (no successful renewal
/// within the renew deadline) ends ``run(_:)`` with ``LeadershipLost``, and the process exits, as
/// controller-runtime does; it never carries on as a second leader.
package struct LeaderElector: Sendable {
    /// Thrown when the lease could not be renewed in time.
    package struct LeadershipLost: Error, CustomStringConvertible {
        package var description: String { "lost the leader lease; exiting so a new leader can take over" }
    }

    /// Timing of the election.
    package struct Timing: Sendable {
        package var leaseDuration: Duration = .seconds(15)
        package var renewDeadline: Duration = .seconds(10)
        package var retryPeriod: Duration = .seconds(2)
        /// Creates the default timing (15 s lease, 10 s renew deadline, 2 s retry).
        package init() {}
    }

    private let client: KubeClient
    private let namespace: String
    private let name: String
    private let identity: String
    private let timing: Timing
    private let logger: Logger
    private let time: TimeSource
    private let wallClock: @Sendable () -> Date

    /// The name of our leader-election Lease.
    package static let defaultLeaseName = "swift-gpu-operator-leader"

    /// Creates an elector.
    /// - Parameters:
    ///   - client: the API client.
    ///   - namespace: the Lease's namespace.
    ///   - name: the Lease's name. Not upstream's `53822513.nvidia.com`: that Lease is how we tell
    ///     NVIDIA's operator still runs (``UpstreamOperator``), so sharing it would hide upstream from us.
    ///   - identity: this replica's holder identity.
    ///   - timing: lease duration, renew deadline and retry period.
    ///   - logger: where acquisition and renewal are logged.
    ///   - time: monotonic time for retries and the renew deadline.
    ///   - wallClock: the time written into the Lease.
    package init(
        client: KubeClient, namespace: String, name: String = LeaderElector.defaultLeaseName, identity: String, timing: Timing = Timing(),
        logger: Logger, time: TimeSource, wallClock: @escaping @Sendable () -> Date
    ) {
        self.time = time
        self.wallClock = wallClock
        self.client = client
        self.namespace = namespace
        self.name = name
        self.identity = identity
        self.timing = timing
        self.logger = logger
    }

    /// Waits to become leader, then runs `work` while renewing the lease.
    /// - Throws: ``LeadershipLost`` when renewal fails past the deadline; errors of `work`.
    package func run(_ work: @escaping @Sendable () async throws -> Void) async throws {
        while true {
            do {
                if try await tryClaim() { break }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.warning(
                    "cannot acquire the leader lease yet; retrying",
                    metadata: [
                        "lease": .string("\(namespace)/\(name)"), "error": .string("\(error)"),
                    ])
            }
            try await time.sleep(timing.retryPeriod)
        }
        logger.info("became leader", metadata: ["lease": .string("\(namespace)/\(name)"), "identity": .string(identity)])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await work() }
            group.addTask { try await renewLoop() }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func renewLoop() async throws {
        var lastRenewal = time.now()
        while true {
            try await time.sleep(timing.retryPeriod)
            do {
                if try await tryClaim() { lastRenewal = time.now() }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.warning("lease renewal failed", metadata: ["error": .string("\(error)")])
            }
            if time.now() - lastRenewal > timing.renewDeadline { throw LeadershipLost() }
        }
    }

    /// Claims or renews the lease; `false` when someone else holds it.
    private func tryClaim() async throws -> Bool {
        let now = wallClock()
        guard let lease = try await client.get(Lease.self, name: name, namespace: namespace) else {
            let fresh = LeaseDecision.claimed(
                Lease(metadata: ObjectMeta(name: name, namespace: namespace)), identity: identity,
                duration: timing.leaseDuration, now: now, isTakeover: true)
            do {
                _ = try await client.create(fresh, namespace: namespace)
                return true
            } catch let error as KubeError where error.isAlreadyExists {
                return false
            }
        }
        switch LeaseDecision.decide(lease, identity: identity, now: now) {
        case .wait:
            return false
        case .claim(let isTakeover):
            do {
                _ = try await client.update(
                    LeaseDecision.claimed(lease, identity: identity, duration: timing.leaseDuration, now: now, isTakeover: isTakeover))
                return true
            } catch let error as KubeError where error.isConflict {
                return false
            }
        }
    }
}
