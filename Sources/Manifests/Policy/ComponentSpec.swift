import KubeModels

/// The fields almost every ClusterPolicy component section repeats: whether to deploy it, its image,
/// pull settings, resources, arguments, environment and host networking.
package struct CommonComponentFields: Codable, Sendable, Hashable {
    /// Deploy the component; absent means the component's own default.
    package var enabled: Bool?
    package var repository: String?
    package var image: String?
    /// A tag, or a digest `sha256:...`.
    package var version: String?
    package var imagePullPolicy: String?
    /// Names of Secrets used to pull the image.
    package var imagePullSecrets: [String]?
    package var resources: ResourceRequirements?
    /// Replaces the main container's arguments when non-empty.
    package var args: [String]?
    /// Set on the main container, in place or appended.
    package var env: [EnvVarSpec]?
    package var hostNetwork: Bool?

    /// Creates empty fields.
    package init() {}
}

/// Fields a component adds to ``CommonComponentFields``; decoded from the same JSON object.
package protocol ComponentExtraFields: Codable, Sendable, Hashable {
    /// Creates the fields with nothing set.
    init()
}

/// A component section with no fields beyond the common set.
package struct NoExtraFields: ComponentExtraFields {
    /// Creates the (empty) fields.
    package init() {}
}

/// A component section: the common fields plus the component's own, flattened into one JSON object.
///
/// Member lookup reaches both halves, so `spec.driver.version` and `spec.driver.usePrecompiled` read
/// naturally.
@dynamicMemberLookup
package struct ComponentSpec<Extra: ComponentExtraFields>: Codable, Sendable, Hashable {
    package var common: CommonComponentFields
    package var extra: Extra

    /// Creates a section with nothing set.
    package init() {
        common = CommonComponentFields()
        extra = Extra()
    }

    /// Decodes both halves from the same JSON object.
    package init(from decoder: any Decoder) throws {
        common = try CommonComponentFields(from: decoder)
        extra = try Extra(from: decoder)
    }

    /// Encodes both halves into the same JSON object.
    package func encode(to encoder: any Encoder) throws {
        try common.encode(to: encoder)
        try extra.encode(to: encoder)
    }

    /// Reads or writes a common field.
    package subscript<Value>(dynamicMember keyPath: WritableKeyPath<CommonComponentFields, Value>) -> Value {
        get { common[keyPath: keyPath] }
        set { common[keyPath: keyPath] = newValue }
    }

    /// Reads or writes a component-specific field.
    package subscript<Value>(dynamicMember keyPath: WritableKeyPath<Extra, Value>) -> Value {
        get { extra[keyPath: keyPath] }
        set { extra[keyPath: keyPath] = newValue }
    }

    /// Whether the component is enabled, given its default when `enabled` is absent.
    package func isEnabled(default defaultValue: Bool) -> Bool { common.enabled ?? defaultValue }
}

/// An environment variable as the ClusterPolicy spells it: a name and a literal value.
package struct EnvVarSpec: Codable, Sendable, Hashable {
    package var name: String
    package var value: String?

    /// Creates a variable.
    package init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// A list of environment variables for one validation check.
package struct EnvListSpec: Codable, Sendable, Hashable {
    package var env: [EnvVarSpec]?
}

/// A reference to a ConfigMap by name, as several sections use (`{name: ...}`).
package struct NamedConfigSpec: Codable, Sendable, Hashable {
    package var name: String?
}

/// A reference to a ConfigMap plus the key to use by default.
package struct NamedDefaultConfigSpec: Codable, Sendable, Hashable {
    package var name: String?
    package var `default`: String?
}
