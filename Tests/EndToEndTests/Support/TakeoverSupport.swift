import Foundation
import KubeModels
import Testing

/// Builds the state a Helm install of NVIDIA's gpu-operator leaves (``UpstreamInstallFixture``) in a
/// simulated cluster, and reads what the takeover tests compare.
enum TakeoverSupport {
    /// The labels upstream's labeller leaves on a GPU node of the default policy (reference §1.2),
    /// with automatic driver upgrades on.
    static let upstreamNodeLabels =
        ["nvidia.com/gpu.present=true", "nvidia.com/gpu-driver-upgrade-state=upgrade-done"]
        + [
            "driver", "gpu-feature-discovery", "container-toolkit", "device-plugin", "dcgm", "dcgm-exporter", "node-status-exporter",
            "operator-validator", "client",
        ].map { "nvidia.com/gpu.deploy.\($0)=true" }

    /// The GPU nodes' names.
    static func gpuNodes(_ cluster: SimulatedCluster) throws -> [String] {
        try cluster.items(["get", "nodes", "-l", "feature.node.kubernetes.io/pci-10de.present=true"]).compactMap {
            ($0["metadata"] as? [String: Any])?["name"] as? String
        }.sorted()
    }

    /// Installs the CRD and the chart's ClusterPolicy, labels the GPU nodes as upstream did, and
    /// creates the fixture's objects with upstream's field manager (an `Update` entry, as its
    /// operator's creates leave), after `edit` changed them; waits until upstream's operand pods run.
    static func installUpstream(_ cluster: SimulatedCluster, edit: (inout [JSONValue]) -> Void = { _ in }) async throws {
        try cluster.applySample("samples/upstream-full.yaml")
        let policy = try cluster.json(["get", "clusterpolicy", "cluster-policy"])
        let uid = try #require((policy["metadata"] as? [String: Any])?["uid"] as? String, "the ClusterPolicy uid")
        for node in try gpuNodes(cluster) { try cluster.kubectl(["label", "node", node, "--overwrite"] + upstreamNodeLabels) }
        try cluster.kubectl(["create", "namespace", SimulatedCluster.namespace])
        var objects = try UpstreamInstallFixture.objects(clusterPolicyUID: uid, renewTime: RFC3339.string(from: Date(), fractionalDigits: 6))
        edit(&objects)
        // A JSON stream: kubectl validates each object against its kind's schema.
        let documents = objects.map { $0.serializedString() }.joined(separator: "\n")
        try cluster.kubectl(["create", "-f", "-", "--field-manager=gpu-operator"], stdin: documents)
        try await Eventually.that(timeout: .seconds(30), "upstream's operand pods running") {
            try daemonSets(cluster).values.allSatisfy { $0.ready == $0.desired } && !(try readyPods(cluster).isEmpty)
        }
    }

    /// Each DaemonSet in the operator namespace: desired, ready and updated pod counts, uid.
    static func daemonSets(_ cluster: SimulatedCluster) throws -> [String: (desired: Int, ready: Int, updated: Int, uid: String)] {
        var result: [String: (Int, Int, Int, String)] = [:]
        for item in try cluster.items(["get", "daemonsets", "-n", SimulatedCluster.namespace]) {
            let metadata = item["metadata"] as? [String: Any] ?? [:]
            let status = item["status"] as? [String: Any] ?? [:]
            result[metadata["name"] as? String ?? ""] = (
                status["desiredNumberScheduled"] as? Int ?? 0, status["numberReady"] as? Int ?? 0,
                status["updatedNumberScheduled"] as? Int ?? 0, metadata["uid"] as? String ?? ""
            )
        }
        return result
    }

    /// For each `app` label, the nodes with a ready pod of it.
    static func readyPods(_ cluster: SimulatedCluster) throws -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for pod in try cluster.items(["get", "pods", "-n", SimulatedCluster.namespace]) {
            let metadata = pod["metadata"] as? [String: Any] ?? [:]
            guard metadata["deletionTimestamp"] == nil, let app = (metadata["labels"] as? [String: String])?["app"] else { continue }
            let node = (pod["spec"] as? [String: Any])?["nodeName"] as? String ?? ""
            let conditions = (pod["status"] as? [String: Any])?["conditions"] as? [[String: Any]] ?? []
            let ready = conditions.contains { $0["type"] as? String == "Ready" && $0["status"] as? String == "True" }
            if ready { result[app, default: []].insert(node) }
        }
        return result
    }

    /// `kind/name` → (uid, resourceVersion) of the namespaced objects upstream left and the nodes.
    static func snapshot(_ cluster: SimulatedCluster) throws -> [String: (uid: String, version: String)] {
        var result: [String: (String, String)] = [:]
        let kinds = "daemonsets,configmaps,serviceaccounts,services,roles,rolebindings,deployments"
        let namespaced = try cluster.items(["get", kinds, "-n", SimulatedCluster.namespace])
        let clusterWide = try cluster.items(["get", "nodes,clusterroles,clusterrolebindings,runtimeclasses"])
        for item in namespaced + clusterWide {
            let metadata = item["metadata"] as? [String: Any] ?? [:]
            let key = "\(item["kind"] as? String ?? "")/\(metadata["name"] as? String ?? "")"
            result[key] = (metadata["uid"] as? String ?? "", metadata["resourceVersion"] as? String ?? "")
        }
        return result
    }
}
