import Foundation
import KubeModels
import Testing

/// The upstream-install fixture loads, holds upstream's DaemonSets with upstream's selectors, and puts
/// every namespaced object in `gpu-operator` with the placeholders filled.
@Suite("Upstream install fixture")
struct UpstreamInstallFixtureTests {
    static let uid = "0f7c5b8e-1a2b-4c3d-8e9f-a0b1c2d3e4f5"
    static let renewTime = "2026-12-06T18:00:00.000000Z"
    static let clusterScoped: Set<String> = ["ClusterRole", "ClusterRoleBinding", "RuntimeClass"]

    /// Upstream's default DaemonSets and their `spec.selector.matchLabels` (reference §1.2).
    static let selectors: [String: JSONValue] = [
        "nvidia-driver-daemonset": ["app": "nvidia-driver-daemonset"],
        "nvidia-container-toolkit-daemonset": ["app": "nvidia-container-toolkit-daemonset"],
        "nvidia-operator-validator": ["app": "nvidia-operator-validator", "app.kubernetes.io/part-of": "gpu-operator"],
        "nvidia-device-plugin-daemonset": ["app": "nvidia-device-plugin-daemonset"],
        "nvidia-device-plugin-mps-control-daemon": ["app": "nvidia-device-plugin-mps-control-daemon"],
        "nvidia-dcgm-exporter": ["app": "nvidia-dcgm-exporter"],
        "gpu-feature-discovery": ["app": "gpu-feature-discovery", "app.kubernetes.io/part-of": "nvidia-gpu"],
        "nvidia-mig-manager": ["app": "nvidia-mig-manager"],
    ]

    static func name(_ object: JSONValue) -> String { object[path: ["metadata", "name"]]?.stringValue ?? "?" }

    @Test("the fixture holds upstream's eight DaemonSets with upstream's selectors")
    func daemonSets() throws {
        let objects = try UpstreamInstallFixture.objects(clusterPolicyUID: Self.uid, renewTime: Self.renewTime)
        let daemonSets = objects.filter { $0["kind"]?.stringValue == "DaemonSet" }
        #expect(Set(daemonSets.map(Self.name)) == Set(Self.selectors.keys))
        for daemonSet in daemonSets {
            let selector = daemonSet[path: ["spec", "selector", "matchLabels"]]
            #expect(selector == Self.selectors[Self.name(daemonSet)], "\(Self.name(daemonSet))")
            let strategy = daemonSet[path: ["spec", "updateStrategy", "type"]]?.stringValue
            #expect(strategy == (Self.name(daemonSet) == "nvidia-driver-daemonset" ? "OnDelete" : "RollingUpdate"), "\(Self.name(daemonSet))")
            #expect(daemonSet[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]]?.stringValue == "gpu-operator")
            let templateLabels = daemonSet[path: ["spec", "template", "metadata", "labels"]]?.objectValue ?? [:]
            for (key, value) in selector?.objectValue ?? [:] {
                #expect(templateLabels[key] == value, "\(Self.name(daemonSet)): the template does not match the selector on \(key)")
            }
        }
    }

    @Test("every namespaced object is in gpu-operator, and every operand names cluster-policy as its owner")
    func namespacesAndOwners() throws {
        let objects = try UpstreamInstallFixture.objects(clusterPolicyUID: Self.uid, renewTime: Self.renewTime)
        #expect(objects.count > 60)
        let helmObjects = objects.filter { $0[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]]?.stringValue == "Helm" }
        #expect(
            Set(helmObjects.compactMap { $0["kind"]?.stringValue }) == [
                "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "Deployment",
            ])
        for object in objects {
            let kind = object["kind"]?.stringValue ?? "?"
            if !Self.clusterScoped.contains(kind) {
                #expect(object[path: ["metadata", "namespace"]]?.stringValue == "gpu-operator", "\(kind)/\(Self.name(object))")
            }
            let isOperand = kind != "Lease" && !helmObjects.contains(object)
            let owners = object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
            #expect(owners.map { $0["uid"]?.stringValue } == (isOperand ? [Self.uid] : []), "\(kind)/\(Self.name(object))")
        }
        let lease = try #require(objects.first { $0["kind"]?.stringValue == "Lease" })
        #expect(lease[path: ["spec", "renewTime"]]?.stringValue == Self.renewTime)
        #expect(Self.name(lease) == "53822513.nvidia.com")
    }
}
