import KubeModels
import Testing

@testable import Manifests

/// Operand fields that must equal upstream's for a takeover of a Helm-installed gpu-operator or for
/// parity with it (`reference/takeover-and-operands.md` §1.3 and §5).
@Suite struct UpstreamParityTests {
    /// The rules of the rendered Role or ClusterRole `name`.
    private func rules(_ objects: [RenderedObject], kind: String, _ name: String) throws -> [PolicyRule] {
        let object = try #require(objects.object(kind: kind, named: name), "no \(kind)/\(name)")
        return try object.body.decode(as: ClusterRole.self).rules ?? []
    }

    /// Whether some rule grants `verbs` on `resource` of `group`.
    private func grants(_ rules: [PolicyRule], _ group: String, _ resource: String, _ verbs: Set<String>) -> Bool {
        rules.contains { rule in
            (rule.apiGroups ?? []).contains(group) && (rule.resources ?? []).contains(resource) && verbs.isSubset(of: rule.verbs)
        }
    }

    /// §1.3: selectors are immutable, so ours must be upstream's exactly.
    @Test(arguments: [
        (DS.validator, ["app": DS.validator, "app.kubernetes.io/part-of": "gpu-operator"]),
        (DS.gfd, ["app": DS.gfd, "app.kubernetes.io/part-of": "nvidia-gpu"]),
        (DS.driver, ["app": DS.driver]), (DS.toolkit, ["app": DS.toolkit]), (DS.devicePlugin, ["app": DS.devicePlugin]),
        (DS.dcgmExporter, ["app": DS.dcgmExporter]),
    ])
    func selectorsAreUpstreams(name: String, selector: [String: String]) throws {
        let ds = try render().daemonSet(named: name)
        #expect(ds.spec?.selector.matchLabels == selector)
        for (key, value) in selector { #expect(ds.podLabels[key] == value, "\(key)") }
    }

    /// §1.2: `daemonsets.labels` reach the DaemonSets, but never replace the pod labels selectors match.
    @Test func userLabelsNeverOverrideSelectorLabelsOnPods() throws {
        let objects = try render {
            $0.daemonsets.labels = ["app": "mine", "app.kubernetes.io/part-of": "mine", "team": "gpu"]
        }
        let daemonSets = try objects.daemonSets()
        #expect(daemonSets.count >= 6)
        for ds in daemonSets {
            let name = ds.metadata.name ?? "?"
            let selector = ds.spec?.selector.matchLabels ?? [:]
            for (key, value) in selector { #expect(ds.podLabels[key] == value, "\(name): \(key)") }
            #expect(ds.podLabels["app"] == name, "\(name)")
            #expect(ds.podLabels["app.kubernetes.io/part-of"] == (name == DS.validator ? "gpu-operator" : "nvidia-gpu"), "\(name)")
            #expect(ds.podLabels["team"] == "gpu", "\(name)")
        }
    }

    @Test func applyPodMetadataSkipsTheSelectorKeys() throws {
        var ds = try render().daemonSet(named: DS.gfd)
        let context = RenderContext(
            policy: policy { $0.daemonsets.labels = ["app": "x", "app.kubernetes.io/part-of": "y", "z": "1"] }, facts: facts())
        DaemonSetTransforms.applyPodMetadata(&ds, context)
        #expect(ds.podLabels["app"] == DS.gfd)
        #expect(ds.podLabels["app.kubernetes.io/part-of"] == "nvidia-gpu")
        #expect(ds.podLabels["z"] == "1")
    }

    /// §5.4: ClusterRole `nvidia-driver`.
    @Test func driverClusterRoleHasUpstreamsRules() throws {
        let rules = try rules(render(), kind: "ClusterRole", "nvidia-driver")
        #expect(grants(rules, "config.openshift.io", "clusterversions", ["get", "list"]))
        #expect(grants(rules, "resource.k8s.io", "resourceclaims", ["get", "list"]))
        #expect(grants(rules, "", "nodes", ["get", "list", "patch", "update", "watch"]))
        #expect(grants(rules, "", "pods", ["get", "list", "watch"]))
        #expect(grants(rules, "", "pods/eviction", ["create"]))
        #expect(grants(rules, "apps", "daemonsets", ["get"]))
        #expect(rules.count == 6)
    }

    /// §5.5: GFD env order with `POD_NAME`, and the Role rule that lets GFD read its pod.
    @Test func gfdHasPodNameAndMayReadItsPod() throws {
        let objects = try render()
        let gfd = try objects.daemonSet(named: DS.gfd).container(GPUFeatureDiscoveryRender.mainContainer)
        #expect(
            Array(gfd.envLines.prefix(5)) == [
                "GFD_SLEEP_INTERVAL=60s", "GFD_FAIL_ON_INIT_ERROR=true", "NAMESPACE=<fieldRef:metadata.namespace>",
                "NODE_NAME=<fieldRef:spec.nodeName>", "POD_NAME=<fieldRef:metadata.name>",
            ])
        #expect(gfd.envNames.dropFirst(5).first == "NVIDIA_MIG_MONITOR_DEVICES", "then the MIG env")
        let rules = try rules(objects, kind: "Role", "nvidia-gpu-feature-discovery")
        #expect(grants(rules, "", "pods", ["get"]))
        #expect(grants(rules, "nfd.k8s-sigs.io", "nodefeatures", ["get", "list", "watch", "create", "update"]))
    }

    /// §5.6: Role `nvidia-dcgm-exporter` reads ConfigMaps with get and list.
    @Test func dcgmExporterRoleGetsAndListsConfigMaps() throws {
        let rules = try rules(render(), kind: "Role", "nvidia-dcgm-exporter")
        #expect(grants(rules, "", "configmaps", ["get", "list"]))
        #expect(!rules.contains { ($0.resources ?? []).contains("pods") }, "pods come from the gated ClusterRole")
    }

    /// §5.1–5.3: the driver container's probe, preStop and `/sys/devices/system` mount.
    @Test func driverContainerMatchesUpstream() throws {
        let ds = try render().daemonSet(named: DS.driver)
        let driver = try ds.container(DriverRender.mainContainer)
        let probe = try #require(driver.startupProbe)
        #expect(probe.exec?.command == ["sh", "/usr/local/bin/startup-probe.sh"])
        #expect(
            [probe.initialDelaySeconds, probe.periodSeconds, probe.timeoutSeconds, probe.failureThreshold, probe.successThreshold]
                == [60, 10, 60, 120, 1])
        #expect(
            driver.lifecycle?.preStop?.exec?.command == [
                "/bin/sh", "-c", "rm -f /run/nvidia/validations/.driver-ctr-ready /run/nvidia/validations/.driver-daemons-status",
            ])
        let mounts = driver.mounts(of: "host-sys-devices-system")
        #expect(mounts.map(\.mountPath) == ["/sys/devices/system"])
        #expect(mounts.first?.readOnly != true)
        let volume = try ds.volume("host-sys-devices-system")
        #expect(volume.hostPath?.path == "/sys/devices/system")
        #expect(volume.hostPath?.type == "Directory")
        #expect(!ds.volumeNames.contains("sysfs-memory-online"))
    }
}
