import Foundation

/// The operator run as its service account, with only config/default's RBAC, against kube-sim with
/// RBAC on: the lifecycle phases of issue 12, each ending when its outcome is reached or when the
/// server refused the operator anything (403).
struct LeastPrivilegeRun {
    let cluster: SimulatedCluster
    let kubeconfig: String

    /// A minimal prometheus-operator ServiceMonitor CRD, so the ServiceMonitor rules are exercised.
    static let serviceMonitorCRD = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: servicemonitors.monitoring.coreos.com}
        spec:
          group: monitoring.coreos.com
          scope: Namespaced
          names: {plural: servicemonitors, singular: servicemonitor, kind: ServiceMonitor, listKind: ServiceMonitorList}
          versions:
            - name: v1
              served: true
              storage: true
              schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        """

    /// The sample policy with both ServiceMonitors on.
    static let policy = """
        apiVersion: nvidia.com/v1
        kind: ClusterPolicy
        metadata: {name: cluster-policy}
        spec:
          operator: {metrics: {serviceMonitor: {enabled: true}}}
          dcgm: {enabled: false}
          dcgmExporter: {serviceMonitor: {enabled: true}}
        """

    /// Installs `rbac` (config/default's, or a variant) as the admin, and a kubeconfig holding a
    /// token of the operator's service account.
    static func prepare(_ cluster: SimulatedCluster, rbac: String? = nil) throws -> LeastPrivilegeRun {
        try cluster.kubectl(["apply", "-f", "-"], stdin: serviceMonitorCRD)
        try cluster.kubectl(["apply", "-k", SimulatedCluster.root.appendingPathComponent("config/default").path])
        if let rbac { try cluster.kubectl(["apply", "--server-side", "--force-conflicts", "-f", "-"], stdin: rbac) }
        let token = try cluster.kubectl(["create", "token", "gpu-operator", "-n", SimulatedCluster.namespace]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let kubeconfig = cluster.directory.appendingPathComponent("operator-sa-\(UUID().uuidString).yaml").path
        try FileManager.default.copyItem(atPath: cluster.kubeconfig, toPath: kubeconfig)
        try cluster.kubectl(["--kubeconfig", kubeconfig, "config", "set-credentials", "operator-sa", "--token", token])
        try cluster.kubectl(["--kubeconfig", kubeconfig, "config", "set-context", "--current", "--user", "operator-sa"])
        return LeastPrivilegeRun(cluster: cluster, kubeconfig: kubeconfig)
    }

    /// The operator as its service account, electing a leader.
    func startOperator() throws -> OperatorProcess {
        let process = try TestProcess(
            SimulatedCluster.binaries.appendingPathComponent("operator"),
            [
                "run", "--kubeconfig", kubeconfig, "--leader-elect", "--health-probe-bind-address", "127.0.0.1:0",
                "--metrics-bind-address", "127.0.0.1:0",
            ], environment: ["OPERATOR_NAMESPACE": SimulatedCluster.namespace], name: "operator")
        return OperatorProcess(process: process)
    }

    /// Requests the server refused (403) since the stats were last reset.
    func forbidden() throws -> Int {
        let text = try cluster.admin("GET", "/kubesim/stats")
        let stats = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        return (stats["byCode"] as? [String: Int])?["403"] ?? 0
    }

    /// The phases: install (labels, every operand, ServiceMonitors), a component's update, a driver
    /// upgrade (cordon, evict, restart, uncordon), disabling a component (prune), deleting the policy.
    /// - Parameter stopAtFirstRefusal: end as soon as the server refused anything (each phase also
    ///   ends early then), for the rule-by-rule test.
    /// - Returns: the phase reached when a refusal happened, or `nil` when all completed without one.
    func lifecycle(stopAtFirstRefusal: Bool, timeout: Duration = .seconds(60)) async throws -> String? {
        let namespace = SimulatedCluster.namespace
        let phases: [(String, () throws -> Void, () throws -> Bool)] = [
            (
                "install", { try cluster.kubectl(["apply", "-f", "-"], stdin: Self.policy) },
                { try cluster.policyState() == "ready" && !cluster.names("servicemonitors").isEmpty }
            ),
            (
                "update a component",
                {
                    try cluster.kubectl([
                        "patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p",
                        #"{"spec": {"devicePlugin": {"env": [{"name": "LIFECYCLE", "value": "1"}]}}}"#,
                    ])
                },
                {
                    try cluster.policyState() == "ready"
                        && cluster.kubectl(["get", "daemonset", "nvidia-device-plugin-daemonset", "-n", namespace, "-o", "yaml"]).stdout.contains(
                            "LIFECYCLE")
                }
            ),
            (
                "upgrade the driver",
                {
                    try cluster.kubectl([
                        "patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p",
                        #"{"spec": {"driver": {"repository": "nvcr.io/nvidia", "image": "driver", "version": "580.95.05", "upgradePolicy": {"autoUpgrade": true}}}}"#,
                    ])
                },
                {
                    let pods = try cluster.items(["get", "pods", "-n", namespace, "-l", "app=nvidia-driver-daemonset"])
                    let images = pods.compactMap { (($0["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first?["image"] as? String }
                    return try cluster.policyState() == "ready" && !images.isEmpty && images.allSatisfy { $0.contains("580.95.05") }
                }
            ),
            (
                "disable a component",
                {
                    try cluster.kubectl([
                        "patch", "clusterpolicy", "cluster-policy", "--type", "merge", "-p", #"{"spec": {"dcgmExporter": {"enabled": false}}}"#,
                    ])
                },
                { try cluster.policyState() == "ready" && !cluster.names("daemonsets").contains("nvidia-dcgm-exporter") }
            ),
            (
                "delete the policy", { try cluster.kubectl(["delete", "clusterpolicy", "cluster-policy"]) },
                { try cluster.names("daemonsets").isEmpty }
            ),
        ]
        for (name, act, done) in phases {
            try act()
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if try done() { break }
                if stopAtFirstRefusal, try forbidden() > 0 { return name }
                try await Task.sleep(for: .milliseconds(100))
            }
            if try forbidden() > 0 { return name }
            guard try done() else { throw TestFailure("the lifecycle phase '\(name)' did not complete within \(timeout)") }
        }
        return nil
    }
}
