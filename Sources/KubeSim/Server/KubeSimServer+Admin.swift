import KubeModels

extension KubeSimServer {
    /// Adds a simulated node (GPU nodes carry the NVIDIA PCI label), or relabels an existing one.
    package func addNode(name: String, gpu: Bool, labels: [String: String] = [:]) async {
        await cluster.addNode(name: name, gpu: gpu, labels: labels)
    }

    /// Removes a node; its pods are removed too.
    package func removeNode(name: String) async {
        await cluster.removeNode(name: name)
    }

    /// Sets labels on a node (`nil` removes the label).
    package func setNodeLabels(name: String, labels: [String: String?]) async {
        await cluster.setNodeLabels(name: name, labels: labels)
    }

    /// Sets the fault profile for subsequent requests (and the watch history window it names).
    package func setFaults(_ faults: FaultProfile) async {
        await admin.setFaults(faults)
    }

    /// Closes every open watch.
    package func dropWatches() async {
        await cluster.dropWatches()
    }

    /// Expires all watch history: resuming from any earlier resourceVersion gets 410 Gone.
    package func compactHistory() async {
        await cluster.compactHistory()
    }

    /// Holds a node's pods Pending with their first init container running (`unready: true`), or
    /// releases them to become Ready after the readiness delay (`unready: false`).
    package func holdPods(onNode node: String, unready: Bool) async {
        await cluster.holdPods(onNode: node, held: unready)
    }

    /// Makes a node's pods of a DaemonSet crash-loop (`crashLooping: true`): its running pods there,
    /// and those the DaemonSet creates there later, stay Running with every container not ready in
    /// `CrashLoopBackOff`, `restartCount` rising by one per second; `crashLooping: false` makes them
    /// Running and Ready again (restart counts kept).
    /// - Returns: the names of the pods whose state changed.
    @discardableResult
    package func setCrashLoop(node: String, namespace: String, daemonSet: String, crashLooping: Bool) async -> [String] {
        await cluster.setCrashLoop(node: node, namespace: namespace, daemonSet: daemonSet, crashLooping: crashLooping)
    }

    /// Makes one background change now (``SimulatedCluster/churn(_:)``), as the churn does at its rate.
    /// - Returns: the node changed, added or removed, if any.
    @discardableResult
    package func churn(_ change: ChurnSettings.Change) async -> String? { await cluster.churn(change) }

    /// Request counts since start or the last reset.
    package func stats() async -> KubeSimStats {
        admin.stats.snapshot()
    }

    /// Resets the request counts.
    package func resetStats() async {
        admin.stats.reset()
    }

    /// Accepts another bearer token.
    package func addToken(_ token: String) async {
        admin.tokens.add(token)
    }

    /// How many requests and watch deliveries wait because the fault profile pauses the server.
    package func parkedRequestCount() async -> Int {
        admin.faults.parkedCount
    }

    /// The number of open watches.
    package func openWatchCount() async -> Int {
        await cluster.openWatchCount
    }
}
