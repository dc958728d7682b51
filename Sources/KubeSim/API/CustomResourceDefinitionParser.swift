import KubeModels

/// Reads an `apiextensions.k8s.io/v1` CustomResourceDefinition into the resources it serves,
/// rejecting definitions the real API server would reject (with the same 422 shape).
package enum CustomResourceDefinitionParser {
    /// The resources (one per served version) a CRD defines.
    /// - Parameter crd: the CRD object.
    /// - Throws: ``APIError`` 422 listing every problem found.
    package static func resources(from crd: JSONValue) throws(APIError) -> [APIResource] {
        let name = crd["metadata"]?["name"]?.stringValue ?? ""
        let spec = crd["spec"] ?? .object([:])
        let group = spec["group"]?.stringValue ?? ""
        let names = spec["names"] ?? .object([:])
        let plural = names["plural"]?.stringValue ?? ""
        let kind = names["kind"]?.stringValue ?? ""
        let scope = spec["scope"]?.stringValue ?? ""
        var causes: [StatusCause] = []
        func require(_ condition: Bool, _ field: String, _ reason: String, _ message: String) {
            if !condition { causes.append(StatusCause(reason: reason, message: message, field: field)) }
        }
        require(!group.isEmpty, "spec.group", "FieldValueRequired", "Required value")
        require(
            group.isEmpty || group.contains("."), "spec.group", "FieldValueInvalid",
            "Invalid value: \"\(group)\": should be a domain with at least one dot")
        require(!plural.isEmpty, "spec.names.plural", "FieldValueRequired", "Required value")
        require(!kind.isEmpty, "spec.names.kind", "FieldValueRequired", "Required value")
        require(
            scope == "Namespaced" || scope == "Cluster", "spec.scope", "FieldValueNotSupported",
            "Unsupported value: \"\(scope)\": supported values: \"Cluster\", \"Namespaced\"")
        require(
            name == "\(plural).\(group)", "metadata.name", "FieldValueInvalid",
            "Invalid value: \"\(name)\": must be spec.names.plural+\".\"+spec.group")
        let versions = spec["versions"]?.arrayValue ?? []
        require(
            !versions.isEmpty, "spec.versions", "FieldValueInvalid", "Invalid value: null: must have exactly one version marked as storage version")
        let storageCount = versions.filter { $0["storage"]?.boolValue == true }.count
        require(
            versions.isEmpty || storageCount == 1, "spec.versions", "FieldValueInvalid",
            "Invalid value: \(storageCount): must have exactly one version marked as storage version")

        var resources: [APIResource] = []
        for (position, version) in versions.enumerated() {
            let versionName = version["name"]?.stringValue ?? ""
            require(!versionName.isEmpty, "spec.versions[\(position)].name", "FieldValueRequired", "Required value")
            guard version["served"]?.boolValue ?? false else { continue }
            var schema: JSONSchemaProps?
            if let schemaValue = version["schema"]?["openAPIV3Schema"] {
                do {
                    schema = try schemaValue.decode(as: JSONSchemaProps.self)
                } catch {
                    causes.append(
                        StatusCause(
                            reason: "FieldValueInvalid", message: "Invalid value: \(error)",
                            field: "spec.versions[\(position)].schema.openAPIV3Schema"))
                }
            } else {
                causes.append(
                    StatusCause(
                        reason: "FieldValueRequired", message: "Required value: schemas are required",
                        field: "spec.versions[\(position)].schema.openAPIV3Schema"))
            }
            var resource = APIResource(
                type: ResourceType(group: group, version: versionName, plural: plural, kind: kind, isNamespaced: scope == "Namespaced"),
                singularName: names["singular"]?.stringValue ?? kind.lowercased())
            resource.shortNames = names["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
            resource.categories = names["categories"]?.arrayValue?.compactMap(\.stringValue) ?? []
            resource.hasStatusSubresource = version["subresources"]?["status"] != nil
            resource.hasGeneration = true
            resource.allowsUnconditionalUpdate = false
            resource.returnsDeletedObject = true
            resource.isCustom = true
            resource.definitionName = name
            resource.schema = schema
            resource.selectableFields = (version["selectableFields"]?.arrayValue ?? []).compactMap {
                $0["jsonPath"]?.stringValue.map { String($0.drop(while: { $0 == "." })) }
            }
            resource.printer = printer(for: version)
            resources.append(resource)
        }
        if !causes.isEmpty {
            throw APIError.invalid(kind: "CustomResourceDefinition", group: "apiextensions.k8s.io", name: name, causes: causes)
        }
        return resources
    }

    private static func printer(for version: JSONValue) -> TablePrinterKind {
        guard let columns = version["additionalPrinterColumns"]?.arrayValue, !columns.isEmpty else {
            return .columns([PrinterColumn(name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp")])
        }
        return .columns(
            columns.compactMap { column in
                guard let name = column["name"]?.stringValue, let path = column["jsonPath"]?.stringValue else { return nil }
                return PrinterColumn(
                    name: name, type: column["type"]?.stringValue ?? "string", format: column["format"]?.stringValue ?? "",
                    jsonPath: path, priority: Int(column["priority"]?.intValue ?? 0),
                    description: column["description"]?.stringValue ?? "")
            })
    }
}
