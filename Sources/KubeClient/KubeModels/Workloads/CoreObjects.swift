/// A ServiceAccount (`v1`).
package struct ServiceAccount: KubeResource, Hashable {
    package static let resourceType = ResourceType.serviceAccounts
    package var apiVersion: String? = "v1"
    package var kind: String? = "ServiceAccount"
    package var metadata: ObjectMeta
    package var automountServiceAccountToken: Bool?
    package var imagePullSecrets: [LocalObjectReference]?
}

/// A ConfigMap (`v1`).
package struct ConfigMap: KubeResource, Hashable {
    package static let resourceType = ResourceType.configMaps
    package var apiVersion: String? = "v1"
    package var kind: String? = "ConfigMap"
    package var metadata: ObjectMeta
    package var data: [String: String]?
    package var binaryData: [String: String]?

    /// Creates a ConfigMap.
    package init(metadata: ObjectMeta, data: [String: String]? = nil) {
        self.metadata = metadata
        self.data = data
    }
}

/// A Secret (`v1`); values are base64 in `data`.
package struct Secret: KubeResource, Hashable {
    package static let resourceType = ResourceType.secrets
    package var apiVersion: String? = "v1"
    package var kind: String? = "Secret"
    package var metadata: ObjectMeta
    package var type: String?
    package var data: [String: String]?
    package var stringData: [String: String]?
}

/// A Service (`v1`).
package struct Service: KubeResource, Hashable {
    package static let resourceType = ResourceType.services
    package var apiVersion: String? = "v1"
    package var kind: String? = "Service"
    package var metadata: ObjectMeta
    package var spec: ServiceSpec?
}

/// The desired state of a Service.
package struct ServiceSpec: Codable, Sendable, Hashable {
    /// `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName`.
    package var type: String?
    package var selector: [String: String]?
    package var ports: [ServicePort]?
    package var clusterIP: String?
    package var clusterIPs: [String]?
    /// `Cluster` or `Local`.
    package var internalTrafficPolicy: String?
}

/// One port of a Service.
package struct ServicePort: Codable, Sendable, Hashable {
    package var name: String?
    package var port: Int
    package var targetPort: IntOrString?
    package var `protocol`: String?
    package var nodePort: Int?
}

/// A RuntimeClass (`node.k8s.io/v1`): names a container-runtime handler pods can select.
package struct RuntimeClass: KubeResource, Hashable {
    package static let resourceType = ResourceType.runtimeClasses
    package var apiVersion: String? = "node.k8s.io/v1"
    package var kind: String? = "RuntimeClass"
    package var metadata: ObjectMeta
    package var handler: String
    package var overhead: JSONValue?
    package var scheduling: JSONValue?
}
