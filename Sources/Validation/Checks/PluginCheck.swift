import KubeClient
import KubeModels
import Logging

/// The plugin check (`COMPONENT=plugin`): the node's capacity shows a GPU resource
/// (`nvidia.com/gpu`, or `nvidia.com/mig-*`) within a bound → `plugin-ready`. With `WITH_WORKLOAD`
/// a pod requesting one GPU runs too, unless no GPU is free: then the check passes on capacity alone
/// and says so, rather than failing or waiting for a GPU (and waking an autoscaler).
package struct PluginCheck: Sendable {
    /// What the check concluded.
    package enum Outcome: Sendable, Hashable {
        /// Capacity shows the resource; no workload was asked for.
        case capacity(resource: String, count: Int)
        /// A workload pod requesting one GPU succeeded.
        case workload(resource: String, pod: String)
        /// Capacity shows the resource but every unit is in use, so no workload ran.
        case capacityOnlyNoFreeGPU(resource: String, count: Int)
    }

    /// The shared collaborators.
    package var context: ValidationContext

    /// Creates the check.
    package init(context: ValidationContext) { self.context = context }

    /// Runs the check.
    /// - Throws: ``ValidationError/noGPUCapacity(node:detail:)`` when no GPU resource appears in time.
    @discardableResult
    package func run() async throws(ValidationError) -> Outcome {
        let config = context.config
        let statusPath = joinPath(config.outputDirectory, "plugin-ready")
        try context.files.remove(statusPath)
        let cluster = try context.requireCluster(for: "plugin")
        let attempts = max(1, config.capacityWaitAttempts)
        let node: JSONValue
        do {
            node = try await Waiter(time: context.time, interval: config.sleepInterval).until("GPU capacity", attempts: attempts) {
                () throws(ValidationError) -> Attempt<JSONValue> in
                let node = try await cluster.node(config.nodeName)
                return GPUCapacity.advertised(Self.resources(node, "capacity")).isEmpty ? .retry(Self.describeCapacity(node)) : .done(node)
            }
        } catch {
            switch error {
            case .timedOut(_, let seconds, let last): throw .noGPUCapacity(node: config.nodeName, detail: "\(last) after \(seconds) s")
            case .notReady(_, let last): throw .noGPUCapacity(node: config.nodeName, detail: last)
            default: throw error
            }
        }
        let capacity = Self.resources(node, "capacity")
        let outcome = try await workload(node: node, capacity: capacity, cluster: cluster)
        try context.files.writeAtomically(statusPath, contents: "")
        context.logger.info("plugin validated", metadata: ["outcome": .string("\(outcome)"), "status.file": .string(statusPath)])
        return outcome
    }

    private func workload(node: JSONValue, capacity: [String: String], cluster: any ValidationCluster) async throws(ValidationError) -> Outcome {
        let config = context.config
        let resource = GPUCapacity.workloadResource(capacity, migStrategy: config.migStrategy) ?? GPUCapacity.gpuPrefix
        let count = GPUCapacity.count(capacity[resource] ?? "0")
        guard config.withWorkload else { return .capacity(resource: resource, count: count) }
        let pods = try await cluster.pods(namespace: nil, labelSelector: nil, fieldSelector: "spec.nodeName=\(config.nodeName)")
        let live = pods.filter { !["Succeeded", "Failed"].contains($0[path: ["status", "phase"]]?.stringValue ?? "") }
        let requests = live.flatMap { pod in
            (pod[path: ["spec", "containers"]]?.arrayValue ?? []).map { Self.stringMap($0[path: ["resources", "requests"]]) }
        }
        let allocatable = Self.resources(node, "allocatable")
        if GPUCapacity.free(resource, allocatable: allocatable.isEmpty ? capacity : allocatable, pods: requests) < 1 {
            context.logger.notice(
                "no free GPU on the node: passing on capacity alone, without a workload pod",
                metadata: ["node": .string(config.nodeName), "resource": .string(resource), "capacity": .stringConvertible(count)])
            return .capacityOnlyNoFreeGPU(resource: resource, count: count)
        }
        let pod = try await WorkloadRun(context: context).run(app: WorkloadPod.pluginApp, gpuResource: resource)
        return .workload(resource: resource, pod: pod)
    }

    /// `status.<field>` of a node as strings.
    static func resources(_ node: JSONValue, _ field: String) -> [String: String] {
        stringMap(node[path: ["status", field]])
    }

    static func stringMap(_ value: JSONValue?) -> [String: String] {
        (value?.objectValue ?? [:]).compactMapValues { $0.stringValue ?? $0.intValue.map { String($0) } }
    }

    /// What the node shows, for the failure message.
    static func describeCapacity(_ node: JSONValue) -> String {
        let name = node[path: ["metadata", "name"]]?.stringValue ?? "?"
        let gpu = resources(node, "capacity").filter { $0.key.hasPrefix("nvidia.com/") }.sorted { $0.key < $1.key }
        return gpu.isEmpty
            ? "capacity of nvidia.com/gpu is 0 on node \(name) (no nvidia.com/gpu or nvidia.com/mig-* resource)"
            : "capacity on node \(name): " + gpu.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}
