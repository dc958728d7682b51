import Foundation
import Testing

/// Issue 12, least privilege enforced: kube-sim authorizes the operator's service account against
/// config/default's RBAC (escalation prevention included), through the whole lifecycle.
extension EndToEnd {
    @Suite("End to end: least privilege")
    struct LeastPrivilegeTests {
        @Test(
            "as its service account with config/default's RBAC, the operator installs, updates, upgrades the driver, prunes and cleans up without one 403"
        )
        func lifecycleWithoutForbidden() async throws {
            let cluster = try await SimulatedCluster(gpuNodes: 2, cpuNodes: 1, extraArguments: ["--rbac"])
            var operators: [OperatorProcess] = []
            do {
                let run = try LeastPrivilegeRun.prepare(cluster)
                try cluster.resetStats()
                operators.append(try run.startOperator())
                let refused = try await run.lifecycle(stopAtFirstRefusal: false)
                #expect(refused == nil, "the server refused the operator something during '\(refused ?? "")'")
                #expect(!operators[0].process.stderr.lowercased().contains("forbidden"))
                await cluster.stop(operators)
            } catch {
                let logs = operators.map { $0.process.stderr.suffix(4000) }.joined(separator: "\n")
                await cluster.stop(operators)
                throw TestFailure("\(error)\n--- operator log (tail) ---\n\(logs)")
            }
        }

        @Test("kube-sim refuses the service account what its RBAC does not grant, and Roles granting more than it holds")
        func refusals() async throws {
            let cluster = try await SimulatedCluster(gpuNodes: 1, cpuNodes: 0, extraArguments: ["--rbac"])
            defer { Task { await cluster.stop() } }
            let run = try LeastPrivilegeRun.prepare(cluster)
            let secrets = try cluster.kubectl(["--kubeconfig", run.kubeconfig, "get", "secrets", "-A"], check: false)
            #expect(secrets.status != 0)
            #expect(secrets.stderr.contains(#"User "system:serviceaccount:gpu-operator:gpu-operator" cannot list resource "secrets""#))
            let escalation = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: escalation}
                rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
                """
            let refused = try cluster.kubectl(["--kubeconfig", run.kubeconfig, "apply", "--server-side", "-f", "-"], stdin: escalation, check: false)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("attempting to grant RBAC permissions not currently held"))
            #expect(try cluster.kubectl(["apply", "--server-side", "-f", "-"], stdin: escalation).status == 0, "the admin may")
        }
    }
}

extension EndToEnd.LeastPrivilegeTests {
    /// Rules no kube-sim lifecycle can need, with why they stay.
    static let unexercised: [String: String] = [
        "security.openshift.io": "OpenShift only: the operand pods' SecurityContextConstraints, which kube-sim does not have"
    ]

    @Test("every rule of config/rbac is needed: without it, the server refuses the operator something during the lifecycle")
    func everyRuleIsNeeded() async throws {
        for file in ["cluster_role.yaml", "role.yaml"] {
            let path = SimulatedCluster.root.appendingPathComponent("config/rbac/\(file)").path
            let probe = try await SimulatedCluster(gpuNodes: 0, cpuNodes: 0)
            let json = try probe.kubectl(["create", "--dry-run=client", "-o", "json", "-f", path]).stdout
            await probe.stop()
            let role = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let rules = try #require(role["rules"] as? [[String: Any]])
            for index in rules.indices {
                let groups = (rules[index]["apiGroups"] as? [String] ?? []).joined(separator: ",")
                let described =
                    "\(file) rule \(index + 1): apiGroups [\(groups)] resources \(rules[index]["resources"] ?? []) verbs \(rules[index]["verbs"] ?? [])"
                // Rules listed in `unexercised` stay, for the reason given there.
                if Self.unexercised.keys.contains(where: groups.contains) { continue }
                var reduced = role
                reduced["rules"] = rules.enumerated().filter { $0.offset != index }.map(\.element)
                let refusedIn = try await Self.lifecycle(withRole: reduced)
                #expect(refusedIn != nil, "\(described) is not needed: the whole lifecycle ran without it")
                // The evidence docs/RELIABILITY.md tabulates.
                print("rule needed: \(described) → refused during '\(refusedIn ?? "-")'")
            }
        }
    }

    /// One lifecycle against a fresh kube-sim whose operator Role or ClusterRole is `role`.
    /// - Returns: the phase in which the server first refused the operator, `nil` if never.
    static func lifecycle(withRole role: [String: Any]) async throws -> String? {
        let cluster = try await SimulatedCluster(gpuNodes: 1, cpuNodes: 0, extraArguments: ["--rbac"])
        var operators: [OperatorProcess] = []
        do {
            let run = try LeastPrivilegeRun.prepare(cluster)
            let body = String(decoding: try JSONSerialization.data(withJSONObject: role), as: UTF8.self)
            try cluster.kubectl(["replace", "-f", "-"], stdin: body)
            try cluster.resetStats()
            operators.append(try run.startOperator())
            let refused = try await run.lifecycle(stopAtFirstRefusal: true, timeout: .seconds(20))
            await cluster.stop(operators)
            return refused
        } catch {
            // A phase that cannot complete without the rule is a refusal too, if the server refused anything.
            let refusedAnything = (try? LeastPrivilegeRun(cluster: cluster, kubeconfig: cluster.kubeconfig).forbidden()) ?? 0
            await cluster.stop(operators)
            if refusedAnything > 0 { return "before the timeout" }
            throw error
        }
    }
}
