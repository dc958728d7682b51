import Foundation
import KubeModels
import Testing

/// The optional kustomize component `config/nfd` builds on its own, every object passes the
/// Kubernetes schemas, and it carries what GPU detection needs from NFD (reference §4.1, §4.2).
@Suite("NFD component")
struct NFDComponentTests {
    /// The image the gpu-operator chart's NFD subchart pins.
    static let image = "registry.k8s.io/nfd/node-feature-discovery:v0.19.0"
    /// `kubernetes-validate` from the venv `scripts/setup.sh` creates.
    static let validator = OperatorBinary.root.appendingPathComponent(".venv/bin/kubernetes-validate")
    static let kubectlMissing = !(ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/kubectl") }

    /// What one process printed and returned.
    struct Output {
        var status: Int32
        var text: String
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: text)
    }

    /// `kubectl kustomize config/nfd`, as text and as objects.
    static func build() throws -> (text: String, objects: [JSONValue]) {
        let output = try run(
            URL(fileURLWithPath: "/usr/bin/env"), ["kubectl", "kustomize", OperatorBinary.root.appendingPathComponent("config/nfd").path])
        try #require(output.status == 0, "kubectl kustomize config/nfd failed:\n\(output.text)")
        return (output.text, try YAMLReader.documents(in: output.text, file: "config/nfd").map(\.value))
    }

    static func object(_ objects: [JSONValue], kind: String, name: String) -> JSONValue? {
        objects.first { $0["kind"]?.stringValue == kind && $0[path: ["metadata", "name"]]?.stringValue == name }
    }

    @Test("every object passes kubernetes-validate --strict", .disabled(if: kubectlMissing, "kubectl is not on PATH"))
    func strictValidation() throws {
        #expect(
            FileManager.default.isExecutableFile(atPath: Self.validator.path),
            "kubernetes-validate is missing: run scripts/setup.sh (make test does)")
        guard FileManager.default.isExecutableFile(atPath: Self.validator.path) else { return }
        let built = try Self.build()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nfd-\(UUID().uuidString).yaml")
        try built.text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        for version in ["1.29.0", "1.33.0"] {
            let output = try Self.run(Self.validator, ["--strict", "--quiet", "-k", version, file.path])
            #expect(output.status == 0, "kubernetes-validate \(version) failed:\n\(output.text)")
        }
        #expect(built.objects.count == 15)
    }

    @Test(
        "the set of objects: CRDs, shared ServiceAccount, RBAC, configs, master, worker, gc", .disabled(if: kubectlMissing, "kubectl is not on PATH"))
    func objects() throws {
        let objects = try Self.build().objects
        let names = Set(
            objects.compactMap { object in
                object["kind"]?.stringValue.flatMap { kind in object[path: ["metadata", "name"]]?.stringValue.map { "\(kind)/\($0)" } }
            })
        #expect(
            names == [
                "CustomResourceDefinition/nodefeatures.nfd.k8s-sigs.io", "CustomResourceDefinition/nodefeaturegroups.nfd.k8s-sigs.io",
                "CustomResourceDefinition/nodefeaturerules.nfd.k8s-sigs.io", "ServiceAccount/node-feature-discovery",
                "ClusterRole/node-feature-discovery", "ClusterRoleBinding/node-feature-discovery", "ClusterRole/node-feature-discovery-gc",
                "ClusterRoleBinding/node-feature-discovery-gc", "Role/node-feature-discovery-worker", "RoleBinding/node-feature-discovery-worker",
                "ConfigMap/node-feature-discovery-master-conf", "ConfigMap/node-feature-discovery-worker-conf",
                "Deployment/node-feature-discovery-master", "DaemonSet/node-feature-discovery-worker", "Deployment/node-feature-discovery-gc",
            ])
        let clusterScoped: Set<String> = ["CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding"]
        for object in objects where !clusterScoped.contains(object["kind"]?.stringValue ?? "") {
            let name = object[path: ["metadata", "name"]]?.stringValue ?? "?"
            #expect(object[path: ["metadata", "namespace"]]?.stringValue == "gpu-operator", "\(name) is not in gpu-operator")
        }
    }

    @Test(
        "master, worker and gc run NFD v0.19.0, selected by name, instance and role", .disabled(if: kubectlMissing, "kubectl is not on PATH"),
        arguments: [("Deployment", "master"), ("DaemonSet", "worker"), ("Deployment", "gc")])
    func workloads(kind: String, role: String) throws {
        let workload = try #require(Self.object(try Self.build().objects, kind: kind, name: "node-feature-discovery-\(role)"))
        let containers = try #require(workload[path: ["spec", "template", "spec", "containers"]]?.arrayValue)
        #expect(containers.map { $0["image"]?.stringValue } == [Self.image])
        #expect(containers.first?["command"] == .array([.string("nfd-\(role)")]))
        #expect(
            workload[path: ["spec", "selector", "matchLabels"]]
                == .object(["app.kubernetes.io/name": "node-feature-discovery", "app.kubernetes.io/instance": "nfd", "role": .string(role)]))
        #expect(workload[path: ["spec", "template", "spec", "serviceAccountName"]]?.stringValue == "node-feature-discovery")
        #expect(workload[path: ["spec", "template", "spec", "priorityClassName"]]?.stringValue == "system-node-critical")
    }

    @Test(
        "the worker tolerates GPU nodes and owns its NodeFeature through pod and DaemonSet", .disabled(if: kubectlMissing, "kubectl is not on PATH"))
    func workerSchedulesOnGPUNodes() throws {
        let worker = try #require(Self.object(try Self.build().objects, kind: "DaemonSet", name: "node-feature-discovery-worker"))
        let tolerations = try (worker[path: ["spec", "template", "spec", "tolerations"]] ?? .array([])).decode(as: [Toleration].self)
        #expect(tolerations.contains(Toleration(key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule")))
        let args = worker[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["args"]
        #expect(args == .array(["-owner-refs=pod,ds", "-port=8080"]))
    }

    @Test("the worker config lists the GPU PCI classes and labels devices by vendor only", .disabled(if: kubectlMissing, "kubectl is not on PATH"))
    func workerConfig() throws {
        let map = try #require(Self.object(try Self.build().objects, kind: "ConfigMap", name: "node-feature-discovery-worker-conf"))
        let text = try #require(map[path: ["data", "nfd-worker.conf"]]?.stringValue)
        let config = try #require(try YAMLReader.value(in: text, file: "nfd-worker.conf")[path: ["sources", "pci"]])
        let classes = config["deviceClassWhitelist"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(classes == ["02", "0200", "0207", "0300", "0302"])
        #expect(classes.contains("0300") && classes.contains("0302"))
        #expect(config["deviceLabelFields"] == .array(["vendor"]))
    }

    @Test("the master publishes nvidia.com labels", .disabled(if: kubectlMissing, "kubectl is not on PATH"))
    func masterConfig() throws {
        let map = try #require(Self.object(try Self.build().objects, kind: "ConfigMap", name: "node-feature-discovery-master-conf"))
        let text = try #require(map[path: ["data", "nfd-master.conf"]]?.stringValue)
        #expect(try YAMLReader.value(in: text, file: "nfd-master.conf")["extraLabelNs"] == .array(["nvidia.com"]))
    }
}
