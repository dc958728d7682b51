import KubeClient
import Logging
import KubeModels
import Manifests
import Synchronization

/// Reads each component's readiness from the live DaemonSets, listing a DaemonSet's pods only when
/// it is not ready (to name the nodes behind), at most once per interval, and reusing that answer while
/// the DaemonSet's status does not move. A converged cluster therefore costs no requests at all.
package final class ComponentReadinessReader: Sendable {
    private struct Cached: Sendable {
        var fingerprint: DaemonSetStatus
        var report: DaemonSetReadiness.Report
        var listedAt: ContinuousClock.Instant
    }

    private let context: ControllerContext
    private let cache = Mutex<[String: Cached]>([:])
    /// How long a pod listing stays valid while the DaemonSet's status does not change.
    private let refreshInterval: Duration

    /// Creates a reader.
    package init(context: ControllerContext, refreshInterval: Duration = .seconds(30)) {
        self.context = context
        self.refreshInterval = refreshInterval
    }

    /// The status of a component, and when to look again if something is still pending.
    /// - Parameters:
    ///   - component: the component.
    ///   - objects: its rendered objects (DaemonSets among them decide readiness).
    package func status(of component: Component, objects: [RenderedObject]) async -> (status: ComponentStatus, recheckAfter: Duration?) {
        var reports: [DaemonSetReadiness.Report] = []
        var recheck: Duration?
        for object in objects where object.resourceType == .daemonSets {
            guard let ds = context.owned.daemonSet(object.name) else {
                reports.append(DaemonSetReadiness.Report(name: object.name, isReady: false, desired: 0, ready: 0, notReady: [],
                                                         reason: "DaemonSet \(object.name) does not exist yet"))
                continue
            }
            let (report, again) = await readiness(of: ds)
            reports.append(report)
            if let again { recheck = min(recheck ?? again, again) }
        }
        if reports.contains(where: { !$0.isReady && $0.desired == 0 && $0.reason != nil }) {
            let missing = reports.filter { !$0.isReady && $0.desired == 0 }.compactMap(\.reason).joined(separator: "; ")
            return (ComponentStatus(component: component, state: .notReady, message: missing), recheck)
        }
        return (ComponentStatus.fromDaemonSets(component, reports), recheck)
    }

    private func readiness(of ds: DaemonSet) async -> (DaemonSetReadiness.Report, Duration?) {
        let name = ds.metadata.name ?? ""
        if DaemonSetReadiness.statusSaysReady(ds) {
            cache.withLock { _ = $0.removeValue(forKey: name) }
            return (DaemonSetReadiness.evaluate(ds, pods: nil, newestRevisionHash: nil), nil)
        }
        let now = context.clock.now
        let fingerprint = ds.status ?? DaemonSetStatus()
        let cached = cache.withLock { $0[name] }
        if let cached, cached.fingerprint == fingerprint, now < cached.listedAt.advanced(by: refreshInterval) {
            return (cached.report, refreshInterval)
        }
        guard context.podListThrottle.allow(name, every: context.options.podListInterval, now: now) else {
            return (cached?.report ?? DaemonSetReadiness.evaluate(ds, pods: nil, newestRevisionHash: nil), context.options.podListInterval)
        }
        do {
            let pods = try await context.client.list(Pod.self, namespace: context.namespace, labelSelector: "app=\(name)").items
            let report = DaemonSetReadiness.evaluate(ds, pods: pods, newestRevisionHash: nil)
            cache.withLock { $0[name] = Cached(fingerprint: fingerprint, report: report, listedAt: now) }
            return (report, refreshInterval)
        } catch {
            context.logger.warning("could not list pods for readiness", metadata: ["daemonset": .string(name), "error": .string("\(error)")])
            return (DaemonSetReadiness.evaluate(ds, pods: nil, newestRevisionHash: nil), context.options.podListInterval)
        }
    }
}
