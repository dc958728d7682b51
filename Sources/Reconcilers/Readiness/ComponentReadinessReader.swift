import KubeClient
import KubeModels
import Logging
import Manifests
import Synchronization

/// Reads each component's readiness from the live DaemonSets. Only a DaemonSet that is not ready and
/// whose status has stopped moving gets its pods looked at (a few pages at most, to name the nodes
/// behind), at most once per interval; while a rollout progresses the status alone is reported. A
/// converged cluster therefore costs no requests, and a large rollout no pod listings.
package final class ComponentReadinessReader: Sendable {
    private struct Inspection: Sendable {
        var fingerprint: DaemonSetStatus
        var since: Duration
        var report: DaemonSetReadiness.Report?
        var listedAt: Duration?
    }

    private let context: ControllerContext
    private let inspections = Mutex<[String: Inspection]>([:])
    /// How long a DaemonSet's status must stay unchanged before its pods are inspected.
    private let stabilityDelay: Duration
    /// How long an inspection stays valid while the status does not change.
    private let refreshInterval: Duration
    /// Pods fetched per page, and the most not-ready pods collected.
    private let pageSize = 200
    private let maximumPages = 5
    private let wanted = 10

    /// Creates a reader.
    package init(context: ControllerContext, stabilityDelay: Duration = .seconds(1), refreshInterval: Duration = .seconds(30)) {
        self.context = context
        self.stabilityDelay = stabilityDelay
        self.refreshInterval = refreshInterval
    }

    /// The status of a component, and when to look again if something is still pending.
    package func status(of component: Component, objects: [RenderedObject]) async -> (status: ComponentStatus, recheckAfter: Duration?) {
        var reports: [DaemonSetReadiness.Report] = []
        var recheck: Duration?
        for object in objects where object.resourceType == .daemonSets {
            guard let ds = context.ownedView.daemonSet(namespace: context.namespace, name: object.name) else {
                reports.append(
                    DaemonSetReadiness.Report(
                        name: object.name, isReady: false, desired: 0, ready: 0, notReady: [],
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
        let fromStatus = DaemonSetReadiness.evaluate(ds, pods: nil, newestRevisionHash: nil)
        if fromStatus.isReady {
            inspections.withLock { _ = $0.removeValue(forKey: name) }
            return (fromStatus, nil)
        }
        let now = context.time.now()
        let fingerprint = ds.status ?? DaemonSetStatus()
        let inspection = inspections.withLock { inspections -> Inspection in
            if let existing = inspections[name], existing.fingerprint == fingerprint { return existing }
            let fresh = Inspection(fingerprint: fingerprint, since: now)
            inspections[name] = fresh
            return fresh
        }
        let stableAt = inspection.since + stabilityDelay
        if now < stableAt { return (fromStatus, stableAt - now) }
        if let report = inspection.report, let listedAt = inspection.listedAt, now < listedAt + refreshInterval {
            return (report, listedAt + refreshInterval - now)
        }
        guard context.podListThrottle.allow(name, every: context.options.podListInterval, now: now) else {
            return (inspection.report ?? fromStatus, context.options.podListInterval)
        }
        do {
            let pods = try await notReadyPods(of: name)
            var report = fromStatus
            report.notReady = pods.map {
                DaemonSetReadiness.NodePodStatus(node: $0.spec?.nodeName ?? "(unscheduled)", status: PodStatusSummary.explain($0))
            }
            .sorted { $0.node < $1.node }
            report.notReadyCount = max(report.notReady.count, report.desired - report.ready)
            inspections.withLock {
                $0[name]?.report = report
                $0[name]?.listedAt = now
            }
            return (report, refreshInterval)
        } catch {
            context.logger.warning("could not list pods for readiness", metadata: ["daemonset": .string(name), "error": .string("\(error)")])
            return (fromStatus, context.options.podListInterval)
        }
    }

    /// Up to ``wanted`` not-ready pods of a DaemonSet, reading at most ``maximumPages`` pages.
    private func notReadyPods(of daemonSet: String) async throws -> [Pod] {
        var found: [Pod] = []
        var token: String?
        for _ in 0..<maximumPages {
            let options = ListOptions(labelSelector: "app=\(daemonSet)", limit: pageSize, continueToken: token)
            let page: ObjectList<Pod> = try await context.client.listPage(.pods, namespace: context.namespace, options: options)
            found += page.items.filter { !PodStatusSummary.isReady($0) }
            token = page.metadata.continue
            if found.count >= wanted || (token ?? "").isEmpty { break }
        }
        return Array(found.prefix(wanted))
    }
}
