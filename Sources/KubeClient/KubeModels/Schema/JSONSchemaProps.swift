/// An OpenAPI v3 schema as a CustomResourceDefinition carries it (`apiextensions.k8s.io/v1`
/// `JSONSchemaProps`), including the Kubernetes `x-kubernetes-*` extensions we rely on.
///
/// Only the keywords a structural schema may use are modelled; CEL rules
/// (`x-kubernetes-validations`) are kept verbatim but not evaluated.
package struct JSONSchemaProps: Sendable, Hashable {
    package var type: String?
    package var format: String?
    package var description: String?
    package var properties: [String: JSONSchemaProps]?
    package var required: [String]?
    package var items: JSONSchemaProps? {
        get { itemsBox?.value }
        set { itemsBox = newValue.map(Box.init) }
    }
    package var additionalProperties: JSONSchemaProps? {
        get { additionalPropertiesBox?.value }
        set { additionalPropertiesBox = newValue.map(Box.init) }
    }
    package var enumValues: [JSONValue]?
    package var defaultValue: JSONValue?
    package var pattern: String?
    package var minimum: Double?
    package var maximum: Double?
    package var minLength: Int?
    package var maxLength: Int?
    package var minItems: Int?
    package var maxItems: Int?
    package var nullable: Bool?
    package var preserveUnknownFields: Bool?
    package var intOrString: Bool?
    package var embeddedResource: Bool?
    package var listType: String?
    package var listMapKeys: [String]?
    package var mapType: String?
    package var anyOf: [JSONSchemaProps]?
    package var validations: JSONValue?

    private var itemsBox: Box?
    private var additionalPropertiesBox: Box?

    /// Creates a schema of the given type.
    package init(type: String? = nil, description: String? = nil) {
        self.type = type
        self.description = description
    }

    /// Reference-typed storage that breaks the recursion of `items` / `additionalProperties`.
    private final class Box: Sendable, Hashable {
        let value: JSONSchemaProps
        init(_ value: JSONSchemaProps) { self.value = value }
        static func == (lhs: Box, rhs: Box) -> Bool { lhs.value == rhs.value }
        func hash(into hasher: inout Hasher) { hasher.combine(value) }
    }
}

extension JSONSchemaProps: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, format, description, properties, required, items, additionalProperties
        case enumValues = "enum"
        case defaultValue = "default"
        case pattern, minimum, maximum, minLength, maxLength, minItems, maxItems, nullable, anyOf
        case preserveUnknownFields = "x-kubernetes-preserve-unknown-fields"
        case intOrString = "x-kubernetes-int-or-string"
        case embeddedResource = "x-kubernetes-embedded-resource"
        case listType = "x-kubernetes-list-type"
        case listMapKeys = "x-kubernetes-list-map-keys"
        case mapType = "x-kubernetes-map-type"
        case validations = "x-kubernetes-validations"
    }

    /// Decodes a schema; `additionalProperties: true` is read as "any value".
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        format = try c.decodeIfPresent(String.self, forKey: .format)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        properties = try c.decodeIfPresent([String: JSONSchemaProps].self, forKey: .properties)
        required = try c.decodeIfPresent([String].self, forKey: .required)
        items = try c.decodeIfPresent(JSONSchemaProps.self, forKey: .items)
        if let flag = try? c.decodeIfPresent(Bool.self, forKey: .additionalProperties) {
            additionalProperties = flag ? JSONSchemaProps(preserveUnknown: true) : nil
        } else {
            additionalProperties = try c.decodeIfPresent(JSONSchemaProps.self, forKey: .additionalProperties)
        }
        enumValues = try c.decodeIfPresent([JSONValue].self, forKey: .enumValues)
        defaultValue = try c.decodeIfPresent(JSONValue.self, forKey: .defaultValue)
        pattern = try c.decodeIfPresent(String.self, forKey: .pattern)
        minimum = try c.decodeIfPresent(Double.self, forKey: .minimum)
        maximum = try c.decodeIfPresent(Double.self, forKey: .maximum)
        minLength = try c.decodeIfPresent(Int.self, forKey: .minLength)
        maxLength = try c.decodeIfPresent(Int.self, forKey: .maxLength)
        minItems = try c.decodeIfPresent(Int.self, forKey: .minItems)
        maxItems = try c.decodeIfPresent(Int.self, forKey: .maxItems)
        nullable = try c.decodeIfPresent(Bool.self, forKey: .nullable)
        anyOf = try c.decodeIfPresent([JSONSchemaProps].self, forKey: .anyOf)
        preserveUnknownFields = try c.decodeIfPresent(Bool.self, forKey: .preserveUnknownFields)
        intOrString = try c.decodeIfPresent(Bool.self, forKey: .intOrString)
        embeddedResource = try c.decodeIfPresent(Bool.self, forKey: .embeddedResource)
        listType = try c.decodeIfPresent(String.self, forKey: .listType)
        listMapKeys = try c.decodeIfPresent([String].self, forKey: .listMapKeys)
        mapType = try c.decodeIfPresent(String.self, forKey: .mapType)
        validations = try c.decodeIfPresent(JSONValue.self, forKey: .validations)
    }

    /// Encodes the schema, omitting unset keywords.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encodeIfPresent(format, forKey: .format)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(properties, forKey: .properties)
        try c.encodeIfPresent(required, forKey: .required)
        try c.encodeIfPresent(items, forKey: .items)
        try c.encodeIfPresent(additionalProperties, forKey: .additionalProperties)
        try c.encodeIfPresent(enumValues, forKey: .enumValues)
        try c.encodeIfPresent(defaultValue, forKey: .defaultValue)
        try c.encodeIfPresent(pattern, forKey: .pattern)
        try c.encodeIfPresent(minimum, forKey: .minimum)
        try c.encodeIfPresent(maximum, forKey: .maximum)
        try c.encodeIfPresent(minLength, forKey: .minLength)
        try c.encodeIfPresent(maxLength, forKey: .maxLength)
        try c.encodeIfPresent(minItems, forKey: .minItems)
        try c.encodeIfPresent(maxItems, forKey: .maxItems)
        try c.encodeIfPresent(nullable, forKey: .nullable)
        try c.encodeIfPresent(anyOf, forKey: .anyOf)
        try c.encodeIfPresent(preserveUnknownFields, forKey: .preserveUnknownFields)
        try c.encodeIfPresent(intOrString, forKey: .intOrString)
        try c.encodeIfPresent(embeddedResource, forKey: .embeddedResource)
        try c.encodeIfPresent(listType, forKey: .listType)
        try c.encodeIfPresent(listMapKeys, forKey: .listMapKeys)
        try c.encodeIfPresent(mapType, forKey: .mapType)
        try c.encodeIfPresent(validations, forKey: .validations)
    }

    /// A schema that accepts any value and keeps unknown fields.
    package init(preserveUnknown: Bool) {
        self.preserveUnknownFields = preserveUnknown
    }
}
