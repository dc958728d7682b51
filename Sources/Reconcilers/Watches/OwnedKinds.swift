import KubeModels
import Manifests

/// A Kubernetes kind the operator owns objects of, watched by label for drift and deletions.
package protocol OwnedKind: Sendable {
    /// The kind's collection.
    static var resourceType: ResourceType { get }
}

/// The metadata of an owned object, decoded from the full object (the rest is ignored), so one
/// watch type serves every owned kind.
package struct OwnedMetadata<Kind: OwnedKind>: KubeResource {
    package static var resourceType: ResourceType { Kind.resourceType }
    package var metadata: ObjectMeta
}

/// Marker kinds for ``OwnedMetadata``.
package enum OwnedKinds {
    package enum ServiceAccounts: OwnedKind { package static var resourceType: ResourceType { .serviceAccounts } }
    package enum Roles: OwnedKind { package static var resourceType: ResourceType { .roles } }
    package enum RoleBindings: OwnedKind { package static var resourceType: ResourceType { .roleBindings } }
    package enum ClusterRoles: OwnedKind { package static var resourceType: ResourceType { .clusterRoles } }
    package enum ClusterRoleBindings: OwnedKind { package static var resourceType: ResourceType { .clusterRoleBindings } }
    package enum Pods: OwnedKind { package static var resourceType: ResourceType { .pods } }
    package enum ConfigMaps: OwnedKind { package static var resourceType: ResourceType { .configMaps } }
    package enum Services: OwnedKind { package static var resourceType: ResourceType { .services } }
    package enum RuntimeClasses: OwnedKind { package static var resourceType: ResourceType { .runtimeClasses } }
    package enum ServiceMonitors: OwnedKind { package static var resourceType: ResourceType { .serviceMonitors } }
    package enum Namespaces: OwnedKind { package static var resourceType: ResourceType { .namespaces } }
    package enum CustomResourceDefinitions: OwnedKind { package static var resourceType: ResourceType { .customResourceDefinitions } }

    /// The label selector that finds every object this operator owns.
    package static let selector = "\(OwnershipLabels.managedByKey)=\(OwnershipLabels.managedByValue)"
}
