import KubeModels

/// RuntimeClasses: the main one named by `operator.runtimeClass`, plus `nvidia-cdi` and
/// `nvidia-legacy` when CDI is enabled (reference §2.3).
enum PrerequisitesRender {
    static func render(_ objects: [JSONValue], _ context: RenderContext) throws(RenderError) -> [JSONValue] {
        var out: [JSONValue] = []
        for var object in objects {
            guard object["kind"]?.stringValue == "RuntimeClass" else {
                out.append(object)
                continue
            }
            let name = object[path: ["metadata", "name"]]?.stringValue
            if name == TemplateLibrary.placeholder {
                object["metadata"]?["name"] = .string(context.runtimeClassName)
                object["handler"] = .string(context.runtimeClassName)
            } else if !context.isCDIEnabled || name == context.runtimeClassName {
                continue
            }
            out.append(object)
        }
        return out
    }
}
