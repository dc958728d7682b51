import Foundation
import KubeModels
import KubeSim
import Testing

/// Runs kubectl against a server through a kubeconfig with the client certificate.
struct Kubectl {
    let runner: CommandRunner
    let kubeconfig: String

    init(server: KubeSimServer) throws {
        runner = try CommandRunner(environment: ["HOME": NSTemporaryDirectory()])
        kubeconfig = try runner.write("kubeconfig", server.kubeconfig())
    }

    var baseArguments: [String] { ["--kubeconfig", kubeconfig, "--cache-dir", runner.directory.appendingPathComponent("cache").path] }

    func callAsFunction(_ arguments: String..., stdin: String? = nil) async throws -> CommandRunner.Result {
        try await runner.run(kubectlPath, baseArguments + arguments, stdin: stdin)
    }

    func start(_ arguments: String...) throws -> CommandRunner.Running {
        try runner.start(kubectlPath, baseArguments + arguments)
    }
}

@Suite("Real kubectl against KubeSim", .enabled(if: KubectlAvailability.isAvailable, KubectlAvailability.skipReason))
struct KubectlTests {
    static let crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            additionalPrinterColumns:
            - {name: Size, type: integer, jsonPath: .spec.size}
            - {name: Color, type: string, jsonPath: .spec.color}
            - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: {type: integer, minimum: 1}
                      color: {type: string, enum: [red, blue], default: red}
        """

    static func widget(_ name: String, size: Int, color: String? = nil) -> String {
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: \(name)\nspec:\n  size: \(size)\n" + (color.map { "  color: \($0)\n" } ?? "")
    }

    @Test("apply a CRD, then CRs client-side and server-side; get shows printer columns; invalid CRs are rejected")
    func applyAndGet() async throws {
        try await TestCluster.with(tls: true) { server, _ in
            let kubectl = try Kubectl(server: server)
            defer { kubectl.runner.cleanUp() }
            let crd = try await kubectl("apply", "-f", "-", stdin: Self.crd)
            #expect(crd.status == 0, "\(crd.stderr)")
            #expect(crd.stdout.contains("customresourcedefinition.apiextensions.k8s.io/widgets.example.com created"))
            let created = try await kubectl("apply", "-f", "-", stdin: Self.widget("w1", size: 3))
            #expect(created.stdout.contains("widget.example.com/w1 created"), "\(created.stderr)")
            let unchanged = try await kubectl("apply", "-f", "-", stdin: Self.widget("w1", size: 3))
            #expect(unchanged.stdout.contains("widget.example.com/w1 unchanged"), "\(unchanged.stderr)")
            let configured = try await kubectl("apply", "-f", "-", stdin: Self.widget("w1", size: 4))
            #expect(configured.stdout.contains("widget.example.com/w1 configured"), "\(configured.stderr)")
            let serverSide = try await kubectl("apply", "--server-side", "-f", "-", stdin: Self.widget("w2", size: 5, color: "blue"))
            #expect(serverSide.stdout.contains("widget.example.com/w2 serverside-applied"), "\(serverSide.stderr)")
            let migrated = try await kubectl("apply", "--server-side", "-f", "-", stdin: Self.widget("w1", size: 6))
            #expect(migrated.status == 0, "\(migrated.stderr)")
            let conflict = try await kubectl(
                "apply", "--server-side", "--field-manager", "someone-else", "-f", "-", stdin: Self.widget("w1", size: 7))
            #expect(conflict.status != 0)
            #expect(conflict.stderr.contains("conflict"))
            let forced = try await kubectl(
                "apply", "--server-side", "--force-conflicts", "--field-manager", "someone-else", "-f", "-",
                stdin: Self.widget("w1", size: 7))
            #expect(forced.status == 0, "\(forced.stderr)")
            let table = try await kubectl("get", "widgets")
            let lines = table.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(lines.first == ["NAME", "SIZE", "COLOR", "AGE"])
            #expect(lines.dropFirst().map { Array($0.prefix(3)) } == [["w1", "7", "red"], ["w2", "5", "blue"]])
            let short = try await kubectl("get", "wd", "w2", "-o", "jsonpath={.spec.color}")
            #expect(short.stdout == "blue")
            let invalid = try await kubectl("apply", "-f", "-", stdin: Self.widget("bad", size: 0, color: "green"))
            #expect(invalid.status != 0)
            #expect(invalid.stderr.contains("Unsupported value: \"green\"") && invalid.stderr.contains("spec.size"))
            let unknown = try await kubectl("apply", "-f", "-", stdin: Self.widget("odd", size: 1) + "  extra: 1\n")
            #expect(unknown.stderr.contains("unknown field \"spec.extra\""))
        }
    }

    @Test("get -w prints the changes as they happen")
    func watch() async throws {
        try await TestCluster.with(tls: true) { server, client in
            let kubectl = try Kubectl(server: server)
            defer { kubectl.runner.cleanUp() }
            _ = try await kubectl("apply", "-f", "-", stdin: Self.crd)
            _ = try await kubectl("apply", "-f", "-", stdin: Self.widget("w1", size: 1))
            let watching = try kubectl.start("get", "widgets", "-w")
            #expect(try await TestCluster.eventually { watching.stdout.contains("w1") })
            #expect(try await TestCluster.eventually { await server.openWatchCount() == 1 })
            let patched = try await client.request(
                "PATCH", "/apis/example.com/v1/namespaces/default/widgets/w1", json: ["spec": ["size": 9]],
                contentType: "application/merge-patch+json")
            #expect(patched.status == 200)
            _ = try await kubectl("apply", "-f", "-", stdin: Self.widget("w2", size: 2))
            let sawChanges = try await TestCluster.eventually {
                let rows = watching.stdout.split(separator: "\n").map {
                    $0.split(separator: " ", omittingEmptySubsequences: true).prefix(2).joined(separator: " ")
                }
                return rows.contains("w1 9") && rows.contains("w2 2")
            }
            #expect(sawChanges, "kubectl get -w printed: \(watching.stdout) \(watching.stderr)")
            watching.signal(SIGTERM)
            _ = await watching.wait(timeout: .seconds(10))
        }
    }

    @Test("patch --type merge, and replace with a stale resourceVersion is a Conflict")
    func patchAndReplace() async throws {
        try await TestCluster.with(tls: true) { server, _ in
            let kubectl = try Kubectl(server: server)
            defer { kubectl.runner.cleanUp() }
            _ = try await kubectl("apply", "-f", "-", stdin: Self.crd)
            _ = try await kubectl("apply", "-f", "-", stdin: Self.widget("w1", size: 1))
            let stale = try await kubectl("get", "widget", "w1", "-o", "json")
            let patched = try await kubectl("patch", "widget", "w1", "--type", "merge", "-p", #"{"spec":{"size":2}}"#)
            #expect(patched.stdout.contains("widget.example.com/w1 patched"), "\(patched.stderr)")
            #expect(try await kubectl("get", "widget", "w1", "-o", "jsonpath={.spec.size}").stdout == "2")
            let replaced = try await kubectl("replace", "-f", "-", stdin: stale.stdout)
            #expect(replaced.status != 0)
            #expect(replaced.stderr.contains("Error from server (Conflict)"), "\(replaced.stderr)")
            #expect(replaced.stderr.contains("the object has been modified"))
            let current = try await kubectl("get", "widget", "w1", "-o", "json")
            let updated = current.stdout.replacingOccurrences(of: "\"size\": 2", with: "\"size\": 3")
            let fresh = try await kubectl("replace", "-f", "-", stdin: updated)
            #expect(fresh.stdout.contains("widget.example.com/w1 replaced"), "\(fresh.stderr)")
        }
    }

    @Test("deleting an owner removes its dependents: a DaemonSet's pods, and namespaced dependents of a cluster-scoped owner")
    func cascadingDelete() async throws {
        try await TestCluster.with(tls: true, configure: { $0.gpuNodes = 2 }) { server, client in
            let kubectl = try Kubectl(server: server)
            defer { kubectl.runner.cleanUp() }
            let daemonSet = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: driver, namespace: default}
                spec:
                  selector: {matchLabels: {app: driver}}
                  template:
                    metadata: {labels: {app: driver}}
                    spec:
                      nodeSelector: {feature.node.kubernetes.io/pci-10de.present: "true"}
                      containers: [{name: driver, image: "nvcr.io/nvidia/driver:550"}]
                """
            #expect(try await kubectl("apply", "-f", "-", stdin: daemonSet).status == 0)
            #expect(
                try await TestCluster.eventually { try await kubectl("get", "pods", "-l", "app=driver", "--no-headers").stdout.contains("Running") })
            #expect(try await kubectl("get", "pods", "-l", "app=driver", "--no-headers").stdout.split(separator: "\n").count == 2)
            let deleted = try await kubectl("delete", "daemonset", "driver")
            #expect(deleted.stdout.contains("daemonset.apps \"driver\" deleted"), "\(deleted.stderr)")
            #expect(
                try await TestCluster.eventually {
                    try await kubectl("get", "pods", "-l", "app=driver", "-o", "name").stdout.isEmpty
                })

            _ = try await kubectl(
                "apply", "-f", "-", stdin: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: owner}\nrules: []\n")
            let uid = try await kubectl("get", "clusterrole", "owner", "-o", "jsonpath={.metadata.uid}").stdout
            let dependent = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: dependent
                  namespace: default
                  ownerReferences: [{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, name: owner, uid: \(uid)}]
                data: {a: b}
                """
            #expect(try await kubectl("apply", "-f", "-", stdin: dependent).status == 0)
            #expect(try await kubectl("delete", "clusterrole", "owner").status == 0)
            #expect(
                try await TestCluster.eventually {
                    try await client.request("GET", "/api/v1/namespaces/default/configmaps/dependent").status == 404
                })
        }
    }

    @Test("get nodes lists the simulated nodes; create namespace and configmap work")
    func nodesAndCreate() async throws {
        try await TestCluster.with(
            tls: true,
            configure: {
                $0.gpuNodes = 2
                $0.cpuNodes = 1
            }
        ) { server, _ in
            let kubectl = try Kubectl(server: server)
            defer { kubectl.runner.cleanUp() }
            let nodes = try await kubectl("get", "nodes", "-o", "wide")
            let rows = nodes.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            #expect(rows.first?.prefix(5) == ["NAME", "STATUS", "ROLES", "AGE", "VERSION"])
            #expect(rows.dropFirst().map { $0.first ?? "" } == ["cpu-node-0001", "gpu-node-0001", "gpu-node-0002"])
            #expect(rows.dropFirst().allSatisfy { $0[1] == "Ready" && $0.last == "containerd://1.7.20" })
            let gpuOnly = try await kubectl("get", "nodes", "-l", "feature.node.kubernetes.io/pci-10de.present=true", "-o", "name")
            #expect(gpuOnly.stdout == "node/gpu-node-0001\nnode/gpu-node-0002\n")
            #expect(try await kubectl("create", "namespace", "gpu-operator").stdout.contains("namespace/gpu-operator created"))
            #expect(try await kubectl("create", "configmap", "c", "-n", "gpu-operator", "--from-literal=k=v").status == 0)
            #expect(try await kubectl("get", "configmap", "c", "-n", "gpu-operator", "-o", "jsonpath={.data.k}").stdout == "v")
            let version = try await kubectl("version")
            #expect(version.stdout.contains("Server Version: v1.32.0"))
        }
    }

    @Test("applying a changed DaemonSet rolls its pods; rollout status waits for the rollout")
    func daemonSetRollout() async throws {
        try await TestCluster.with(tls: true, configure: { $0.gpuNodes = 3 }) { server, _ in
            let kubectl = try Kubectl(server: server)
            defer { kubectl.runner.cleanUp() }
            func manifest(_ image: String) -> String {
                """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: plugin, namespace: default}
                spec:
                  selector: {matchLabels: {app: plugin}}
                  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}
                  template:
                    metadata: {labels: {app: plugin}}
                    spec:
                      containers:
                      - {name: plugin, image: "\(image)", env: [{name: A, value: "1"}]}
                      - {name: sidecar, image: "busybox:1"}
                """
            }
            #expect(try await kubectl("apply", "-f", "-", stdin: manifest("plugin:1")).status == 0)
            let first = try await kubectl("rollout", "status", "daemonset/plugin", "--timeout=60s")
            #expect(first.stdout.contains("successfully rolled out"), "\(first.stdout) \(first.stderr)")
            let configured = try await kubectl("apply", "-f", "-", stdin: manifest("plugin:2"))
            #expect(configured.stdout.contains("daemonset.apps/plugin configured"), "\(configured.stderr)")
            let second = try await kubectl("rollout", "status", "daemonset/plugin", "--timeout=60s")
            #expect(second.stdout.contains("successfully rolled out"), "\(second.stdout) \(second.stderr)")
            let images = try await kubectl("get", "pods", "-l", "app=plugin", "-o", "jsonpath={.items[*].spec.containers[0].image}")
            #expect(images.stdout == "plugin:2 plugin:2 plugin:2")
            let containers = try await kubectl("get", "daemonset", "plugin", "-o", "jsonpath={.spec.template.spec.containers[*].name}")
            #expect(containers.stdout == "plugin sidecar")
            #expect(try await kubectl("get", "controllerrevisions", "--no-headers").stdout.split(separator: "\n").count == 2)
        }
    }
}
