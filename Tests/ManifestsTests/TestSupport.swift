import KubeModels
import Testing

@testable import Manifests

// Shared helpers of the Manifests tests: building policies and facts, rendering, and reading rendered
// DaemonSets, containers, env and volumes back as typed models.

/// A helper could not find what a test expected in the rendered output.
struct Missing: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A ClusterPolicy named `cluster-policy` whose spec starts empty (code defaults only) and is then edited.
func policy(_ mutate: (inout ClusterPolicySpec) -> Void = { _ in }) -> ClusterPolicy {
    var spec = ClusterPolicySpec()
    mutate(&spec)
    return ClusterPolicy(metadata: ObjectMeta(name: "cluster-policy"), spec: spec)
}

/// The default facts (containerd, ubuntu22.04, one kernel, no ServiceMonitor CRD), then edited.
func facts(_ mutate: (inout ClusterFacts) -> Void = { _ in }) -> ClusterFacts {
    var facts = ClusterFacts()
    mutate(&facts)
    return facts
}

/// Renders the edited policy and returns every object.
func render(_ mutate: (inout ClusterPolicySpec) -> Void = { _ in }, facts: ClusterFacts = ClusterFacts()) throws -> [RenderedObject] {
    try Renderer.render(policy(mutate), facts: facts).objects
}

/// The error rendering the edited policy fails with, or `nil` when it renders.
func renderError(_ mutate: (inout ClusterPolicySpec) -> Void, facts: ClusterFacts = ClusterFacts()) -> RenderError? {
    do {
        _ = try Renderer.render(policy(mutate), facts: facts)
        return nil
    } catch {
        return error
    }
}

/// Loads a ClusterPolicy from YAML text; the file name in messages is `cp.yaml`.
func load(_ yaml: String, strict: Bool = false) throws(PolicyLoadError) -> ClusterPolicyLoader.Loaded {
    try ClusterPolicyLoader.load(yaml, file: "cp.yaml", strict: strict)
}

/// The diagnostics loading `yaml` fails with; empty when it loads.
func loadErrors(_ yaml: String, strict: Bool = false) -> [PolicyDiagnostic] {
    do {
        _ = try load(yaml, strict: strict)
        return []
    } catch {
        return error.diagnostics
    }
}

extension Array where Element == RenderedObject {
    /// Names of the rendered DaemonSets, in apply order.
    var daemonSetNames: [String] { filter { $0.resourceType == .daemonSets }.map(\.name) }

    /// The rendered object of `kind` named `name`, if any.
    func object(kind: String, named name: String) -> RenderedObject? {
        first { $0.resourceType.kind == kind && $0.name == name }
    }

    /// Every rendered object of `kind`.
    func objects(kind: String) -> [RenderedObject] { filter { $0.resourceType.kind == kind } }

    /// The rendered DaemonSet named `name`, decoded.
    func daemonSet(named name: String) throws -> DaemonSet {
        guard let object = object(kind: "DaemonSet", named: name) else {
            throw Missing("no DaemonSet \(name); rendered: \(daemonSetNames)")
        }
        return try object.body.decode(as: DaemonSet.self)
    }

    /// Every rendered DaemonSet, decoded.
    func daemonSets() throws -> [DaemonSet] {
        try objects(kind: "DaemonSet").map { try $0.body.decode(as: DaemonSet.self) }
    }
}

extension DaemonSet {
    /// The pod spec of the template (an empty pod when the DaemonSet has no spec).
    var pod: PodSpec { spec?.template.spec ?? PodSpec(containers: []) }

    /// The pod template's labels.
    var podLabels: [String: String] { spec?.template.metadata?.labels ?? [:] }

    /// The main or init container named `name`.
    func container(_ name: String) throws -> Container {
        if let container = pod.containers.first(where: { $0.name == name }) { return container }
        if let container = pod.initContainers?.first(where: { $0.name == name }) { return container }
        throw Missing("DaemonSet \(metadata.name ?? "?") has no container \(name); has \(containerNames)")
    }

    /// Names of the init containers then the main containers.
    var containerNames: [String] { (pod.initContainers ?? []).map(\.name) + pod.containers.map(\.name) }

    /// Names of the init containers.
    var initContainerNames: [String] { (pod.initContainers ?? []).map(\.name) }

    /// The volume named `name`.
    func volume(_ name: String) throws -> Volume {
        guard let volume = pod.volumes?.first(where: { $0.name == name }) else {
            throw Missing("DaemonSet \(metadata.name ?? "?") has no volume \(name); has \(volumeNames)")
        }
        return volume
    }

    /// Names of the pod's volumes.
    var volumeNames: [String] { (pod.volumes ?? []).map(\.name) }
}

extension Container {
    /// The env as `NAME=value` lines in order; references print as `NAME=<fieldRef:path>` and the like.
    var envLines: [String] {
        (env ?? []).map { variable in
            if let value = variable.value { return "\(variable.name)=\(value)" }
            if let field = variable.valueFrom?.fieldRef { return "\(variable.name)=<fieldRef:\(field.fieldPath)>" }
            return "\(variable.name)=<reference>"
        }
    }

    /// The names of the env variables, in order.
    var envNames: [String] { (env ?? []).map(\.name) }

    /// The literal value of `name`, or `nil` when it is not set.
    func env(_ name: String) -> String? { env?.first { $0.name == name }?.value }

    /// The mounts of the volume named `name`.
    func mounts(of name: String) -> [VolumeMount] { (volumeMounts ?? []).filter { $0.name == name } }
}

/// Env lines of `container` in `daemonSet`: shorthand for `try ds.container(name).envLines`.
func env(of container: String, in daemonSet: DaemonSet) throws -> [String] {
    try daemonSet.container(container).envLines
}

/// DaemonSet names of the enabled operands, for readability in tests.
enum DS {
    static let driver = "nvidia-driver-daemonset"
    static let toolkit = "nvidia-container-toolkit-daemonset"
    static let validator = "nvidia-operator-validator"
    static let devicePlugin = "nvidia-device-plugin-daemonset"
    static let mpsControlDaemon = "nvidia-device-plugin-mps-control-daemon"
    static let dcgm = "nvidia-dcgm"
    static let dcgmExporter = "nvidia-dcgm-exporter"
    static let gfd = "gpu-feature-discovery"
    static let migManager = "nvidia-mig-manager"
}
