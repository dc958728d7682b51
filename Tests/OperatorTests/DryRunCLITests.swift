import Foundation
import Testing

/// `operator --dry-run`, `images`, `crd` and `version` as a user runs them.
@Suite("operator CLI")
struct DryRunCLITests {
    static let header = "apiVersion: nvidia.com/v1\nkind: ClusterPolicy\nmetadata:\n  name: cp\n"

    @Test("--dry-run prints the checked-in render, byte-identical across runs")
    func dryRunMatchesGolden() throws {
        let first = try OperatorBinary.run(["--dry-run", "-f", "samples/clusterpolicy.yaml"])
        let second = try OperatorBinary.run(["run", "--dry-run", "-f", "samples/clusterpolicy.yaml"])
        #expect(first.status == 0, "\(first.stderr)")
        let golden = try String(contentsOf: OperatorBinary.root.appendingPathComponent("samples/rendered/clusterpolicy.yaml"), encoding: .utf8)
        #expect(first.stdout == golden)
        #expect(second.stdout == first.stdout)
    }

    @Test("-f - reads the policy from standard input")
    func readsStandardInput() throws {
        let result = try OperatorBinary.run(["--dry-run", "-f", "-"], stdin: Self.header + "spec: {}\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("name: nvidia-driver-daemonset"))
        #expect(result.stdout.contains("image: nvcr.io/nvidia/driver:595.91.07-ubuntu22.04"))
    }

    @Test("-o json prints a v1 List that parses")
    func jsonOutput() throws {
        let result = try OperatorBinary.run(["--dry-run", "-f", "samples/clusterpolicy.yaml", "-o", "json"])
        #expect(result.status == 0)
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(list?["kind"] as? String == "List")
        #expect(((list?["items"] as? [Any])?.count ?? 0) > 30)
    }

    @Test("facts flags change the render: crio runtime, namespace, OS tag")
    func factsFlags() throws {
        let result = try OperatorBinary.run([
            "--dry-run", "-f", "samples/clusterpolicy.yaml", "--runtime", "crio",
            "--namespace", "gpu-system", "--os", "rhel9",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("value: crio"))
        #expect(result.stdout.contains("namespace: gpu-system"))
        #expect(!result.stdout.contains("namespace: gpu-operator"))
        #expect(result.stdout.contains("image: nvcr.io/nvidia/driver:595.91.07-rhel9"))
    }

    @Test("--distribution and --containerd-version give the toolkit that distribution's containerd paths offline")
    func distributionFlags() throws {
        let result = try OperatorBinary.run([
            "--dry-run", "-f", "samples/clusterpolicy.yaml", "--distribution", "k3s", "--containerd-version", "2.0.4",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("value: /runtime/config-dir/config-v3.toml.tmpl"))
        #expect(result.stdout.contains("path: /var/lib/rancher/k3s/agent/etc/containerd"))
        let unknown = try OperatorBinary.run(["--dry-run", "-f", "samples/clusterpolicy.yaml", "--distribution", "k8s"])
        #expect(unknown.status != 0 && unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("k8s"))
    }

    @Test("--diff and --plan need --dry-run")
    func diffNeedsDryRun() throws {
        let result = try OperatorBinary.run(["run", "--diff"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--live, --diff and --plan are only used with --dry-run"))
    }

    @Test("operator image environment variables are the fallback after the policy")
    func imageEnvironment() throws {
        let result = try OperatorBinary.run(
            ["--dry-run", "-f", "-"], stdin: Self.header + "spec: {}\n",
            environment: ["DEVICE_PLUGIN_IMAGE": "mirror.local/k8s-device-plugin:v9"])
        #expect(result.stdout.contains("image: mirror.local/k8s-device-plugin:v9"))
    }

    /// Bad input: exit 1, nothing on stdout, and a message naming the place and what was expected.
    @Test(
        "bad input fails with a located message and no output",
        arguments: [
            ("spec:\n  driver: {enabled: true\n", "policy.yaml:7:1: did not find expected ',' or '}'"),
            ("spec:\n  driver:\n    enabled: \"sometimes\"\n", #"policy.yaml:7:5: spec.driver.enabled: expected boolean, got string "sometimes""#),
            (
                "spec:\n  daemonsets:\n    updateStrategy: Sometimes\n",
                #"spec.daemonsets.updateStrategy: expected one of "RollingUpdate", "OnDelete""#
            ),
            (
                "spec:\n  daemonsets:\n    rollingUpdate:\n      maxUnavailable: x\n",
                #"spec.daemonsets.rollingUpdate.maxUnavailable: expected a value matching '^[0-9]+%?$', got string "x""#
            ),
            (
                "spec:\n  driver:\n    image: driver:535\n    version: \"550\"\n",
                #"policy.yaml:8:5: spec.driver.version: expected no version when image "driver:535" already carries a tag"#
            ),
            (
                "spec:\n  daemonsets:\n    tolerations:\n    - operator: Sometimes\n",
                #"policy.yaml:8:7: spec.daemonsets.tolerations[0].operator: expected one of "Equal", "Exists", "", got string "Sometimes""#
            ),
            (
                "spec:\n  daemonsets:\n    tolerations:\n    - {operator: Exists, value: x}\n",
                #"spec.daemonsets.tolerations[0].value: expected no value with operator Exists, got "x""#
            ),
            (
                "spec:\n  daemonsets:\n    labels:\n      \"bad key\": x\n",
                #"policy.yaml:8:7: spec.daemonsets.labels.bad key: expected a name of at most 63"#
            ),
            (
                "spec:\n  sandboxWorkloads:\n    enabled: true\n",
                "spec.sandboxWorkloads.enabled: sandbox (virtual machine) workloads are not supported"
            ),
        ])
    func badInput(body: String, expected: String) throws {
        let file = try OperatorBinary.temporaryFile(Self.header + body)
        let result = try OperatorBinary.run(["--dry-run", "-f", file])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(expected), "stderr was: \(result.stderr)")
    }

    @Test("an unknown field warns; with --strict it fails")
    func unknownFields() throws {
        let file = try OperatorBinary.temporaryFile(Self.header + "spec:\n  driver:\n    enabeld: false\n")
        let lenient = try OperatorBinary.run(["--dry-run", "-f", file])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("policy.yaml:7:5: warning: spec.driver.enabeld: unknown field"))
        let strict = try OperatorBinary.run(["--dry-run", "-f", file, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.isEmpty)
    }

    @Test("a missing file is reported, not a crash")
    func missingFile() throws {
        let result = try OperatorBinary.run(["--dry-run", "-f", "does-not-exist.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("does-not-exist.yaml: cannot read"))
    }

    @Test("a policy that sets only driver.version keeps the default repository and image, and images says so")
    func driverVersionAlone() throws {
        let file = try OperatorBinary.temporaryFile(Self.header + "spec:\n  driver:\n    version: \"580.65.06\"\n")
        let images = try OperatorBinary.run(["images", "-f", file])
        #expect(images.status == 0, "\(images.stderr)")
        #expect(images.stdout.contains("nvcr.io/nvidia/driver:580.65.06-ubuntu22.04"), "\(images.stdout)")
        let render = try OperatorBinary.run(["--dry-run", "-f", file])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout.contains("image: nvcr.io/nvidia/driver:580.65.06-ubuntu22.04"))
    }

    @Test("images lists every image once, digests included")
    func images() throws {
        let result = try OperatorBinary.run(["images", "-f", "samples/private-registry.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(Set(lines).count == lines.count)
        #expect(lines.contains { $0.hasPrefix("registry.example.internal/nvidia/driver@sha256:") })
        #expect(lines.contains { $0.hasPrefix("registry.example.internal/nvidia/gpu-operator@sha256:") })
        #expect(lines.allSatisfy { $0.hasPrefix("registry.example.internal/") })
    }

    @Test("crd prints the checked-in CRD; version and --help work")
    func crdVersionHelp() throws {
        let crd = try OperatorBinary.run(["crd"])
        let checkedIn = try String(
            contentsOf: OperatorBinary.root.appendingPathComponent("config/crd/nvidia.com_clusterpolicies.yaml"), encoding: .utf8)
        #expect(crd.stdout == checkedIn)
        #expect(try OperatorBinary.run(["version"]).stdout.hasPrefix("swift-gpu-operator "))
        for command in [["--help"], ["run", "--help"], ["images", "--help"], ["crd", "--help"]] {
            let help = try OperatorBinary.run(command)
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE"))
        }
    }
}
