import KubeModels

/// The DaemonSet template generation the API server keeps (`pkg/registry/apps/daemonset/strategy.go`
/// and the `apps/v1` conversion in `pkg/apis/apps/v1/conversion.go`): the internal
/// `spec.templateGeneration` is exposed in `apps/v1` as the annotation
/// `deprecated.daemonset.template.generation`. A create takes the value the client sent when it is
/// at least 1 (else 1); an update keeps the stored value and adds one when `spec.template` changed.
extension BuiltinLifecycle {
    /// The annotation carrying a DaemonSet's template generation.
    package static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

    /// Sets the template generation of a new DaemonSet.
    static func prepareDaemonSetForCreate(_ object: inout JSONValue) {
        let sent = object["metadata"]?["annotations"]?[templateGenerationAnnotation]?.stringValue.flatMap { Int64($0) } ?? 0
        setTemplateGeneration(max(sent, 1), on: &object)
    }

    /// Carries the template generation over an update, one higher when the (defaulted) template
    /// changed.
    static func prepareDaemonSetForUpdate(_ object: inout JSONValue, old: JSONValue) {
        let stored = old["metadata"]?["annotations"]?[templateGenerationAnnotation]?.stringValue.flatMap { Int64($0) } ?? 1
        var defaulted = object
        BuiltinDefaults.apply(kind: "DaemonSet", to: &defaulted)
        let changed = defaulted["spec"]?["template"] != old["spec"]?["template"]
        setTemplateGeneration(changed ? stored + 1 : stored, on: &object)
    }

    private static func setTemplateGeneration(_ generation: Int64, on object: inout JSONValue) {
        object.set(["metadata", "annotations", templateGenerationAnnotation], to: .string(String(generation)))
    }
}
