import KubeModels

extension AdminAPI {
    /// `POST /kubesim/crashloops`: starts or stops a crash loop of a node's pods of a DaemonSet.
    /// - Parameter body: `{"node", "namespace" (default "default"), "daemonSet", "crashLooping" (default true)}`.
    /// - Returns: the changed pods and the crash-loop rules in force.
    /// - Throws: ``APIError`` 400 when `node` or `daemonSet` is missing.
    func crashLoop(_ body: JSONValue) async throws(APIError) -> JSONValue {
        guard let node = body["node"]?.stringValue, !node.isEmpty else { throw APIError.badRequest("node is required") }
        guard let daemonSet = body["daemonSet"]?.stringValue, !daemonSet.isEmpty else { throw APIError.badRequest("daemonSet is required") }
        let namespace = body["namespace"]?.stringValue ?? "default"
        let changed = await cluster.setCrashLoop(
            node: node, namespace: namespace, daemonSet: daemonSet, crashLooping: body["crashLooping"]?.boolValue ?? true)
        let rules = await cluster.crashLoopRules.sorted { ($0.node, $0.namespace, $0.daemonSet) < ($1.node, $1.namespace, $1.daemonSet) }
        return [
            "pods": .array(changed.map { .string($0) }),
            "crashLoops": .array(
                rules.map { ["node": .string($0.node), "namespace": .string($0.namespace), "daemonSet": .string($0.daemonSet)] }),
        ]
    }
}
