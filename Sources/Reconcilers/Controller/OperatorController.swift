import KubeClient
import KubeModels
import Logging
import Manifests
import Synchronization

/// The operator's control loop: watches feed caches and a work queue; workers reconcile the cluster
/// key (one at a time) and node keys (several at a time). Runs until cancelled.
///
/// - Important: all tasks are children of ``run()``; cancelling the calling task stops watches,
///   timers and workers.
package final class OperatorController: Sendable {
    private let context: ControllerContext
    private let ready = Atomic<Bool>(false)
    private let reconcileCount = Atomic<Int>(0)

    /// Creates a controller.
    package init(context: ControllerContext) {
        self.context = context
    }

    /// Whether the caches have synced and workers are running (the `/readyz` answer).
    package var isReady: Bool { ready.load(ordering: .relaxed) }

    /// Runs watches, the timer and workers until cancelled.
    package func run() async {
        let context = self.context
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await WatchFeeds.policies(context) }
            group.addTask { await WatchFeeds.nodes(context) }
            group.addTask { await WatchFeeds.daemonSets(context) }
            group.addTask { await WatchFeeds.owned(OwnedKinds.ServiceAccounts.self, context) }
            group.addTask { await WatchFeeds.owned(OwnedKinds.Roles.self, context) }
            group.addTask { await WatchFeeds.owned(OwnedKinds.RoleBindings.self, context) }
            group.addTask { await WatchFeeds.owned(OwnedKinds.ClusterRoles.self, context) }
            group.addTask { await WatchFeeds.owned(OwnedKinds.ClusterRoleBindings.self, context) }
            group.addTask { await WatchFeeds.owned(OwnedKinds.ConfigMaps.self, context) }
            group.addTask { await WatchFeeds.owned(OwnedKinds.Services.self, context) }
            group.addTask { await WatchFeeds.owned(OwnedKinds.RuntimeClasses.self, context) }
            group.addTask {
                await WatchFeeds.owned(OwnedKinds.Namespaces.self, context, fieldSelector: "metadata.name=\(context.namespace)", labelSelector: nil)
            }
            group.addTask { await WatchFeeds.crd(named: ClusterPolicyCRD.name, context) }
            group.addTask { await WatchFeeds.crd(named: WatchFeeds.serviceMonitorCRD, context) }
            group.addTask { await self.serviceMonitorWatch(context) }
            group.addTask { await self.driverPodWatch(context) }
            group.addTask { await self.inFlightPodWatches(context) }
            group.addTask { await context.queue.runTimer() }
            group.addTask { await self.resync(context) }
            group.addTask {
                await self.waitForSync(context)
                self.ready.store(true, ordering: .relaxed)
                context.logger.info("caches synced; reconciling")
                await self.firstUpstreamCheck(context)
                await self.workers(context)
            }
            await group.next()
            group.cancelAll()
            await context.queue.shutDown()
        }
    }

    /// Watches our ServiceMonitors once their CRD is served.
    private func serviceMonitorWatch(_ context: ControllerContext) async {
        await context.changes.wait { context.hasServiceMonitorCRD }
        guard !Task.isCancelled else { return }
        await WatchFeeds.owned(OwnedKinds.ServiceMonitors.self, context)
    }

    /// Watches the driver pods once the driver reconciler needs them (an upgrade is in question), so a
    /// cluster without upgrades pays nothing for them.
    private func driverPodWatch(_ context: ControllerContext) async {
        await context.changes.wait { context.driverPods.isWanted }
        guard !Task.isCancelled else { return }
        await WatchFeeds.driverPods(context)
    }

    /// Runs one pod watch per node in ``ControllerContext/inFlightNodes``: started when a node enters
    /// the set, ended when it leaves. Every watch is a child task of this one.
    private func inFlightPodWatches(_ context: ControllerContext) async {
        let running = InFlightNodes()
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                for node in context.inFlightNodes.all.subtracting(running.all) where running.insert(node) {
                    group.addTask {
                        await withTaskGroup(of: Void.self) { watch in
                            watch.addTask { await WatchFeeds.podsOnNode(node, context) }
                            watch.addTask { await context.changes.wait { !context.inFlightNodes.contains(node) } }
                            await watch.next()
                            watch.cancelAll()
                        }
                        running.remove(node)
                        // A node wanted again while its watch was ending gets a new one.
                        context.changes.notify()
                    }
                }
                await context.changes.wait { !context.inFlightNodes.all.subtracting(running.all).isEmpty }
            }
        }
    }

    /// Finds out whether NVIDIA's operator still runs before any worker may write, retrying every
    /// 5 s while the check itself fails (until cancelled).
    private func firstUpstreamCheck(_ context: ControllerContext) async {
        while !Task.isCancelled {
            do {
                _ = try await context.upstreamGate.check(context, logger: context.logger)
                return
            } catch {
                context.logger.error(
                    "cannot tell whether NVIDIA's gpu-operator still runs; not reconciling yet", metadata: ["error": .string("\(error)")])
            }
            do {
                try await context.time.sleep(.seconds(5))
            } catch {
                return
            }
        }
    }

    private func resync(_ context: ControllerContext) async {
        while !Task.isCancelled {
            do {
                try await context.time.sleep(context.options.resyncInterval)
            } catch {
                return
            }
            await context.queue.add(.cluster)
        }
    }

    private func waitForSync(_ context: ControllerContext) async {
        await context.changes.wait { context.isSynced }
    }

    private func workers(_ context: ControllerContext) async {
        let cluster = ClusterReconciler(context: context)
        let labeler = NodeLabelReconciler(context: context)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, context.options.nodeWorkers) {
                group.addTask {
                    while let key = await context.queue.next() {
                        let outcome: WorkQueue<ReconcileKey>.Outcome
                        switch key {
                        case .cluster:
                            let id = self.reconcileCount.wrappingAdd(1, ordering: .relaxed).newValue
                            outcome = await cluster.reconcile(reconcileID: id)
                        case .node(let name):
                            var logger = context.logger
                            logger[metadataKey: "node"] = .string(name)
                            do {
                                try await labeler.reconcile(name, logger: logger)
                                outcome = .success
                            } catch {
                                logger.warning("node labelling failed", metadata: ["error": .string("\(error)")])
                                outcome = .failure
                            }
                        }
                        await context.queue.done(key, outcome)
                    }
                }
            }
        }
    }
}
