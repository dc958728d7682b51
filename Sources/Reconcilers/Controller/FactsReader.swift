import KubeClient
import KubeModels
import Manifests

/// Assembles the renderer's cluster facts: from the node cache, the CRD cache, the operator's
/// environment, and the ConfigMaps the policy references (whose keys are mounted one by one).
package struct FactsReader: Sendable {
    private let context: ControllerContext

    /// Creates a reader.
    package init(context: ControllerContext) { self.context = context }

    /// Reads the facts for `policy`.
    /// - Throws: ``ReconcileError/missingConfigMap(name:field:namespace:)`` or
    ///   ``ReconcileError/readConfigMap(name:cause:)``.
    package func read(_ policy: ClusterPolicy) async throws(ReconcileError) -> ClusterFactsBuilder.Result {
        var base = ClusterFacts()
        base.namespace = context.namespace
        base.kubernetesVersion = context.kubernetesVersion
        base.serviceMonitorCRD = context.hasServiceMonitorCRD
        base.imageEnvironment = context.options.imageEnvironment
        let client = context.client
        let namespace = context.namespace
        base.configMapKeys = try await Self.configMapKeys(of: policy, namespace: namespace) { name in
            try await client.get(ConfigMap.self, name: name, namespace: namespace)
        }
        return ClusterFactsBuilder.build(nodes: context.nodes.all(), base: base)
    }

    /// The keys of the ConfigMaps the policy references (kernel module, repository and certificate
    /// configs), read with `get`: the operator's reconcile and the live dry run share this.
    /// - Throws: ``ReconcileError/missingConfigMap(name:field:namespace:)`` or
    ///   ``ReconcileError/readConfigMap(name:cause:)``.
    package static func configMapKeys(
        of policy: ClusterPolicy, namespace: String, get: (String) async throws -> ConfigMap?
    ) async throws(ReconcileError) -> [String: [String]] {
        let driver = policy.spec.driver
        let references: [(String?, String)] = [
            (driver.kernelModuleConfig?.name, "spec.driver.kernelModuleConfig.name"),
            (driver.repoConfig?.configMapName, "spec.driver.repoConfig.configMapName"),
            (driver.certConfig?.name, "spec.driver.certConfig.name"),
        ]
        var keys: [String: [String]] = [:]
        for (name, field) in references {
            guard let name, !name.isEmpty, keys[name] == nil else { continue }
            let found: ConfigMap?
            do {
                found = try await get(name)
            } catch {
                throw .readConfigMap(name: name, cause: error)
            }
            guard let configMap = found else {
                throw .missingConfigMap(name: name, field: field, namespace: namespace)
            }
            keys[name] = Array((configMap.data ?? [:]).keys) + Array((configMap.binaryData ?? [:]).keys)
        }
        return keys
    }
}
