import KubeModels

/// The embedded operand templates, parsed once per process and grouped by component.
package enum TemplateLibrary {
    /// One template file: its path under `Templates/` and its single object.
    package struct Template: Sendable {
        package var path: String
        package var value: JSONValue
    }

    /// The placeholder the renderer replaces (namespace, images, runtime class).
    package static let placeholder = "FILLED_BY_OPERATOR"

    private static let parsed: Result<[Component: [Template]], RenderError> = {
        var byComponent: [Component: [Template]] = [:]
        for file in EmbeddedTemplates.files.sorted(by: { $0.path < $1.path }) {
            let folder = String(file.path.prefix { $0 != "/" })
            guard let component = Component(rawValue: folder) else {
                return .failure(RenderError(nil, "template \(file.path) is in no known component folder"))
            }
            do {
                // The JSON form is generated from the reviewed YAML (a test keeps them equal); it parses
                // an order of magnitude faster than YAML at start-up.
                let value = try JSONValue(parsingUTF8: Array(file.json.utf8))
                byComponent[component, default: []].append(Template(path: file.path, value: value))
            } catch {
                return .failure(RenderError(nil, "template \(file.path): \(error)"))
            }
        }
        return .success(byComponent)
    }()

    /// The templates of a component, in file-name order.
    /// - Throws: ``RenderError`` if an embedded template is malformed (a build defect caught by tests).
    package static func templates(for component: Component) throws(RenderError) -> [Template] {
        try parsed.get()[component] ?? []
    }
}
