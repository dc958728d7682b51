import KubeClient
import KubeModels
import Logging
import Manifests

/// Creates the ClusterPolicy CRD, or upgrades it when the served one is older than the schema this
/// operator carries (the Helm failure mode users hit: a stale CRD silently pruning new fields). A newer
/// served CRD is left alone.
package struct CRDInstaller: Sendable {
    private let client: KubeClient
    private let logger: Logger

    /// Creates an installer.
    package init(client: KubeClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// What ``ensure()`` did.
    package enum Result: Sendable, Hashable {
        case created
        case upgraded(from: Int)
        case current
        case newer(Int)
    }

    /// Installs or upgrades the CRD as needed.
    /// - Throws: `KubeError` when reading or writing the CRD fails.
    @discardableResult
    package func ensure() async throws -> Result {
        let served = try await client.get(.customResourceDefinitions, name: ClusterPolicyCRD.name)
        let revision = served?[path: ["metadata", "annotations", ClusterPolicyCRD.revisionAnnotation]]?.stringValue.flatMap(Int.init) ?? 0
        if served != nil && revision > ClusterPolicyCRD.schemaRevision {
            logger.warning(
                "the served ClusterPolicy CRD is newer than this operator's; leaving it",
                metadata: [
                    "served": .string(String(revision)), "carried": .string(String(ClusterPolicyCRD.schemaRevision)),
                ])
            return .newer(revision)
        }
        if served != nil && revision == ClusterPolicyCRD.schemaRevision { return .current }
        _ = try await client.apply(.customResourceDefinitions, try ClusterPolicyCRD.object, fieldManager: OwnershipLabels.fieldManager, force: true)
        if served == nil {
            logger.info("installed the ClusterPolicy CRD", metadata: ["revision": .string(String(ClusterPolicyCRD.schemaRevision))])
            return .created
        }
        logger.info(
            "upgraded the ClusterPolicy CRD", metadata: ["from": .string(String(revision)), "to": .string(String(ClusterPolicyCRD.schemaRevision))])
        return .upgraded(from: revision)
    }
}
