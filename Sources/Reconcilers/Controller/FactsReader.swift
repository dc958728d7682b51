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
        let driver = policy.spec.driver
        let references: [(String?, String)] = [
            (driver.kernelModuleConfig?.name, "spec.driver.kernelModuleConfig.name"),
            (driver.repoConfig?.configMapName, "spec.driver.repoConfig.configMapName"),
            (driver.certConfig?.name, "spec.driver.certConfig.name"),
        ]
        for (name, field) in references {
            guard let name, !name.isEmpty, base.configMapKeys[name] == nil else { continue }
            let found: ConfigMap?
            do {
                found = try await context.client.get(ConfigMap.self, name: name, namespace: context.namespace)
            } catch {
                throw .readConfigMap(name: name, cause: error)
            }
            guard let configMap = found else {
                throw .missingConfigMap(name: name, field: field, namespace: context.namespace)
            }
            base.configMapKeys[name] = Array((configMap.data ?? [:]).keys) + Array((configMap.binaryData ?? [:]).keys)
        }
        return ClusterFactsBuilder.build(nodes: context.nodes.all(), base: base)
    }
}
