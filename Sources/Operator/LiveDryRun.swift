import ArgumentParser
import Foundation
import KubeClient
import KubeModels
import Logging
import Manifests
import Reconcilers

/// `--dry-run` against a live cluster: reads the facts from it (GET and LIST only, never a write),
/// renders the policy, and compares with what the operator owns there. `--diff` prints a unified diff
/// per changed object, `--plan` what would happen on each node. Exit status as `diff`'s: 0 no
/// changes, 1 error, 2 changes.
struct LiveDryRun {
    var kubeconfig: String?
    var context: String?
    var facts: ClusterFacts
    var showDiff: Bool
    var showPlan: Bool
    var output: RenderOutput.Format
    var logger: Logger

    /// Exit status 2: changes found.
    static let changesFound = ExitCode(2)

    /// Runs the comparison and prints the result.
    /// - Throws: `ExitCode.failure` after printing what went wrong; ``changesFound`` when a diff or
    ///   plan found changes.
    func run(_ loaded: ClusterPolicyLoader.Loaded, file: String) async throws {
        let client: KubeClient
        do {
            client = try KubeClient.infer(kubeconfigPath: kubeconfig, context: context, logger: logger)
        } catch {
            StandardError.line("cannot configure the Kubernetes client: \(error)")
            throw ExitCode.failure
        }
        let state: LiveState
        do {
            state = try await LiveState.read(client, policy: loaded.policy, facts: facts)
        } catch {
            StandardError.line("cannot read the cluster (read-only dry run): \(error)")
            throw ExitCode.failure
        }
        let result = try DryRun.render(loaded, facts: state.facts.facts, file: file)
        guard showDiff || showPlan else {
            StandardOutput.write(try RenderOutput.format(result, as: output))
            return
        }
        let changes: [ObjectChange]
        do {
            let live = try await state.liveObjects(client, rendered: result.objects)
            changes = try ObjectChanges.compute(rendered: result.objects, live: live.rendered, deletions: live.prunable)
        } catch {
            StandardError.line("cannot compare with the cluster: \(error)")
            throw ExitCode.failure
        }
        let plans = NodePlanner.plan(changes: changes, spec: loaded.policy.spec, cluster: state.cluster)
        if showDiff { StandardOutput.write(changes.map(\.diff).joined()) }
        if showPlan { StandardOutput.write(Self.describe(plans, changes: changes)) }
        if !changes.isEmpty || plans.contains(where: { !$0.actions.isEmpty }) { throw Self.changesFound }
    }

    /// The plan as text: a summary line, then each node with its actions (or "no change").
    static func describe(_ plans: [NodePlan], changes: [ObjectChange]) -> String {
        var lines: [String] = []
        let counts = [ObjectChange.Action.create, .update, .delete].map { action in
            "\(changes.filter { $0.action == action }.count) to \(action.rawValue)"
        }
        lines.append("Objects: \(counts.joined(separator: ", "))")
        for change in changes { lines.append("  \(change.action.rawValue) \(change.identity)") }
        lines.append("Nodes: \(plans.filter { !$0.actions.isEmpty }.count) of \(plans.count) affected")
        for plan in plans {
            lines.append("  \(plan.node): \(plan.actions.isEmpty ? "no change" : "")")
            for action in plan.actions { lines.append("    - \(action)") }
        }
        return lines.map { $0.hasSuffix(": ") ? String($0.dropLast()) : $0 }.joined(separator: "\n") + "\n"
    }
}

/// What the live dry run reads from the cluster, with read requests only.
struct LiveState {
    var facts: ClusterFactsBuilder.Result
    var cluster: NodePlanner.Cluster

    /// The objects the comparison needs.
    struct Objects {
        /// The live object of each rendered identity that exists.
        var rendered: [ObjectIdentity: JSONValue]
        /// Objects the operator applied and the policy no longer renders (an apply would delete them).
        var prunable: [ObjectIdentity: JSONValue]
    }

    /// Reads nodes, pods, the server version, the ServiceMonitor CRD, the operator's image
    /// environment and the ConfigMaps the policy references.
    static func read(_ client: KubeClient, policy: ClusterPolicy, facts given: ClusterFacts) async throws -> LiveState {
        var base = given
        base.kubernetesVersion = try await ServerVersion.read(client)
        base.serviceMonitorCRD = try await client.get(.customResourceDefinitions, name: WatchFeeds.serviceMonitorCRD) != nil
        if let deployment = try await client.get(.deployments, name: "gpu-operator", namespace: base.namespace) {
            let containers = deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
            for variable in containers.flatMap({ $0["env"]?.arrayValue ?? [] }) {
                guard let name = variable["name"]?.stringValue, ImagePaths.builtInDefaults[name] != nil,
                    let value = variable["value"]?.stringValue, !value.isEmpty
                else { continue }
                base.imageEnvironment[name] = value
            }
        }
        let namespace = base.namespace
        base.configMapKeys = try await FactsReader.configMapKeys(of: policy, namespace: namespace) { name in
            try await client.get(ConfigMap.self, name: name, namespace: namespace)
        }
        let nodes = try await client.list(Node.self).items.map { NodeCache.snapshot(of: $0) }
        let operandPods = try await client.list(Pod.self, namespace: namespace).items
        let gpuPods = try await client.list(Pod.self, fieldSelector: "status.phase!=Succeeded,status.phase!=Failed").items.filter(GPUPods.usesGPU)
        return LiveState(
            facts: ClusterFactsBuilder.build(nodes: nodes, base: base),
            cluster: NodePlanner.Cluster(nodes: nodes, operandPods: operandPods, gpuPods: gpuPods))
    }

    /// Reads each rendered object, and lists every kind the operator owns to find what it would prune.
    func liveObjects(_ client: KubeClient, rendered: [RenderedObject]) async throws -> Objects {
        var found: [ObjectIdentity: JSONValue] = [:]
        for object in rendered {
            let identity = ObjectIdentity(object)
            if let live = try await client.get(object.resourceType, name: object.name, namespace: identity.namespace) { found[identity] = live }
        }
        let selector = "\(OwnershipLabels.managedByKey)=\(OwnershipLabels.managedByValue)"
        var owned: [LiveObject] = []
        var bodies: [ObjectIdentity: JSONValue] = [:]
        let kinds = Set(rendered.map(\.resourceType)).union(LiveState.ownedKinds)
        for type in kinds.sorted(by: { $0.plural < $1.plural }) {
            let namespace = type.isNamespaced ? facts.facts.namespace : nil
            for item in try await client.list(type, namespace: namespace, labelSelector: selector).items {
                let metadata = try item["metadata"]?.decode(as: ObjectMeta.self) ?? ObjectMeta()
                let live = LiveObject(resourceType: type, metadata: metadata)
                owned.append(live)
                bodies[live.key] = item
            }
        }
        let desired = Set(rendered.map(ObjectIdentity.init))
        let prunable = ApplyPlan.prunable(live: owned, desired: desired)
        return Objects(
            rendered: found, prunable: Dictionary(uniqueKeysWithValues: prunable.compactMap { live in bodies[live.key].map { (live.key, $0) } }))
    }

    /// The kinds the operator applies and prunes (as its watches cover them).
    static let ownedKinds: Set<ResourceType> = [
        .daemonSets, .serviceAccounts, .roles, .roleBindings, .clusterRoles, .clusterRoleBindings, .configMaps, .services, .runtimeClasses,
    ]
}
