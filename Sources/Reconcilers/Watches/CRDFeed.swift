import KubeClient
import KubeModels
import Manifests

extension WatchFeeds {
    /// The prometheus-operator ServiceMonitor CRD's name.
    package static let serviceMonitorCRD = "servicemonitors.monitoring.coreos.com"

    /// Watches one CRD by name; its appearance or a revision change re-reconciles the cluster.
    package static func crd(named name: String, _ context: ControllerContext) async {
        let watcher = Watcher<OwnedMetadata<OwnedKinds.CustomResourceDefinitions>>(
            client: context.client, fieldSelector: "metadata.name=\(name)", configuration: context.watcherConfiguration("crd/\(name)"))
        var listed = false
        for await event in watcher {
            switch event {
            case .initStarted: listed = false
            case .initApply(let object):
                listed = true
                context.crds.upsert(object.metadata)
            case .initDone:
                context.crds.finishResync(name, present: listed)
                context.changes.notify()
                await context.queue.add(.cluster)
            case .apply(let object):
                context.crds.upsert(object.metadata)
                context.changes.notify()
                await context.queue.add(.cluster)
            case .delete:
                context.crds.remove(name)
                await context.queue.add(.cluster)
            }
        }
    }
}
