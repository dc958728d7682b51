import KubeClient
import KubeModels
import Logging
import Manifests

/// The loops that run one watcher each and feed a cache, enqueueing the work each change needs.
/// Every loop runs until its task is cancelled.
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
                generations = Dictionary(context.policies.all().map { ($0.metadata.name ?? "", $0.metadata.generation ?? 0) },
                                         uniquingKeysWith: { first, _ in first })
                await context.queue.add(.cluster)
                await context.enqueueAllNodes()
            case .apply(let policy):
                guard context.policies.upsert(policy) else { continue }
                await context.queue.add(.cluster)
                let name = policy.metadata.name ?? ""
                if generations[name] != policy.metadata.generation {
                    generations[name] = policy.metadata.generation
                    await context.enqueueAllNodes()
                }
            case .delete(let policy):
                context.policies.remove(policy.metadata.name ?? "")
                generations[policy.metadata.name ?? ""] = nil
                await context.queue.add(.cluster)
                await context.enqueueAllNodes()
            }
        }
    }

    /// Feeds the node cache; label changes queue that node, fact changes queue the cluster.
    package static func nodes(_ context: ControllerContext) async {
        let watcher = Watcher<Node>(client: context.client, configuration: context.watcherConfiguration("nodes"))
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
                let change = context.nodes.upsert(node)
                if change.needsLabelReconcile { await context.queue.add(.node(node.metadata.name ?? "")) }
                if change.affectsFacts { await context.queue.add(.cluster) }
            case .delete(let node):
                if context.nodes.remove(node.metadata.name ?? "").affectsFacts { await context.queue.add(.cluster) }
            }
        }
    }

    /// Feeds the owned-object cache with our DaemonSets (full objects: readiness reads their status).
    package static func daemonSets(_ context: ControllerContext) async {
        let watcher = Watcher<DaemonSet>(client: context.client, namespace: context.namespace,
                                         labelSelector: OwnedKinds.selector, configuration: context.watcherConfiguration("daemonsets"))
        for await event in watcher {
            await apply(event, type: .daemonSets, context: context) { ds in
                (LiveObject(resourceType: .daemonSets, metadata: ds.metadata), ds)
            }
        }
    }

    /// Feeds the owned-object cache with the metadata of one owned kind.
    package static func owned<Kind: OwnedKind>(_ kind: Kind.Type, _ context: ControllerContext, fieldSelector: String? = nil, labelSelector: String? = OwnedKinds.selector) async {
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
            if context.owned.upsert(live, daemonSet: ds) { await context.queue.add(.cluster) }
        case .delete(let object):
            context.owned.remove(summary(object).0.key)
            await context.queue.add(.cluster)
        }
    }
}
