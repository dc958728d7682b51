import Foundation
import KubeModels
import Manifests
import Testing

/// The kustomize install bundle builds, and the operator's RBAC covers everything the RBAC it creates
/// grants (Kubernetes refuses to let it create Roles granting rights it lacks: escalation prevention).
@Suite("Install bundle")
struct InstallBundleTests {
    /// One rule flattened to (group, resource, verb, resourceName?).
    struct Grant: Hashable {
        var group: String
        var resource: String
        var verb: String
        var resourceName: String?
    }

    static func grants(_ rules: [PolicyRule]) -> [Grant] {
        var grants: [Grant] = []
        for rule in rules {
            let names: [String?] = rule.resourceNames ?? [nil]
            for group in rule.apiGroups ?? [""] {
                for resource in rule.resources ?? [] {
                    for verb in rule.verbs {
                        for name in names { grants.append(Grant(group: group, resource: resource, verb: verb, resourceName: name)) }
                    }
                }
            }
        }
        return grants
    }

    static func covered(_ grant: Grant, by held: [Grant]) -> Bool {
        held.contains { have in
            (have.group == grant.group || have.group == "*") && (have.resource == grant.resource || have.resource == "*")
                && (have.verb == grant.verb || have.verb == "*") && (have.resourceName == nil || have.resourceName == grant.resourceName)
        }
    }

    static func operatorRules(_ file: String) throws -> [PolicyRule] {
        let text = try String(contentsOf: OperatorBinary.root.appendingPathComponent(file), encoding: .utf8)
        let document = try #require(try YAMLReader.documents(in: text, file: file).first)
        return try document.value.decode(as: ClusterRole.self).rules ?? []
    }

    @Test(
        "the operator holds every right the operand Roles and ClusterRoles grant", arguments: ["clusterpolicy", "dcgm-standalone", "upstream-full"])
    func noEscalation(sample: String) throws {
        let text = try String(contentsOf: OperatorBinary.root.appendingPathComponent("samples/\(sample).yaml"), encoding: .utf8)
        var policy = try ClusterPolicyLoader.load(text, file: sample).policy
        policy.spec.dcgmExporter.enablePodLabels = true
        let result = try Renderer.render(policy, facts: ClusterFacts())
        let clusterWide = Self.grants(try Self.operatorRules("config/rbac/cluster_role.yaml"))
        let inNamespace = clusterWide + Self.grants(try Self.operatorRules("config/rbac/role.yaml"))
        for object in result.objects where object.resourceType == .roles || object.resourceType == .clusterRoles {
            let rules = try object.body.decode(as: ClusterRole.self).rules ?? []
            let held = object.resourceType == .clusterRoles ? clusterWide : inNamespace
            for grant in Self.grants(rules) {
                #expect(Self.covered(grant, by: held), "\(object.reference) grants \(grant) which the operator does not hold")
            }
        }
    }

    @Test("the operator may write every kind it renders and read what it watches")
    func operatorCanApplyEveryKind() throws {
        let held = Self.grants(try Self.operatorRules("config/rbac/cluster_role.yaml")) + Self.grants(try Self.operatorRules("config/rbac/role.yaml"))
        let result = try Renderer.render(
            ClusterPolicy(metadata: ObjectMeta(name: "all")),
            facts: {
                var facts = ClusterFacts()
                facts.serviceMonitorCRD = true
                return facts
            }())
        for type in Set(result.objects.map(\.resourceType)) {
            for verb in ["get", "list", "watch", "patch"] where !(type == .namespaces && verb == "list") {
                #expect(Self.covered(Grant(group: type.group, resource: type.plural, verb: verb), by: held), "cannot \(verb) \(type)")
            }
            if type != .namespaces {
                #expect(Self.covered(Grant(group: type.group, resource: type.plural, verb: "delete"), by: held), "cannot delete \(type)")
            }
        }
        for (group, resource, verb) in [
            ("", "nodes", "patch"), ("", "pods", "list"), ("nvidia.com", "clusterpolicies/status", "patch"),
            ("apiextensions.k8s.io", "customresourcedefinitions", "create"), ("coordination.k8s.io", "leases", "update"),
            ("", "events", "create"),
        ] {
            #expect(Self.covered(Grant(group: group, resource: resource, verb: verb), by: held), "cannot \(verb) \(resource)")
        }
    }

    @Test("kubectl kustomize config/default builds namespace, CRD, RBAC and Deployment")
    func kustomizeBuilds() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["kubectl", "kustomize", OperatorBinary.root.appendingPathComponent("config/default").path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let kinds = try YAMLReader.documents(in: text, file: "kustomize").compactMap { $0.value["kind"]?.stringValue }
        #expect(
            Set(kinds) == [
                "Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment",
            ])
    }
}
