import Foundation
import KubeModels

/// Helpers the component renderers share for working on template objects.
enum TemplateEditing {
    /// Decodes a template object as a typed model.
    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue) throws(RenderError) -> T {
        do {
            return try value.decode(as: T.self)
        } catch {
            throw RenderError(nil, "template \(value[path: ["metadata", "name"]]?.stringValue ?? "?") does not decode as \(T.self): \(error)")
        }
    }

    /// Encodes a typed model back to JSON.
    static func encode(_ value: some Encodable) throws(RenderError) -> JSONValue {
        do {
            return try JSONValue(encoding: value)
        } catch {
            throw RenderError(nil, "cannot encode \(type(of: value)): \(error)")
        }
    }

    /// Runs the shared DaemonSet pipeline around a component transform (reference §4.1): common config,
    /// host root, driver install dir, the component's own transform, then pod metadata.
    static func renderDaemonSet(
        _ value: JSONValue, _ context: RenderContext, _ transform: (inout DaemonSet) throws(RenderError) -> Void
    ) throws(RenderError) -> JSONValue {
        var ds = try decode(DaemonSet.self, value)
        guard ds.spec != nil else { throw RenderError(nil, "template DaemonSet \(ds.metadata.name ?? "?") has no spec") }
        try DaemonSetTransforms.applyCommonConfig(&ds, context)
        DaemonSetTransforms.applyHostRoot(&ds, context)
        try DaemonSetTransforms.applyDriverInstallDir(&ds, context)
        try transform(&ds)
        DaemonSetTransforms.applyPodMetadata(&ds, context)
        return try encode(ds)
    }

    /// Applies `transform` to each DaemonSet in `objects` (through ``renderDaemonSet(_:_:_:)``), keeping
    /// the other objects as they are.
    static func mapDaemonSets(
        _ objects: [JSONValue], _ context: RenderContext, _ transform: (inout DaemonSet) throws(RenderError) -> Void
    ) throws(RenderError) -> [JSONValue] {
        var out: [JSONValue] = []
        for object in objects {
            if object["kind"]?.stringValue == "DaemonSet" {
                out.append(try renderDaemonSet(object, context, transform))
            } else {
                out.append(object)
            }
        }
        return out
    }

    /// The object's kind and name, e.g. `ClusterRole/nvidia-dcgm-exporter-read-pods`.
    static func kindAndName(_ object: JSONValue) -> String {
        "\(object["kind"]?.stringValue ?? "")/\(object[path: ["metadata", "name"]]?.stringValue ?? "")"
    }
}
