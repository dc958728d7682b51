import KubeModels
import Testing

@testable import Manifests

/// The DCGM exporter DaemonSet and its pod-reading RBAC (reference §4.3 "DCGM exporter", §2.3).
@Suite struct DCGMExporterRenderTests {
    private static let main = "nvidia-dcgm-exporter"
    private static let readPods = "nvidia-dcgm-exporter-read-pods"

    private func exporter(_ mutate: (inout ClusterPolicySpec) -> Void = { _ in }) throws -> DaemonSet {
        try render(mutate).daemonSet(named: DS.dcgmExporter)
    }

    @Test func templateEnvIsKeptAndTokenIsNotMountedByDefault() throws {
        let ds = try exporter()
        let main = try ds.container(Self.main)
        #expect(main.env("DCGM_EXPORTER_LISTEN") == ":9400")
        #expect(main.env("DCGM_EXPORTER_KUBERNETES") == "true")
        #expect(main.env("DCGM_EXPORTER_COLLECTORS") == "/etc/dcgm-exporter/dcp-metrics-included.csv")
        #expect(ds.pod.automountServiceAccountToken == false)
        #expect(ds.pod.runtimeClassName == "nvidia")
    }

    @Test func standaloneDCGMIsTheRemoteHostEngine() throws {
        #expect(try exporter { $0.dcgm.enabled = true }.container(Self.main).env("DCGM_REMOTE_HOSTENGINE_INFO") == "nvidia-dcgm:5555")
        let embedded = try exporter { $0.dcgm.enabled = false }
        #expect(try embedded.container(Self.main).env("DCGM_REMOTE_HOSTENGINE_INFO") == nil)
        #expect(embedded.pod.hostNetwork != true)
    }

    /// Ways a policy can (or cannot) ask the exporter for pod labels or UIDs.
    enum PodMetadataSetting: String, CaseIterable, Sendable {
        case nothing, enablePodLabels, enablePodUID, podLabelsEnvUpperCase, podUIDEnv, podLabelsEnvFalse

        static let podLabelsEnv = "DCGM_EXPORTER_KUBERNETES_ENABLE_POD_LABELS"

        var enablesPodMetadata: Bool { self != .nothing && self != .podLabelsEnvFalse }

        func apply(to spec: inout ClusterPolicySpec) {
            switch self {
            case .nothing: break
            case .enablePodLabels: spec.dcgmExporter.enablePodLabels = true
            case .enablePodUID: spec.dcgmExporter.enablePodUID = true
            case .podLabelsEnvUpperCase: spec.dcgmExporter.env = [EnvVarSpec(name: Self.podLabelsEnv, value: "TRUE")]
            case .podUIDEnv: spec.dcgmExporter.env = [EnvVarSpec(name: "DCGM_EXPORTER_KUBERNETES_ENABLE_POD_UID", value: "true")]
            case .podLabelsEnvFalse: spec.dcgmExporter.env = [EnvVarSpec(name: Self.podLabelsEnv, value: "false")]
            }
        }
    }

    @Test(arguments: PodMetadataSetting.allCases)
    func readPodsRBACAndTokenOnlyWhenPodMetadataIsEnabled(setting: PodMetadataSetting) throws {
        let objects = try render(setting.apply)
        let enabled = setting.enablesPodMetadata
        #expect((objects.object(kind: "ClusterRole", named: Self.readPods) != nil) == enabled)
        #expect((objects.object(kind: "ClusterRoleBinding", named: Self.readPods) != nil) == enabled)
        #expect(try objects.daemonSet(named: DS.dcgmExporter).pod.automountServiceAccountToken == enabled)
    }

    @Test func podMetadataFieldsBecomeEnv() throws {
        let main = try exporter {
            $0.dcgmExporter.enablePodLabels = true
            $0.dcgmExporter.enablePodUID = true
            $0.dcgmExporter.podLabelAllowlistRegex = ["^app$", "^team.*"]
        }.container(Self.main)
        #expect(main.env("DCGM_EXPORTER_KUBERNETES_ENABLE_POD_LABELS") == "true")
        #expect(main.env("DCGM_EXPORTER_KUBERNETES_ENABLE_POD_UID") == "true")
        #expect(main.env("DCGM_EXPORTER_KUBERNETES_POD_LABEL_ALLOWLIST_REGEX") == "^app$,^team.*")
    }

    @Test func configMapDataEnvMountsTheToken() throws {
        #expect(
            try exporter {
                $0.dcgmExporter.env = [EnvVarSpec(name: "DCGM_EXPORTER_CONFIGMAP_DATA", value: "gpu-operator:metrics")]
            }.pod.automountServiceAccountToken == true)
        #expect(
            try exporter {
                $0.dcgmExporter.env = [EnvVarSpec(name: "DCGM_EXPORTER_CONFIGMAP_DATA", value: "none")]
            }.pod.automountServiceAccountToken == false)
    }

    @Test func customMetricsConfigMapReplacesTheCollectors() throws {
        let ds = try exporter { $0.dcgmExporter.config = NamedConfigSpec(name: "custom-metrics") }
        let main = try ds.container(Self.main)
        #expect(main.env("DCGM_EXPORTER_COLLECTORS") == "/etc/dcgm-exporter/dcgm-metrics.csv")
        let mount = try #require(main.mounts(of: "metrics-config").first)
        #expect(mount.mountPath == "/etc/dcgm-exporter/dcgm-metrics.csv")
        #expect(mount.subPath == "dcgm-metrics.csv")
        let volume = try ds.volume("metrics-config").configMap
        #expect(volume?.name == "custom-metrics")
        #expect(volume?.items?.map(\.key) == ["dcgm-metrics.csv"])
    }

    @Test func hpcJobMappingMountsItsDirectory() throws {
        let ds = try exporter { $0.dcgmExporter.hpcJobMapping = HPCJobMappingSpec(enabled: true, directory: nil) }
        let main = try ds.container(Self.main)
        #expect(main.env("DCGM_HPC_JOB_MAPPING_DIR") == "/var/lib/dcgm-exporter/job-mapping")
        #expect(main.mounts(of: "hpc-job-mapping").first?.readOnly == true)
        let volume = try ds.volume("hpc-job-mapping").hostPath
        #expect(volume?.path == "/var/lib/dcgm-exporter/job-mapping")
        #expect(volume?.type == "DirectoryOrCreate")
    }

    @Test func customKubeletRootMovesPodResources() throws {
        let ds = try exporter { $0.hostPaths.kubeletRootDir = "/var/lib/k0s/kubelet" }
        #expect(try ds.volume("pod-gpu-resources").hostPath?.path == "/var/lib/k0s/kubelet/pod-resources")
    }

    @Test func podAnnotationsHostPIDAndUserEnv() throws {
        let ds = try exporter {
            $0.dcgmExporter.annotations = ["prometheus.io/scrape": "false"]
            $0.dcgmExporter.hostPID = true
            $0.dcgmExporter.env = [EnvVarSpec(name: "DCGM_EXPORTER_LISTEN", value: ":9500")]
        }
        #expect(ds.spec?.template.metadata?.annotations?["prometheus.io/scrape"] == "false")
        #expect(ds.pod.hostPID == true)
        let main = try ds.container(Self.main)
        #expect(main.env("DCGM_EXPORTER_LISTEN") == ":9500")
        #expect(main.envNames.filter { $0 == "DCGM_EXPORTER_LISTEN" }.count == 1)
    }

    @Test func hostNetworkAlsoSetsTheDNSPolicy() throws {
        let ds = try exporter { $0.dcgmExporter.hostNetwork = true }
        #expect(ds.pod.hostNetwork == true)
        #expect(ds.pod.dnsPolicy == "ClusterFirstWithHostNet")
    }
}
