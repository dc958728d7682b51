import KubeModels
import Testing

@testable import Manifests

/// A policy edit applied to a base policy, for the digest's table-driven tests.
struct DigestEdit: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let before: @Sendable (inout ClusterPolicySpec) -> Void
    let after: @Sendable (inout ClusterPolicySpec) -> Void

    init(
        _ description: String, before: @escaping @Sendable (inout ClusterPolicySpec) -> Void = { _ in },
        after: @escaping @Sendable (inout ClusterPolicySpec) -> Void
    ) {
        testDescription = description
        self.before = before
        self.after = after
    }
}

/// `DRIVER_CONFIG_DIGEST` (``DriverInstallDigest``): it changes with what the driver installation depends
/// on, and only with that.
@Suite struct DriverInstallDigestTests {
    /// Facts knowing the keys of every ConfigMap the edits mount.
    private static let configFacts = facts {
        $0.configMapKeys = [
            "kmod-a": ["nvidia.conf"], "kmod-b": ["nvidia.conf"], "repo-a": ["custom.list"], "repo-b": ["custom.list"],
            "cert-a": ["ca.crt"], "cert-b": ["ca.crt"],
        ]
    }

    /// The digest the rendered driver container carries.
    private func digest(_ mutate: (inout ClusterPolicySpec) -> Void) throws -> String {
        let ds = try render(mutate, facts: Self.configFacts).daemonSet(named: DS.driver)
        return try #require(try ds.container("nvidia-driver-ctr").env("DRIVER_CONFIG_DIGEST"))
    }

    /// The digests of the base policy and of the edited one.
    private func digests(_ edit: DigestEdit) throws -> (before: String, after: String) {
        let before = try digest(edit.before)
        let after = try digest {
            edit.before(&$0)
            edit.after(&$0)
        }
        return (before, after)
    }

    /// A complete driver image (a version alone is not a valid image specification).
    private static func driverImage(_ spec: inout ClusterPolicySpec) {
        spec.driver.repository = "nvcr.io/nvidia"
        spec.driver.image = "driver"
        spec.driver.version = "550.54.15"
    }

    static let installChanges: [DigestEdit] = [
        DigestEdit("driver image", before: { driverImage(&$0) }, after: { $0.driver.version = "550.90.07" }),
        DigestEdit(
            "driver manager image",
            before: {
                $0.driver.manager = DriverManagerSpec(repository: "nvcr.io/nvidia/cloud-native", image: "k8s-driver-manager", version: "v0.8.0")
            },
            after: { $0.driver.manager?.version = "v0.8.1" }),
        DigestEdit(
            "driver env value", before: { $0.driver.env = [EnvVarSpec(name: "CUSTOM", value: "1")] },
            after: { $0.driver.env = [EnvVarSpec(name: "CUSTOM", value: "2")] }),
        DigestEdit(
            "driver manager env value", before: { $0.driver.manager = DriverManagerSpec(env: [EnvVarSpec(name: "CUSTOM", value: "1")]) },
            after: { $0.driver.manager?.env = [EnvVarSpec(name: "CUSTOM", value: "2")] }),
        DigestEdit("proxy env", after: { $0.driver.env = [EnvVarSpec(name: "HTTPS_PROXY", value: "http://proxy.local:3128")] }),
        DigestEdit("driver args", after: { $0.driver.args = ["--debug"] }),
        DigestEdit("kernel module type", after: { $0.driver.kernelModuleType = "open" }),
        DigestEdit(
            "kernelModuleConfig name", before: { $0.driver.kernelModuleConfig = NamedConfigSpec(name: "kmod-a") },
            after: { $0.driver.kernelModuleConfig = NamedConfigSpec(name: "kmod-b") }),
        DigestEdit(
            "repoConfig name", before: { $0.driver.repoConfig = DriverRepoConfigSpec(configMapName: "repo-a") },
            after: { $0.driver.repoConfig = DriverRepoConfigSpec(configMapName: "repo-b") }),
        DigestEdit(
            "certConfig name", before: { $0.driver.certConfig = NamedConfigSpec(name: "cert-a") },
            after: { $0.driver.certConfig = NamedConfigSpec(name: "cert-b") }),
        DigestEdit(
            "licensing ConfigMap name", before: { $0.driver.licensingConfig = DriverLicensingConfigSpec(configMapName: "lic-a") },
            after: { $0.driver.licensingConfig = DriverLicensingConfigSpec(configMapName: "lic-b") }),
        DigestEdit(
            "licensing ConfigMap to Secret", before: { $0.driver.licensingConfig = DriverLicensingConfigSpec(configMapName: "lic-a") },
            after: { $0.driver.licensingConfig = DriverLicensingConfigSpec(secretName: "lic-a") }),
        DigestEdit(
            "virtual topology config", after: { $0.driver.virtualTopology = VirtualTopologyConfigSpec(config: "topology") }),
        DigestEdit("secretEnv", after: { $0.driver.secretEnv = "driver-secrets" }),
        DigestEdit("host root", after: { $0.hostPaths.rootFS = "/host-fs" }),
    ]

    @Test(arguments: installChanges)
    func changesWithWhatTheInstallationDependsOn(_ edit: DigestEdit) throws {
        let (before, after) = try digests(edit)
        #expect(before != after)
    }

    static let cosmeticChanges: [DigestEdit] = [
        DigestEdit("daemonsets.labels", after: { $0.daemonsets.labels = ["team": "gpu"] }),
        DigestEdit("daemonsets.annotations", after: { $0.daemonsets.annotations = ["owner": "gpu-team"] }),
        DigestEdit(
            "driver.resources",
            after: { $0.driver.resources = ResourceRequirements(limits: ["memory": .string("2Gi")], requests: ["cpu": .string("100m")]) }
        ),
        DigestEdit(
            "startup probe timing",
            after: { $0.driver.startupProbe = ContainerProbeSpec(initialDelaySeconds: 5, periodSeconds: 20, failureThreshold: 200) }),
        DigestEdit(
            "tolerations", after: { $0.daemonsets.tolerations = [Toleration(key: "gpu", operator: "Exists", effect: "NoSchedule")] }),
        DigestEdit("priorityClassName", after: { $0.daemonsets.priorityClassName = "gpu-critical" }),
        DigestEdit(
            "image pull policy and secrets",
            after: {
                $0.driver.imagePullPolicy = "Always"
                $0.driver.imagePullSecrets = ["registry-secret"]
            }),
        DigestEdit("upgrade policy outside the manager's env", after: { $0.driver.upgradePolicy = DriverUpgradePolicySpec(maxParallelUpgrades: 3) }),
    ]

    @Test(arguments: cosmeticChanges)
    func staysWithWhatDoesNotAffectTheInstallation(_ edit: DigestEdit) throws {
        let (before, after) = try digests(edit)
        #expect(before == after)
    }

    @Test func precompiledDigestFollowsTheKernel() throws {
        let objects = try render(
            {
                Self.driverImage(&$0)
                $0.driver.usePrecompiled = true
            },
            facts: facts {
                $0.kernels = [
                    KernelFact(version: "5.15.0-105-generic", os: "ubuntu22.04"), KernelFact(version: "5.15.0-106-generic", os: "ubuntu22.04"),
                ]
            })
        let digests = try objects.daemonSets().filter { $0.metadata.name?.hasPrefix(DS.driver) == true }.map {
            try #require(try $0.container("nvidia-driver-ctr").env("DRIVER_CONFIG_DIGEST"))
        }
        #expect(digests.count == 2)
        #expect(Set(digests).count == 2)

        // The kernel node selector counts by itself, other node selectors do not.
        let pod = try render().daemonSet(named: DS.driver).pod
        var pinned = pod
        pinned.nodeSelector = (pod.nodeSelector ?? [:]).merging([DriverInstallDigest.kernelSelector: "5.15.0-105-generic"]) { _, new in new }
        var otherKernel = pinned
        otherKernel.nodeSelector?[DriverInstallDigest.kernelSelector] = "5.15.0-106-generic"
        var otherSelector = pod
        otherSelector.nodeSelector = (pod.nodeSelector ?? [:]).merging(["pool": "gpu"]) { _, new in new }
        #expect(DriverInstallDigest.of(pinned) != DriverInstallDigest.of(pod))
        #expect(DriverInstallDigest.of(pinned) != DriverInstallDigest.of(otherKernel))
        #expect(DriverInstallDigest.of(otherSelector) == DriverInstallDigest.of(pod))
    }

    @Test func envFromValueFromIsNotAnInput() throws {
        let pod = try render().daemonSet(named: DS.driver).pod
        let reference = try JSONValue.object([
            "name": "POD_NAME", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]],
        ]).decode(as: EnvVar.self)
        var edited = pod
        for index in edited.containers.indices { edited.containers[index].env?.append(reference) }
        for index in (edited.initContainers ?? []).indices { edited.initContainers![index].env?.append(reference) }
        #expect(DriverInstallDigest.of(edited) == DriverInstallDigest.of(pod))

        var literal = pod
        literal.containers[0].env?.append(EnvVar(name: "POD_NAME", value: "driver"))
        #expect(DriverInstallDigest.of(literal) != DriverInstallDigest.of(pod))
    }

    @Test func coversTheDriverCommandMountsAndVolumes() throws {
        let pod = try render().daemonSet(named: DS.driver).pod
        var command = pod
        command.containers[0].command = ["nvidia-driver", "reinstall"]
        var mount = pod
        mount.containers[0].volumeMounts?.append(VolumeMount(name: "extra", mountPath: "/extra", readOnly: true))
        var readOnly = pod
        readOnly.containers[0].volumeMounts?[0].readOnly = true
        var volume = pod
        volume.volumes?.append(Volume(name: "extra"))
        var hostPath = pod
        hostPath.volumes = pod.volumes?.map { volume in
            var volume = volume
            if volume.name == "nv-firmware" { volume.hostPath?.path = "/opt/nvidia/firmware" }
            return volume
        }
        let base = DriverInstallDigest.of(pod)
        for (name, edited) in [("command", command), ("mount", mount), ("readOnly", readOnly), ("volume", volume), ("hostPath", hostPath)] {
            #expect(DriverInstallDigest.of(edited) != base, "\(name)")
        }
    }

    @Test func ignoresOrderEmptyFieldsAndOtherContainerFields() throws {
        let pod = try render { $0.driver.env = [EnvVarSpec(name: "A", value: "1"), EnvVarSpec(name: "B", value: "2")] }
            .daemonSet(named: DS.driver).pod
        var reordered = pod
        reordered.containers[0].env?.reverse()
        reordered.containers[0].volumeMounts?.reverse()
        reordered.volumes?.reverse()
        #expect(pod.containers[0].envFrom == nil && pod.containers[0].volumeMounts?[0].subPath == nil)
        #expect(pod.containers[0].volumeMounts?[0].readOnly != true)
        var empty = pod
        empty.containers[0].envFrom = []
        empty.containers[0].volumeMounts?[0].subPath = ""
        empty.containers[0].volumeMounts?[0].readOnly = false
        empty.containers[0].env?.append(EnvVar(name: "DRIVER_CONFIG_DIGEST", value: "12345"))
        var cosmetic = pod
        cosmetic.containers[0].imagePullPolicy = "Never"
        cosmetic.containers[0].terminationMessagePath = "/tmp/log"
        cosmetic.containers[0].startupProbe = nil
        cosmetic.hostNetwork = true
        let base = DriverInstallDigest.of(pod)
        #expect(DriverInstallDigest.of(reordered) == base)
        #expect(DriverInstallDigest.of(empty) == base)
        #expect(DriverInstallDigest.of(cosmetic) == base)
    }

    @Test func stampedDigestIsTheFinishedPodsOnBothContainers() throws {
        let ds = try render(
            {
                $0.driver.env = [EnvVarSpec(name: "CUSTOM", value: "1")]
                $0.driver.kernelModuleConfig = NamedConfigSpec(name: "kmod-a")
                $0.hostPaths.rootFS = "/host-fs"
                $0.daemonsets.labels = ["team": "gpu"]
            }, facts: Self.configFacts
        )
        .daemonSet(named: DS.driver)
        let stamped = try #require(try ds.container("nvidia-driver-ctr").env("DRIVER_CONFIG_DIGEST"))
        #expect(try ds.container("k8s-driver-manager").env("DRIVER_CONFIG_DIGEST") == stamped)
        #expect(DriverInstallDigest.of(ds.pod) == stamped, "computed on the finished pod, ignoring its own variable")
    }

    @Test func inputsListWhatUpstreamCovers() throws {
        let pod = try render {
            $0.driver.secretEnv = "driver-secrets"
            $0.driver.licensingConfig = DriverLicensingConfigSpec(secretName: "licensing")
            $0.hostPaths.rootFS = "/host-fs"
        }
        .daemonSet(named: DS.driver).pod
        let inputs = DriverInstallDigest.inputs(of: pod)
        #expect(inputs["hostRoot"] == "/host-fs")
        #expect(inputs["driverEnvFromSecrets"] == ["driver-secrets"])
        #expect(inputs["driverImage"]?.stringValue?.contains("driver") == true)
        #expect(inputs["driverManagerImage"]?.stringValue?.contains("k8s-driver-manager") == true)
        let volumes = inputs["volumes"]?.arrayValue ?? []
        #expect(volumes.contains(["name": "licensing-config", "secretName": "licensing"]))
        let managerEnv = inputs["driverManagerEnv"]?.arrayValue ?? []
        #expect(managerEnv.contains(["name": "HOST_ROOT", "value": "/host-fs"]))
        #expect(!managerEnv.contains { $0["name"] == "NODE_NAME" }, "valueFrom variables are not inputs")
        #expect(inputs["usePrecompiled"] == nil)
        #expect(inputs["kernelVersion"] == nil)
    }
}
