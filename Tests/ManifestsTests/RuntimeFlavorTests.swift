import KubeModels
import Testing

@testable import Manifests

/// Each distribution's detection from what its nodes publish, and the toolkit paths it gets.
@Suite struct RuntimeFlavorTests {
    struct NodeCase: Sendable, CustomTestStringConvertible {
        var kubelet: String
        var runtime: String
        var labels: [String: String] = [:]
        var annotations: [String: String] = [:]
        var expected: String
        var testDescription: String { expected }
    }

    static let nodes: [NodeCase] = [
        NodeCase(kubelet: "v1.31.4", runtime: "containerd://1.7.20", expected: "kubernetes-containerd1"),
        NodeCase(kubelet: "v1.32.1", runtime: "containerd://2.0.4", expected: "kubernetes-containerd2"),
        NodeCase(kubelet: "v1.30.4", runtime: "cri-o://1.30.4", expected: "kubernetes-crio"),
        NodeCase(kubelet: "v1.31.4+k3s1", runtime: "containerd://1.7.23-k3s2", expected: "k3s-containerd1"),
        NodeCase(kubelet: "v1.32.2+k3s1", runtime: "containerd://2.0.2-k3s2", expected: "k3s-containerd2"),
        // A cloud provider may replace instance-type; the node-args annotation still tells.
        NodeCase(
            kubelet: "v1.31.4", runtime: "containerd://1.7.23-k3s2", labels: ["node.kubernetes.io/instance-type": "m5.xlarge"],
            annotations: ["k3s.io/node-args": "[\"agent\"]"], expected: "k3s-containerd1"),
        // RKE2 embeds k3s and carries k3s' marks too: RKE2 wins.
        NodeCase(
            kubelet: "v1.31.4+rke2r1", runtime: "containerd://1.7.23-k3s2", annotations: ["k3s.io/node-args": "[]", "rke2.io/node-args": "[]"],
            expected: "rke2-containerd1"),
        NodeCase(
            kubelet: "v1.31.4", runtime: "containerd://1.7.23-k3s2", labels: ["node.kubernetes.io/instance-type": "rke2"],
            expected: "rke2-containerd1"),
        NodeCase(kubelet: "v1.32.0", runtime: "containerd://1.7.24", labels: ["microk8s.io/cluster": "true"], expected: "microk8s-containerd1"),
        NodeCase(kubelet: "v1.31.3+k0s", runtime: "containerd://1.7.24", expected: "k0s-containerd1"),
    ]

    @Test("detection from kubelet version, runtime version, labels and annotations", arguments: nodes)
    func detects(_ node: NodeCase) {
        let flavor = RuntimeFlavor.detect(
            kubeletVersion: node.kubelet, containerRuntimeVersion: node.runtime, labels: node.labels, annotations: node.annotations)
        #expect(flavor.name == node.expected)
    }

    @Test("an unknown or missing runtime version is containerd 1, the layout every distribution had before containerd 2")
    func unknownVersion() {
        #expect(
            RuntimeFlavor.detect(kubeletVersion: nil, containerRuntimeVersion: nil, labels: [:], annotations: [:]).name == "kubernetes-containerd1")
        #expect(RuntimeFlavor(runtime: .docker, containerdVersion: "1.7").containerdVersion == nil)
    }

    static let paths: [(KubernetesDistribution, String?, [String])] = [
        (
            .k3s, "1.7.23-k3s2",
            [
                "CONTAINERD_CONFIG=/runtime/config-dir/config.toml.tmpl", "CONTAINERD_SOCKET=/runtime/sock-dir/containerd.sock",
                "RUNTIME_CONFIG_SOURCE=file=/host/var/lib/rancher/k3s/agent/etc/containerd/config.toml",
            ]
        ),
        (.k3s, "2.0.2-k3s2", ["CONTAINERD_CONFIG=/runtime/config-dir/config-v3.toml.tmpl"]),
        (.rke2, "1.7.23-k3s2", ["RUNTIME_CONFIG_SOURCE=file=/host/var/lib/rancher/rke2/agent/etc/containerd/config.toml"]),
        (.microk8s, nil, ["CONTAINERD_CONFIG=/runtime/config-dir/containerd-template.toml", "CONTAINERD_SOCKET=/runtime/sock-dir/containerd.sock"]),
        (.k0s, nil, ["CONTAINERD_CONFIG=/runtime/config-dir/nvidia.toml", "RUNTIME_EXECUTABLE_PATH=/var/lib/k0s/bin/containerd"]),
    ]

    @Test("the toolkit gets each distribution's containerd paths with no env in the policy", arguments: paths)
    func toolkitPaths(distribution: KubernetesDistribution, version: String?, expected: [String]) throws {
        let flavor = RuntimeFlavor(distribution: distribution, containerdVersion: version)
        let ds = try render(facts: facts { $0.runtimeFlavors = [flavor] }).daemonSet(named: DS.toolkit)
        let env = try env(of: "nvidia-container-toolkit-ctr", in: ds)
        for line in expected { #expect(env.contains(line), "\(line) in \(env)") }
    }

    @Test("the host directories mounted are the distribution's")
    func hostPaths() throws {
        let ds = try render(facts: facts { $0.runtimeFlavors = [RuntimeFlavor(distribution: .k3s, containerdVersion: "2.0.2-k3s2")] })
            .daemonSet(named: DS.toolkit)
        #expect(try ds.volume("containerd-config").hostPath?.path == "/var/lib/rancher/k3s/agent/etc/containerd")
        #expect(try ds.volume("containerd-socket").hostPath?.path == "/run/k3s/containerd")
    }

    @Test("env set in the ClusterPolicy wins over the detected distribution's")
    func policyEnvWins() throws {
        let ds = try render(
            { $0.toolkit.env = [EnvVarSpec(name: "CONTAINERD_SOCKET", value: "/custom/containerd.sock")] },
            facts: facts { $0.runtimeFlavors = [RuntimeFlavor(distribution: .k3s)] }
        ).daemonSet(named: DS.toolkit)
        let env = try env(of: "nvidia-container-toolkit-ctr", in: ds)
        #expect(env.contains("CONTAINERD_SOCKET=/runtime/sock-dir/containerd.sock"))
        #expect(try ds.volume("containerd-socket").hostPath?.path == "/custom")
        #expect(env.contains("CONTAINERD_CONFIG=/runtime/config-dir/config.toml.tmpl"), "the variables the policy leaves out still come from k3s")
    }

    @Test("mixed flavours: one toolkit DaemonSet per configuration, each pinned to its flavours by the node label")
    func mixedFlavoursSplit() throws {
        let flavors = [
            RuntimeFlavor(distribution: .kubernetes, containerdVersion: "1.7.20"),
            RuntimeFlavor(distribution: .kubernetes, containerdVersion: "2.0.4"),
            RuntimeFlavor(distribution: .k3s, containerdVersion: "1.7.23-k3s2"),
        ]
        let objects = try render(facts: facts { $0.runtimeFlavors = flavors })
        let names = try objects.daemonSets().compactMap(\.metadata.name).filter { $0.hasPrefix(DS.toolkit) }.sorted()
        #expect(names == ["\(DS.toolkit)-k3s-containerd1", "\(DS.toolkit)-kubernetes-containerd1"])
        let upstream = try objects.daemonSet(named: "\(DS.toolkit)-kubernetes-containerd1")
        let terms = upstream.spec?.template.spec.affinity?[path: [
            "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms",
        ]]
        #expect(
            terms == [
                [
                    "matchExpressions": [
                        ["key": "nvidia.com/gpu.runtime-flavor", "operator": "In", "values": ["kubernetes-containerd1", "kubernetes-containerd2"]]
                    ]
                ]
            ])
        #expect(upstream.spec?.selector.matchLabels?["app"] == "\(DS.toolkit)-kubernetes-containerd1")
        let k3s = try env(of: "nvidia-container-toolkit-ctr", in: objects.daemonSet(named: "\(DS.toolkit)-k3s-containerd1"))
        #expect(k3s.contains("CONTAINERD_CONFIG=/runtime/config-dir/config.toml.tmpl"))
        #expect(!(try env(of: "nvidia-container-toolkit-ctr", in: upstream)).contains { $0.hasPrefix("RUNTIME_CONFIG_SOURCE=") })
    }

    @Test("one flavour keeps the one DaemonSet under its usual name, with no flavour affinity")
    func singleFlavourKeepsName() throws {
        let ds = try render(facts: facts { $0.runtimeFlavors = [RuntimeFlavor(distribution: .rke2)] }).daemonSet(named: DS.toolkit)
        #expect(ds.spec?.template.spec.affinity == nil)
    }

    @Test("facts files take distribution and containerdVersion as shorthand for one flavour")
    func factsShorthand() throws {
        let document = try YAMLReader.documents(in: "distribution: k3s\ncontainerdVersion: 2.0.2-k3s2\n", file: "facts.yaml")[0]
        let decoded = try document.value.decode(as: ClusterFacts.self)
        #expect(decoded.flavors == [RuntimeFlavor(distribution: .k3s, containerdVersion: "2.0.2-k3s2")])
        #expect(ClusterFacts().flavors == [RuntimeFlavor()])
    }
}
