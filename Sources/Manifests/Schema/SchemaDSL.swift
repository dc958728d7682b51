import KubeModels

/// Small constructors that keep the ClusterPolicy schema readable: one line per field.
extension JSONSchemaProps {
    /// An object with these properties.
    static func object(
        _ description: String, _ properties: [String: JSONSchemaProps], required: [String]? = nil,
        default defaultValue: JSONValue? = nil
    ) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "object", description: description)
        schema.properties = properties
        schema.required = required
        schema.defaultValue = defaultValue
        return schema
    }

    /// A string, optionally enumerated, defaulted or constrained by a pattern.
    static func string(
        _ description: String, enum values: [String]? = nil, default defaultValue: String? = nil, pattern: String? = nil
    ) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "string", description: description)
        schema.enumValues = values?.map { .string($0) }
        schema.defaultValue = defaultValue.map { .string($0) }
        schema.pattern = pattern
        return schema
    }

    /// A boolean, optionally defaulted.
    static func bool(_ description: String, default defaultValue: Bool? = nil) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "boolean", description: description)
        schema.defaultValue = defaultValue.map { .bool($0) }
        return schema
    }

    /// An integer, optionally defaulted and bounded.
    static func integer(
        _ description: String, format: String? = "int32", default defaultValue: Int64? = nil, minimum: Double? = nil,
        maximum: Double? = nil
    ) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "integer", description: description)
        schema.format = format
        schema.defaultValue = defaultValue.map { .int($0) }
        schema.minimum = minimum
        schema.maximum = maximum
        return schema
    }

    /// This schema with a maximum length (strings).
    func limited(to maxLength: Int) -> JSONSchemaProps {
        var schema = self
        schema.maxLength = maxLength
        return schema
    }

    /// A map of strings to strings, optionally with each value constrained.
    static func stringMap(_ description: String, values: JSONSchemaProps = JSONSchemaProps(type: "string")) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "object", description: description)
        schema.additionalProperties = values
        return schema
    }

    /// A list of items of one schema.
    static func array(_ description: String, of items: JSONSchemaProps) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "array", description: description)
        schema.items = items
        return schema
    }

    /// A list of strings.
    static func stringArray(_ description: String) -> JSONSchemaProps {
        array(description, of: JSONSchemaProps(type: "string"))
    }

    /// An integer or a string (`x-kubernetes-int-or-string`), optionally defaulted and patterned.
    static func intOrString(_ description: String, default defaultValue: JSONValue? = nil, pattern: String? = nil) -> JSONSchemaProps {
        var schema = JSONSchemaProps(description: description)
        schema.anyOf = [JSONSchemaProps(type: "integer"), JSONSchemaProps(type: "string")]
        schema.intOrString = true
        schema.defaultValue = defaultValue
        schema.pattern = pattern
        return schema
    }

    /// An object whose content is kept as given (no schema below this point).
    static func openObject(_ description: String) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "object", description: description)
        schema.preserveUnknownFields = true
        return schema
    }

    /// This schema with more properties merged in (later keys win).
    func adding(_ more: [String: JSONSchemaProps]) -> JSONSchemaProps {
        var schema = self
        schema.properties = (properties ?? [:]).merging(more) { _, new in new }
        return schema
    }
}
