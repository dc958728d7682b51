/// A custom resource definition (`apiextensions.k8s.io/v1` `CustomResourceDefinition`), modelled
/// enough to read its versions, which are served and stored, and their schemas.
package struct CustomResourceDefinition: KubeResource, Hashable {
    /// `customresourcedefinitions.apiextensions.k8s.io`.
    package static var resourceType: ResourceType { .customResourceDefinitions }
    /// `apiextensions.k8s.io/v1`.
    package var apiVersion: String? = "apiextensions.k8s.io/v1"
    /// `CustomResourceDefinition`.
    package var kind: String? = "CustomResourceDefinition"
    /// Standard metadata; the name is `<plural>.<group>`.
    package var metadata: ObjectMeta
    /// Group, names, scope and versions.
    package var spec: CustomResourceDefinitionSpec
    /// Established/accepted conditions and stored versions.
    package var status: CustomResourceDefinitionStatus?

    /// Creates a CRD.
    package init(metadata: ObjectMeta, spec: CustomResourceDefinitionSpec, status: CustomResourceDefinitionStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The resource descriptor of one served version, for untyped calls on the custom resources.
    /// - Parameter version: the version name; `nil` picks the storage version.
    /// - Returns: the descriptor, or `nil` when the version is not defined.
    package func resourceType(version: String? = nil) -> ResourceType? {
        let chosen = version ?? spec.versions.first(where: \.storage)?.name
        guard let chosen, spec.versions.contains(where: { $0.name == chosen }) else { return nil }
        return ResourceType(
            group: spec.group, version: chosen, plural: spec.names.plural, kind: spec.names.kind,
            isNamespaced: spec.scope == "Namespaced")
    }
}

/// What a CRD defines.
package struct CustomResourceDefinitionSpec: Codable, Sendable, Hashable {
    /// The API group, e.g. `nvidia.com`.
    package var group: String
    /// Plural, singular, kind and short names.
    package var names: CustomResourceDefinitionNames
    /// `Namespaced` or `Cluster`.
    package var scope: String
    /// The versions, each with its schema.
    package var versions: [CustomResourceDefinitionVersion]
    /// Conversion strategy (kept verbatim).
    package var conversion: JSONValue?
    /// Deprecated whole-object unknown-field preservation.
    package var preserveUnknownFields: Bool?

    /// Creates a spec.
    package init(
        group: String, names: CustomResourceDefinitionNames, scope: String, versions: [CustomResourceDefinitionVersion]
    ) {
        self.group = group
        self.names = names
        self.scope = scope
        self.versions = versions
    }
}

/// The names of a custom resource.
package struct CustomResourceDefinitionNames: Codable, Sendable, Hashable {
    /// e.g. `clusterpolicies`.
    package var plural: String
    /// e.g. `clusterpolicy`.
    package var singular: String?
    /// e.g. `ClusterPolicy`.
    package var kind: String
    /// e.g. `ClusterPolicyList`.
    package var listKind: String?
    /// Short names for kubectl.
    package var shortNames: [String]?
    /// Categories, e.g. `all`.
    package var categories: [String]?

    /// Creates names.
    package init(plural: String, singular: String? = nil, kind: String, listKind: String? = nil) {
        self.plural = plural
        self.singular = singular
        self.kind = kind
        self.listKind = listKind
    }
}

/// One version of a custom resource.
package struct CustomResourceDefinitionVersion: Codable, Sendable, Hashable {
    /// e.g. `v1`.
    package var name: String
    /// Whether the API serves this version.
    package var served: Bool
    /// Whether objects are stored in this version (exactly one is).
    package var storage: Bool
    /// Whether the version is deprecated.
    package var deprecated: Bool?
    /// The warning returned to clients of a deprecated version.
    package var deprecationWarning: String?
    /// The validation schema.
    package var schema: CustomResourceValidation?
    /// Enabled subresources (`status`, `scale`).
    package var subresources: CustomResourceSubresources?
    /// Extra kubectl columns (kept verbatim).
    package var additionalPrinterColumns: [JSONValue]?

    /// Creates a version.
    package init(
        name: String, served: Bool, storage: Bool, schema: CustomResourceValidation? = nil,
        subresources: CustomResourceSubresources? = nil
    ) {
        self.name = name
        self.served = served
        self.storage = storage
        self.schema = schema
        self.subresources = subresources
    }
}

/// The schema of a custom resource version.
package struct CustomResourceValidation: Codable, Sendable, Hashable {
    /// The OpenAPI v3 schema.
    package var openAPIV3Schema: JSONSchemaProps?

    /// Creates a validation block.
    package init(openAPIV3Schema: JSONSchemaProps?) {
        self.openAPIV3Schema = openAPIV3Schema
    }
}

/// Subresources of a custom resource version; each is an (empty) object when enabled.
package struct CustomResourceSubresources: Codable, Sendable, Hashable {
    /// `{}` when the status subresource is enabled.
    package var status: JSONValue?
    /// The scale subresource paths (kept verbatim).
    package var scale: JSONValue?

    /// Creates subresources.
    package init(status: JSONValue? = nil, scale: JSONValue? = nil) {
        self.status = status
        self.scale = scale
    }
}

/// A CRD's observed state.
package struct CustomResourceDefinitionStatus: Codable, Sendable, Hashable {
    /// `Established`, `NamesAccepted`, … conditions (kept verbatim).
    package var conditions: [JSONValue]?
    /// The names the API server accepted.
    package var acceptedNames: CustomResourceDefinitionNames?
    /// Versions objects have ever been stored in.
    package var storedVersions: [String]?

    /// Creates a status.
    package init(
        conditions: [JSONValue]? = nil, acceptedNames: CustomResourceDefinitionNames? = nil,
        storedVersions: [String]? = nil
    ) {
        self.conditions = conditions
        self.acceptedNames = acceptedNames
        self.storedVersions = storedVersions
    }
}
