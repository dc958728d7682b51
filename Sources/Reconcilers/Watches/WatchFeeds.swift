import KubeClient
import KubeModels
import Logging
import Manifests

/// The loops that run one watcher each and feed a cache — each cache's only writer — enqueueing the
/// work each change needs. An event that is the echo of our own write (``WriteExpectations``) needs
/// no work of the kind that write did. Every loop runs until its task is cancelled.
package enum WatchFeeds {
    /// Feeds the policy cache; any change re-reconciles the cluster and, on a spec change, every node.
    package static func policies(_ context: ControllerContext) async {
        let watcher = Watcher<ClusterPolicy>(client: context.client, configuration: context.watcherConfiguration("clusterpolicies"))
        var generations: [String: Int64] = [:]
        for await event in watcher {
            switch event {
            case .initStarted: context.policies.beginResync()
            case .initApply(let policy): context.policies.upsert(policy)
            case .initDone:
                context.policies.finishResync()
                context.changes.notify()
                generations = Dictionary(
                    context.policies.all().map { ($0.metadata.name ?? "", $0.metadata.generation ?? 0) },
                    uniquingKeysWith: { first, _ in first })
                await context.queue.add(.cluster)
                await context.enqueueAllNodes()
            case .apply(let policy):
                let name = policy.metadata.name ?? ""
                let changed = context.policies.upsert(policy)
                let isEcho = context.statusWrites.observeEcho(name, version: policy.metadata.resourceVersion)
                guard changed, !isEcho else { continue }
                await context.queue.add(.cluster)
                if generations[name] != policy.metadata.generation {
                    generations[name] = policy.metadata.generation
                    await context.enqueueAllNodes()
                }
            case .delete(let policy):
                context.policies.remove(policy.metadata.name ?? "")
                context.statusWrites.forget(policy.metadata.name ?? "")
                generations[policy.metadata.name ?? ""] = nil
                await context.queue.add(.cluster)
                await context.enqueueAllNodes()
            }
        }
    }

    /// Feeds the node cache; label changes queue that node, fact changes queue the cluster.
    package static func nodes(_ context: ControllerContext) async {
        var configuration = context.watcherConfiguration("nodes")
        // Real nodes are 15-30 KB of JSON each: pages of 100 keep the initial list's transient memory
        // (response body plus decoded page) near 6 MiB instead of 30 MiB for 500.
        configuration.pageSize = 100
        let watcher = Watcher<Node>(client: context.client, configuration: configuration)
        for await event in watcher {
            switch event {
            case .initStarted: context.nodes.beginResync()
            case .initApply(let node): _ = context.nodes.upsert(node)
            case .initDone:
                _ = context.nodes.finishResync()
                context.changes.notify()
                await context.queue.add(.cluster)
                await context.enqueueAllNodes()
            case .apply(let node):
                let name = node.metadata.name ?? ""
                let change = context.nodes.upsert(node)
                let isEcho = context.nodeWrites.observeEcho(name, version: node.metadata.resourceVersion)
                if change.needsLabelReconcile && !isEcho { await context.queue.add(.node(name)) }
                if change.affectsFacts || change.affectsUpgrade { await context.queue.add(.cluster) }
            case .delete(let node):
                context.nodeWrites.forget(node.metadata.name ?? "")
                if context.nodes.remove(node.metadata.name ?? "").affectsFacts { await context.queue.add(.cluster) }
            }
        }
    }

    /// Feeds the driver-pod cache (the upgrade controller's view of driver pods); every change
    /// re-reconciles the cluster, whose driver reconciler advances upgrades.
    package static func driverPods(_ context: ControllerContext) async {
        let watcher = Watcher<Pod>(
            client: context.client, namespace: context.namespace, labelSelector: "app.kubernetes.io/component=nvidia-driver",
            configuration: context.watcherConfiguration("pods/driver"))
        for await event in watcher {
            switch event {
            case .initStarted: context.driverPods.beginResync()
            case .initApply(let pod): context.driverPods.upsert(pod)
            case .initDone:
                context.driverPods.finishResync()
                await context.queue.add(.cluster)
            case .apply(let pod):
                context.driverPods.upsert(pod)
                await context.queue.add(.cluster)
            case .delete(let pod):
                context.driverPods.remove(pod.metadata.name ?? "")
                await context.queue.add(.cluster)
            }
        }
    }

    /// Watches the pods on one node while a driver upgrade waits on them there; any change wakes the
    /// cluster key (the upgrade reads what it needs with a scoped list). Runs until cancelled.
    package static func podsOnNode(_ node: String, _ context: ControllerContext) async {
        let watcher = Watcher<OwnedMetadata<OwnedKinds.Pods>>(
            client: context.client, fieldSelector: "spec.nodeName=\(node)", configuration: context.watcherConfiguration("pods/\(node)"))
        for await event in watcher {
            switch event {
            case .initStarted, .initApply: continue
            case .initDone, .apply, .delete: await context.queue.add(.cluster)
            }
        }
    }

    /// Feeds the owned-object cache with our DaemonSets (full objects: readiness reads their status).
    package static func daemonSets(_ context: ControllerContext) async {
        let watcher = Watcher<DaemonSet>(
            client: context.client, namespace: context.namespace,
            labelSelector: OwnedKinds.selector, configuration: context.watcherConfiguration("daemonsets"))
        for await event in watcher {
            await apply(event, type: .daemonSets, context: context) { ds in
                (LiveObject(resourceType: .daemonSets, metadata: ds.metadata), ds)
            }
        }
    }

    /// Feeds the owned-object cache with the metadata of one owned kind.
    package static func owned<Kind: OwnedKind>(
        _ kind: Kind.Type, _ context: ControllerContext, fieldSelector: String? = nil, labelSelector: String? = OwnedKinds.selector
    ) async {
        let type = Kind.resourceType
        let watcher = Watcher<OwnedMetadata<Kind>>(
            client: context.client, namespace: type.isNamespaced ? context.namespace : nil, labelSelector: labelSelector,
            fieldSelector: fieldSelector, configuration: context.watcherConfiguration(type.plural))
        for await event in watcher {
            await apply(event, type: type, context: context) { object in
                (LiveObject(resourceType: type, metadata: object.metadata), nil)
            }
        }
    }

    private static func apply<R: KubeResource>(
        _ event: WatcherEvent<R>, type: ResourceType, context: ControllerContext,
        _ summary: (R) -> (LiveObject, DaemonSet?)
    ) async {
        switch event {
        case .initStarted: context.owned.beginResync(type)
        case .initApply(let object):
            let (live, ds) = summary(object)
            context.owned.upsert(live, daemonSet: ds)
        case .initDone:
            context.owned.finishResync(type)
            context.changes.notify()
            await context.queue.add(.cluster)
        case .apply(let object):
            let (live, ds) = summary(object)
            let changed = context.owned.upsert(live, daemonSet: ds)
            let isEcho = context.ownedWrites.observeEcho(live.key, version: live.resourceVersion)
            if changed && !isEcho { await context.queue.add(.cluster) }
        case .delete(let object):
            context.owned.remove(summary(object).0.key)
            await context.queue.add(.cluster)
        }
    }
}
