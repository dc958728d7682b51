import KubeModels
import Testing

@testable import Manifests

/// Properties of a whole render: what `spec: {}` deploys, ownership labels, the hash annotation,
/// determinism, namespaces and the common DaemonSet settings (reference §4.1, §6.2).
@Suite struct RendererTests {
    /// The DaemonSets `spec: {}` must deploy and the container whose image is the built-in default.
    private static let defaultImages: [(daemonSet: String, container: String, image: String)] = [
        (DS.driver, "nvidia-driver-ctr", "nvcr.io/nvidia/driver:595.91.07-ubuntu22.04"),
        (DS.driver, "k8s-driver-manager", "nvcr.io/nvidia/cloud-native/k8s-driver-manager:v0.12.0"),
        (DS.toolkit, "nvidia-container-toolkit-ctr", "nvcr.io/nvidia/k8s/container-toolkit:v1.20.0"),
        (DS.validator, "nvidia-operator-validator", "ghcr.io/swift-gpu-operator/operator:0.1.0"),
        (DS.devicePlugin, "nvidia-device-plugin", "nvcr.io/nvidia/k8s-device-plugin:v0.20.0"),
        (DS.dcgmExporter, "nvidia-dcgm-exporter", "nvcr.io/nvidia/k8s/dcgm-exporter:4.6.0-4.8.3-distroless"),
        (DS.gfd, "gpu-feature-discovery", "nvcr.io/nvidia/k8s-device-plugin:v0.20.0"),
    ]

    private static let emptySpec = """
        apiVersion: nvidia.com/v1
        kind: ClusterPolicy
        metadata:
          name: cluster-policy
        spec: {}
        """

    @Test func emptySpecRendersTheOperandDaemonSetsWithBuiltInImages() throws {
        let loaded = try load(Self.emptySpec)
        let objects = try Renderer.render(loaded.policy, facts: ClusterFacts()).objects
        let names = Set(objects.daemonSetNames)
        for name in [DS.driver, DS.toolkit, DS.validator, DS.devicePlugin, DS.dcgmExporter, DS.gfd] {
            #expect(names.contains(name), "\(name)")
        }
        for (daemonSet, container, image) in Self.defaultImages {
            #expect(try objects.daemonSet(named: daemonSet).container(container).image == image, "\(daemonSet)/\(container)")
        }
    }

    /// Upstream's code default for `dcgm.enabled` is true (its Helm chart sets false), so an empty spec
    /// also deploys the standalone host engine and points the exporter at it.
    @Test func emptySpecAlsoDeploysStandaloneDCGMAsUpstreamCodeDoes() throws {
        let objects = try render()
        #expect(
            objects.daemonSetNames == [
                DS.driver, DS.toolkit, DS.validator, DS.devicePlugin, DS.mpsControlDaemon, DS.dcgm, DS.dcgmExporter, DS.gfd, DS.migManager,
            ])
        let dcgm = try objects.daemonSet(named: DS.dcgm).container("nvidia-dcgm-ctr")
        #expect(dcgm.image == "nvcr.io/nvidia/cloud-native/dcgm:4.6.0-1-ubuntu24.04")
        let exporter = try objects.daemonSet(named: DS.dcgmExporter).container("nvidia-dcgm-exporter")
        #expect(exporter.env("DCGM_REMOTE_HOSTENGINE_INFO") == "nvidia-dcgm:5555")
    }

    @Test func noPlaceholderSurvivesTheRender() throws {
        for object in try render(
            { $0.dcgmExporter.serviceMonitor = ServiceMonitorConfig(enabled: true) },
            facts: facts { $0.serviceMonitorCRD = true })
        {
            #expect(!object.body.serializedString().contains(TemplateLibrary.placeholder), "\(object.reference)")
        }
    }

    /// Components whose objects carry `app.kubernetes.io/component=<value>`.
    private static let componentLabels: [Component: String] = [
        .preRequisites: "pre-requisites", .operatorMetrics: "operator-metrics", .driver: "nvidia-driver",
        .containerToolkit: "container-toolkit", .operatorValidation: "operator-validation", .devicePlugin: "device-plugin",
        .mpsControlDaemon: "mps-control-daemon", .dcgm: "dcgm", .dcgmExporter: "dcgm-exporter",
        .gpuFeatureDiscovery: "gpu-feature-discovery", .migManager: "mig-manager",
    ]

    @Test func everyOwnedObjectCarriesTheOwnershipLabels() throws {
        let objects = try render(
            {
                $0.daemonsets.labels = ["app.kubernetes.io/managed-by": "helm", "team": "gpu"]
                $0.dcgmExporter.enablePodLabels = true
            }, facts: facts { $0.serviceMonitorCRD = true })
        let owned = objects.filter(\.isOwned)
        #expect(Set(owned.map(\.component)) == Set(Self.componentLabels.keys))
        for object in owned {
            let labels = object.body[path: ["metadata", "labels"]]
            #expect(labels?["app.kubernetes.io/managed-by"] == "gpu-operator", "\(object.reference)")
            #expect(labels?["app.kubernetes.io/component"]?.stringValue == Self.componentLabels[object.component], "\(object.reference)")
        }
    }

    @Test func onlyTheNamespaceIsNotOwned() throws {
        let unowned = try render().filter { !$0.isOwned }
        #expect(unowned.map(\.reference) == ["Namespace/gpu-operator"])
    }

    @Test func everyObjectsHashAnnotationIsTheHashOfItsBody() throws {
        let objects = try render(
            { $0.dcgmExporter.serviceMonitor = ServiceMonitorConfig(enabled: true) },
            facts: facts { $0.serviceMonitorCRD = true })
        #expect(objects.filter { $0.hash == nil }.map(\.reference) == [], "objects without a hash annotation")
        let mismatched = objects.filter { $0.hash != ObjectHash.of($0.body) }.map(\.reference)
        #expect(mismatched == [], "hash annotation differs from ObjectHash.of(body) on \(mismatched.count) of \(objects.count) objects")
    }

    @Test func hashIgnoresOwnerReferencesAndItself() throws {
        let body: JSONValue = ["kind": "ConfigMap", "metadata": ["name": "a", "annotations": ["x": "1"]], "data": ["k": "v"]]
        var annotated = body
        annotated["metadata"]?["annotations"]?[OwnershipLabels.hashAnnotation] = "123"
        annotated["metadata"]?["ownerReferences"] = [["kind": "ClusterPolicy", "name": "cluster-policy"]]
        #expect(ObjectHash.of(annotated) == ObjectHash.of(body))
        var changed = body
        changed["data"]?["k"] = "w"
        #expect(ObjectHash.of(changed) != ObjectHash.of(body))
    }

    @Test func hashChangesWhenTheRenderedObjectChanges() throws {
        let before = try render().daemonSet(named: DS.devicePlugin)
        let after = try render { $0.devicePlugin.env = [EnvVarSpec(name: "LOG_LEVEL", value: "debug")] }.daemonSet(named: DS.devicePlugin)
        #expect(before.metadata.annotations?[OwnershipLabels.hashAnnotation] != after.metadata.annotations?[OwnershipLabels.hashAnnotation])
    }

    @Test func renderingTwiceGivesIdenticalOutput() throws {
        let edit: (inout ClusterPolicySpec) -> Void = {
            $0.daemonsets.labels = ["a": "1", "b": "2", "c": "3"]
            $0.daemonsets.annotations = ["x": "1", "y": "2"]
            $0.dcgmExporter.serviceMonitor = ServiceMonitorConfig(enabled: true, additionalLabels: ["p": "1", "q": "2"])
            $0.driver.kernelModuleConfig = NamedConfigSpec(name: "kmc")
        }
        let clusterFacts = facts {
            $0.serviceMonitorCRD = true
            $0.configMapKeys = ["kmc": ["b.conf", "a.conf", "c.conf"]]
        }
        let first = try render(edit, facts: clusterFacts)
        let second = try render(edit, facts: clusterFacts)
        #expect(first == second)
        #expect(first.map { $0.body.serializedString() } == second.map { $0.body.serializedString() })
        #expect(try YAMLWriter.stream(first.map(\.body)) == YAMLWriter.stream(second.map(\.body)))
    }

    @Test func namespacedObjectsGoToTheOperatorNamespace() throws {
        let objects = try render(facts: facts { $0.namespace = "nvidia-gpu-operator" })
        #expect(objects.first?.reference == "Namespace/nvidia-gpu-operator")
        for object in objects where object.resourceType.isNamespaced {
            #expect(object.namespace == "nvidia-gpu-operator", "\(object.reference)")
        }
        for binding in objects.objects(kind: "RoleBinding") + objects.objects(kind: "ClusterRoleBinding") {
            for subject in binding.body["subjects"]?.arrayValue ?? [] {
                #expect(subject["namespace"] == "nvidia-gpu-operator", "\(binding.reference)")
            }
        }
    }

    @Test func psaLabelsTheNamespacePrivileged() throws {
        let namespace = try #require(try render { $0.psa.enabled = true }.first)
        #expect(namespace.body[path: ["metadata", "labels", "pod-security.kubernetes.io/enforce"]] == "privileged")
    }

    @Test func daemonsetsSettingsReachEveryOperand() throws {
        let objects = try render {
            $0.daemonsets.labels = ["team": "gpu", "app": "ignored-on-pods"]
            $0.daemonsets.annotations = ["owner": "platform"]
            $0.daemonsets.priorityClassName = "gpu-critical"
            $0.daemonsets.tolerations = [Toleration(key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule")]
        }
        for ds in try objects.daemonSets() {
            let name = ds.metadata.name ?? "?"
            #expect(ds.metadata.labels?["team"] == "gpu", "\(name)")
            #expect(ds.metadata.annotations?["owner"] == "platform", "\(name)")
            #expect(ds.podLabels["team"] == "gpu", "\(name)")
            #expect(ds.podLabels["app"] == ds.spec?.selector.matchLabels?["app"], "\(name): the pod must still match its selector")
            #expect(ds.spec?.template.metadata?.annotations?["owner"] == "platform", "\(name)")
            #expect(ds.pod.priorityClassName == "gpu-critical", "\(name)")
            #expect(ds.pod.tolerations?.map(\.key) == ["dedicated"], "\(name)")
        }
    }

    @Test func customHostRootMovesHostRootAndDevCharAndIsAnnounced() throws {
        let ds = try render { $0.hostPaths.rootFS = "/host-fs" }.daemonSet(named: DS.toolkit)
        #expect(try ds.volume("host-root").hostPath?.path == "/host-fs")
        #expect(try ds.volume("host-dev-char").hostPath?.path == "/host-fs/dev/char")
        for name in ds.containerNames {
            #expect(try ds.container(name).env("HOST_ROOT") == "/host-fs", "\(name)")
        }
    }

    @Test(arguments: ["", "/"])
    func hostRootOfSlashChangesNothing(rootFS: String) throws {
        let ds = try render { $0.hostPaths.rootFS = rootFS }.daemonSet(named: DS.toolkit)
        #expect(try ds.volume("host-root").hostPath?.path == "/")
        #expect(try ds.container("nvidia-container-toolkit-ctr").env("HOST_ROOT") == nil)
    }

    @Test func disabledComponentsRenderNothing() throws {
        let result = try Renderer.render(
            policy {
                $0.driver.enabled = false
                $0.toolkit.enabled = false
                $0.devicePlugin.enabled = false
                $0.dcgm.enabled = false
                $0.dcgmExporter.enabled = false
                $0.gfd.enabled = false
                $0.migManager.enabled = false
            }, facts: ClusterFacts())
        #expect(result.enabledComponents == [.preRequisites, .operatorMetrics, .operatorValidation])
        #expect(result.objects.daemonSetNames == [DS.validator])
    }

    @Test func openShiftIsRejected() throws {
        let error = try #require(renderError({ _ in }, facts: facts { $0.openShift = true }))
        #expect(error.message.contains("OpenShift"))
    }
}
