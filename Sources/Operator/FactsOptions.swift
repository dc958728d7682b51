import ArgumentParser
import Foundation
import KubeModels
import Manifests

/// Cluster facts for offline rendering, from flags or a `--facts` file (flags win).
struct FactsOptions: ParsableArguments {
    @Option(help: "Operator namespace (default: $OPERATOR_NAMESPACE, else gpu-operator).")
    var namespace: String?

    @Option(help: "Container runtime of the GPU nodes: containerd, docker or crio (default containerd).")
    var runtime: ContainerRuntime?

    @Option(help: "Kubernetes distribution of the GPU nodes: kubernetes, k3s, rke2, microk8s or k0s (default kubernetes).")
    var distribution: KubernetesDistribution?

    @Option(help: "containerd version of the GPU nodes, e.g. 2.0.4 (2.x selects containerd 2's config layout).")
    var containerdVersion: String?

    @Option(help: "OS tag of the GPU nodes, e.g. ubuntu22.04 or rhel9 (default ubuntu22.04).")
    var os: String?

    @Option(name: .customLong("kernel"), help: "Kernel version of GPU nodes (repeatable; precompiled drivers render one DaemonSet each).")
    var kernels: [String] = []

    @Option(help: "Kubernetes version of the cluster (default v1.32.0).")
    var kubernetesVersion: String?

    @Flag(help: "The prometheus-operator ServiceMonitor CRD is installed (ServiceMonitors are rendered).")
    var serviceMonitorCRD = false

    @Option(
        help:
            "YAML file with cluster facts (namespace, runtime, distribution, containerdVersion, runtimeFlavors, os, kernels, kubernetesVersion, serviceMonitorCRD, imageEnvironment, configMapKeys)."
    )
    var facts: String?

    /// The upstream image environment variables read from the process environment.
    static let imageVariables = ImagePaths.builtInDefaults.keys.sorted()

    /// Builds the facts: file, then environment, then flags.
    /// - Throws: `ExitCode.failure` after printing why the facts file cannot be used.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ClusterFacts {
        var result = ClusterFacts()
        if let facts {
            result = try Self.loadFile(facts)
        }
        for name in Self.imageVariables where result.imageEnvironment[name] == nil {
            if let value = environment[name], !value.isEmpty { result.imageEnvironment[name] = value }
        }
        if let namespace {
            result.namespace = namespace
        } else if facts == nil, let fromEnvironment = environment["OPERATOR_NAMESPACE"], !fromEnvironment.isEmpty {
            result.namespace = fromEnvironment
        }
        if let runtime {
            result.runtime = runtime
            result.runtimeFlavors = result.runtimeFlavors.map {
                RuntimeFlavor(distribution: $0.distribution, runtime: runtime, containerdVersion: $0.containerdVersion)
            }
        }
        if distribution != nil || containerdVersion != nil {
            let current = result.flavors.count == 1 ? result.flavors[0] : RuntimeFlavor(runtime: result.runtime)
            result.runtimeFlavors = [
                RuntimeFlavor(
                    distribution: distribution ?? current.distribution, runtime: result.runtime,
                    containerdVersion: containerdVersion ?? current.containerdVersion)
            ]
        }
        if let os {
            result.os = os
            result.kernels = result.kernels.map { KernelFact(version: $0.version, os: os) }
        }
        if !kernels.isEmpty { result.kernels = kernels.map { KernelFact(version: $0, os: result.os) } }
        if let kubernetesVersion { result.kubernetesVersion = kubernetesVersion }
        if serviceMonitorCRD { result.serviceMonitorCRD = true }
        return result
    }

    private static func loadFile(_ path: String) throws -> ClusterFacts {
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let documents = try YAMLReader.documents(in: text, file: path)
            guard let document = documents.first else { return ClusterFacts() }
            return try document.value.decode(as: ClusterFacts.self)
        } catch let error as YAMLInputError {
            StandardError.line(error.description)
        } catch let error as DecodingError {
            StandardError.line("\(path): not valid cluster facts: \(describe(error))")
        } catch {
            StandardError.line("\(path): cannot read: \(error.localizedDescription)")
        }
        throw ExitCode.failure
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(type)"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required field is missing"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}

extension ContainerRuntime: ExpressibleByArgument {}
extension KubernetesDistribution: ExpressibleByArgument {}
