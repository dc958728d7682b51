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
        DigestEdit(
            "upgrade policy drain (not mapped into the manager's env)",
            after: { $0.driver.upgradePolicy = DriverUpgradePolicySpec(drain: DrainSpec(enable: true, force: true, timeoutSeconds: 60)) }),
        DigestEdit("liveness probe timing", after: { $0.driver.livenessProbe = ContainerProbeSpec(periodSeconds: 30) }),
    ]

    @Test(arguments: cosmeticChanges)
    func staysWithWhatDoesNotAffectTheInstallation(_ edit: DigestEdit) throws {
        let (before, after) = try digests(edit)
        #expect(before == after)
    }

    @Test func precompiledDigestFollowsTheKernelThroughTheImageOnly() throws {
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
        let daemonSets = try objects.daemonSets().filter { $0.metadata.name?.hasPrefix(DS.driver) == true }
        let digests = try daemonSets.map { try #require(try $0.container("nvidia-driver-ctr").env("DRIVER_CONFIG_DIGEST")) }
        #expect(digests.count == 2)
        #expect(Set(digests).count == 2, "each kernel has its own image")

        // As upstream, the node selector (the kernel's included) is not an input: only the image is.
        let pod = try #require(daemonSets.first).pod
        var otherKernel = pod
        otherKernel.nodeSelector?["feature.node.kubernetes.io/kernel-version.full"] = "6.8.0-1-generic"
        var noSelector = pod
        noSelector.nodeSelector = nil
        #expect(DriverInstallDigest.of(otherKernel) == DriverInstallDigest.of(pod))
        #expect(DriverInstallDigest.of(noSelector) == DriverInstallDigest.of(pod))
        #expect(DriverInstallDigest.inputs(of: pod)["UsePrecompiled"] == nil)
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
        var configMap = pod
        configMap.volumes = pod.volumes?.map { volume in
            var volume = volume
            if volume.name == "driver-startup-probe-script" { volume.configMap?.name = "other-probe" }
            return volume
        }
        var mountPath = pod
        mountPath.containers[0].volumeMounts?[0].mountPath = "/run/nvidia-elsewhere"
        var subPath = pod
        subPath.containers[0].volumeMounts?[0].subPath = "sub"
        var image = pod
        image.containers[0].image = "example.com/driver:1"
        var args = pod
        args.containers[0].args = ["init", "--debug"]
        let base = DriverInstallDigest.of(pod)
        let edits = [
            ("command", command), ("mount", mount), ("readOnly", readOnly), ("volume", volume), ("hostPath", hostPath),
            ("configMap", configMap), ("mountPath", mountPath), ("subPath", subPath), ("image", image), ("args", args),
        ]
        for (name, edited) in edits {
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

    @Test func inputsAreUpstreamsFields() throws {
        let pod = try render {
            $0.driver.secretEnv = "driver-secrets"
            $0.driver.licensingConfig = DriverLicensingConfigSpec(secretName: "licensing")
            $0.hostPaths.rootFS = "/host-fs"
        }
        .daemonSet(named: DS.driver).pod
        let inputs = DriverInstallDigest.inputs(of: pod)
        let keys = Set(inputs.objectValue?.keys.map { $0 } ?? [])
        #expect(
            keys == [
                "DriverManagerImage", "ManagerEnv", "DriverImage", "DriverCommand", "DriverArgs", "DriverEnv", "SecretEnvSource",
                "AdditionalVolumeMounts", "AdditionalVolumes", "HostRoot",
            ])
        #expect(inputs["HostRoot"] == "/host-fs")
        #expect(inputs["SecretEnvSource"] == "driver-secrets")
        #expect(inputs["DriverCommand"] == ["nvidia-driver"])
        #expect(inputs["DriverArgs"] == ["init"])
        let volumes = inputs["AdditionalVolumes"]?.arrayValue ?? []
        #expect(volumes.contains(["Name": "licensing-config", "SecretName": "licensing"]))
        #expect(volumes.contains(["Name": "run-nvidia", "HostPath": "/run/nvidia"]))
        #expect(volumes.contains(["Name": "driver-startup-probe-script", "ConfigMapName": "nvidia-driver-startup-probe"]))
        let mounts = inputs["AdditionalVolumeMounts"]?.arrayValue ?? []
        #expect(
            mounts.contains([
                "Name": "driver-startup-probe-script", "MountPath": "/usr/local/bin/startup-probe.sh", "SubPath": "startup-probe.sh",
                "ReadOnly": true,
            ]))
        let managerEnv = inputs["ManagerEnv"]?.arrayValue ?? []
        #expect(managerEnv.contains(["Name": "HOST_ROOT", "Value": "/host-fs"]))
        #expect(managerEnv.contains(["Name": "DRAIN_POD_SELECTOR_LABEL"]), "an empty literal counts by its name")
        #expect(!managerEnv.contains { $0["Name"] == "NODE_NAME" }, "valueFrom variables are not inputs")
        let names = managerEnv.compactMap { $0["Name"]?.stringValue }
        #expect(names == names.sorted())
    }

    @Test func theManagerCountsByImageAndEnvOnly() throws {
        let pod = try render().daemonSet(named: DS.driver).pod
        let base = DriverInstallDigest.of(pod)
        var ignored = pod
        try ignored.editContainer(named: DriverRender.managerContainer) { manager in
            manager.command = ["driver-manager", "--debug"]
            manager.args = ["reload"]
            manager.volumeMounts?.removeAll()
            manager.securityContext = nil
        }
        #expect(DriverInstallDigest.of(ignored) == base)
        var image = pod
        try image.editContainer(named: DriverRender.managerContainer) { $0.image = "example.com/k8s-driver-manager:v9" }
        var env = pod
        try env.editContainer(named: DriverRender.managerContainer) { $0.setEnv("ENABLE_AUTO_DRAIN", "true") }
        #expect(DriverInstallDigest.of(image) != base)
        #expect(DriverInstallDigest.of(env) != base)
    }

    @Test func podFieldsUpstreamLeavesOutDoNotCount() throws {
        let pod = try render().daemonSet(named: DS.driver).pod
        var edited = pod
        edited.nodeSelector = ["pool": "gpu"]
        edited.priorityClassName = "other"
        edited.tolerations = nil
        edited.affinity = nil
        edited.hostPID = false
        edited.serviceAccountName = "someone"
        edited.containers[0].resources = ResourceRequirements(limits: ["memory": .string("4Gi")])
        var security = SecurityContext()
        security.privileged = false
        edited.containers[0].securityContext = security
        edited.containers[0].startupProbe?.periodSeconds = 99
        edited.containers[0].lifecycle = nil
        #expect(DriverInstallDigest.of(edited) == DriverInstallDigest.of(pod))
    }

    @Test func theLastEnvFromSecretCounts() throws {
        let pod = try render { $0.driver.secretEnv = "first" }.daemonSet(named: DS.driver).pod
        var two = pod
        two.containers[0].envFrom?.append(EnvFromSource(secretName: "second"))
        #expect(DriverInstallDigest.inputs(of: two)["SecretEnvSource"] == "second")
        var sameLast = two
        sameLast.containers[0].envFrom?[0].secretRef?.name = "changed"
        #expect(DriverInstallDigest.of(sameLast) == DriverInstallDigest.of(two))
        #expect(DriverInstallDigest.of(two) != DriverInstallDigest.of(pod))
    }

    @Test func sidecarsCountAsUpstreamsDo() throws {
        let pod = try render().daemonSet(named: DS.driver).pod
        func with(_ name: String, image: String = "sidecar:1", env: [EnvVar] = []) -> PodSpec {
            var edited = pod
            var container = Container(name: name, image: image)
            container.env = env
            edited.containers.append(container)
            return edited
        }
        let base = DriverInstallDigest.of(pod)
        for name in ["nvidia-peermem-ctr", "nvidia-fs-ctr", "nvidia-gdrcopy-ctr", "openshift-driver-toolkit-ctr"] {
            #expect(DriverInstallDigest.of(with(name)) != base, "\(name) present")
            #expect(DriverInstallDigest.of(with(name, image: "sidecar:2")) != DriverInstallDigest.of(with(name)), "\(name) image")
        }
        let flag = [EnvVar(name: "FLAG", value: "1")]
        for name in ["nvidia-fs-ctr", "nvidia-gdrcopy-ctr"] {
            #expect(DriverInstallDigest.of(with(name, env: flag)) != DriverInstallDigest.of(with(name)), "\(name) env counts")
        }
        for name in ["nvidia-peermem-ctr", "openshift-driver-toolkit-ctr"] {
            #expect(DriverInstallDigest.of(with(name, env: flag)) == DriverInstallDigest.of(with(name)), "\(name) env does not count")
        }
        #expect(DriverInstallDigest.of(with("some-other-ctr")) == base, "other containers do not count")
        #expect(DriverInstallDigest.inputs(of: with("nvidia-peermem-ctr"))["GPUDirectRDMAEnabled"] == true)
    }
}
