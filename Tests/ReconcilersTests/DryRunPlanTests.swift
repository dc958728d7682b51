import Foundation
import KubeModels
import Testing

@testable import Manifests
@testable import Reconcilers

/// The live dry run's pure core: unified diffs, the live-to-rendered projection, object changes and
/// per-node plans.
@Suite struct DryRunPlanTests {
    @Test("unified diff: diff -u's hunks, removals before additions, nil for equal texts")
    func unifiedDiff() {
        let diff = UnifiedDiff.diff(old: "a\nb\nc\n", new: "a\nB\nc\nd\n", oldName: "live/x", newName: "rendered/x")
        #expect(diff == "--- live/x\n+++ rendered/x\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n")
        #expect(UnifiedDiff.diff(old: "same\n", new: "same\n", oldName: "a", newName: "b") == nil)
        #expect(UnifiedDiff.diff(old: "", new: "x\n", oldName: "a", newName: "b") == "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x\n")
        let long = (1...20).map(String.init).joined(separator: "\n") + "\n"
        let edited = long.replacingOccurrences(of: "\n2\n", with: "\ntwo\n").replacingOccurrences(of: "\n19\n", with: "\nnineteen\n")
        let hunks = UnifiedDiff.diff(old: long, new: edited, oldName: "a", newName: "b")?.split(separator: "\n").filter { $0.hasPrefix("@@") }
        #expect(hunks == ["@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@"], "changes far apart get their own hunks with 3 lines of context")
    }

    @Test("the live object is cut to the rendered fields: server defaults, status and server metadata never show")
    func projection() {
        let rendered: JSONValue = [
            "metadata": ["name": "ds", "labels": ["app": "x"]],
            "spec": ["template": ["spec": ["containers": [["name": "c", "image": "new"]]]]],
        ]
        let live: JSONValue = [
            "metadata": ["name": "ds", "labels": ["app": "x"], "uid": "u", "resourceVersion": "7", "managedFields": []],
            "spec": [
                "revisionHistoryLimit": 10,
                "template": ["spec": ["containers": [["name": "c", "image": "old", "terminationMessagePath": "/dev/termination-log"]]]],
            ],
            "status": ["numberReady": 3],
        ]
        #expect(
            LiveComparison.project(live, onto: rendered) == [
                "metadata": ["name": "ds", "labels": ["app": "x"]], "spec": ["template": ["spec": ["containers": [["name": "c", "image": "old"]]]]],
            ])
    }

    static func daemonSet(_ name: String, image: String, nodeSelector: [String: String] = [:], digest: String? = nil) -> JSONValue {
        var container: JSONValue = ["name": "main", "image": .string(image)]
        if let digest { container["env"] = [["name": "DRIVER_CONFIG_DIGEST", "value": .string(digest)]] }
        return [
            "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": .string(name), "namespace": "gpu-operator"],
            "spec": ["template": ["spec": ["nodeSelector": .object(nodeSelector.mapValues { .string($0) }), "containers": [container]]]],
        ]
    }

    static func rendered(_ body: JSONValue) -> RenderedObject { RenderedObject(component: .devicePlugin, resourceType: .daemonSets, body: body) }

    static func pod(_ name: String, node: String, owner: String? = nil, namespace: String = "gpu-operator", gpu: Bool = false) -> Pod {
        var metadata = ObjectMeta(name: name, namespace: namespace)
        if let owner {
            metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "DaemonSet", name: owner, uid: "u", controller: true)]
        }
        var container = Container(name: "c", image: "busybox")
        if gpu { container.resources = ResourceRequirements(limits: ["nvidia.com/gpu": "1"]) }
        var spec = PodSpec(containers: [container])
        spec.nodeName = node
        return Pod(metadata: metadata, spec: spec)
    }

    @Test("changes: an unchanged object is left out, a changed one diffs, a missing one is created, a prunable one deleted")
    func objectChanges() throws {
        let same = Self.daemonSet("same", image: "a")
        let changed = Self.daemonSet("changed", image: "new")
        let created = Self.daemonSet("created", image: "c")
        let live: [ObjectIdentity: JSONValue] = [
            ObjectIdentity(Self.rendered(same)): same, ObjectIdentity(Self.rendered(changed)): Self.daemonSet("changed", image: "old"),
        ]
        let gone = ObjectIdentity(resourceType: .daemonSets, namespace: "gpu-operator", name: "gone")
        let changes = try ObjectChanges.compute(
            rendered: [same, changed, created].map(Self.rendered), live: live, deletions: [gone: Self.daemonSet("gone", image: "g")])
        #expect(changes.map(\.identity.name) == ["changed", "created", "gone"])
        #expect(changes.map(\.action) == [.update, .create, .delete])
        #expect(changes[0].diff.contains("-      - image: old\n+      - image: new\n"))
        #expect(changes[0].diff.hasPrefix("--- live/apps.v1.DaemonSet.gpu-operator.changed\n+++ rendered/apps.v1.DaemonSet.gpu-operator.changed\n"))
        #expect(ObjectChanges.fileName(ObjectIdentity(resourceType: .configMaps, namespace: "ns", name: "cm")) == "v1.ConfigMap.ns.cm")
    }

    @Test(
        "plan: a changed template restarts the node's pod and pulls the new image; a driver change goes through the upgrade sequence naming GPU pods")
    func nodePlan() throws {
        var node = NodeSnapshot(name: "gpu-1", labels: ["feature.node.kubernetes.io/pci-10de.present": "true", "nvidia.com/gpu.present": "true"])
        node.runtimeFlavor = RuntimeFlavor()
        var spec = ClusterPolicySpec()
        let labelled = NodeLabelRules.changes(for: node.labels, spec: spec, runtimeFlavor: node.runtimeFlavor)
        for (key, value) in labelled { node.labels[key] = value }
        let plugin = ObjectChange(
            identity: ObjectIdentity(resourceType: .daemonSets, namespace: "gpu-operator", name: "nvidia-device-plugin-daemonset"), action: .update,
            live: Self.daemonSet("nvidia-device-plugin-daemonset", image: "plugin:1"),
            rendered: Self.daemonSet("nvidia-device-plugin-daemonset", image: "plugin:2"), diff: "")
        let driver = ObjectChange(
            identity: ObjectIdentity(resourceType: .daemonSets, namespace: "gpu-operator", name: "nvidia-driver-daemonset"), action: .update,
            live: Self.daemonSet("nvidia-driver-daemonset", image: "driver:1", digest: "1"),
            rendered: Self.daemonSet("nvidia-driver-daemonset", image: "driver:2", digest: "2"), diff: "")
        let cluster = NodePlanner.Cluster(
            nodes: [node],
            operandPods: [
                Self.pod("plugin-abc", node: "gpu-1", owner: "nvidia-device-plugin-daemonset"),
                Self.pod("driver-xyz", node: "gpu-1", owner: "nvidia-driver-daemonset"),
            ],
            gpuPods: [Self.pod("train", node: "gpu-1", namespace: "ml", gpu: true), Self.pod("elsewhere", node: "gpu-2", namespace: "ml", gpu: true)])
        let plans = NodePlanner.plan(changes: [plugin, driver], spec: spec, cluster: cluster)
        #expect(
            plans == [
                NodePlan(
                    node: "gpu-1",
                    actions: [
                        "rolling restart of nvidia-device-plugin-daemonset pod plugin-abc", "pulls plugin:2",
                        "driver restart through the upgrade sequence: cordon, evict GPU pods ml/train, restart driver pod driver-xyz, validate, uncordon",
                        "pulls driver:2",
                    ])
            ])
        spec.driver.upgradePolicy = DriverUpgradePolicySpec()
        spec.driver.upgradePolicy?.autoUpgrade = false
        let off = NodePlanner.plan(changes: [driver], spec: spec, cluster: cluster)
        #expect(off[0].actions.first?.contains("is not restarted (driver.upgradePolicy.autoUpgrade is off)") == true)
        var relabelled = Self.daemonSet("nvidia-driver-daemonset", image: "driver:1", digest: "1")
        relabelled["spec"]?["template"]?["metadata"] = ["labels": ["x": "y"]]
        let sameDigest = ObjectChange(
            identity: driver.identity, action: .update, live: Self.daemonSet("nvidia-driver-daemonset", image: "driver:1", digest: "1"),
            rendered: relabelled, diff: "")
        spec.driver.upgradePolicy?.autoUpgrade = true
        #expect(
            NodePlanner.plan(changes: [sameDigest], spec: spec, cluster: cluster)[0].actions == [
                "driver pod driver-xyz restarts without evicting workloads (the driver installation is unchanged)"
            ])
    }

    @Test("plan: label changes name the operands a node gains or loses; a new DaemonSet reaches only the nodes it selects")
    func labelsAndNewDaemonSets() {
        var node = NodeSnapshot(name: "gpu-1", labels: ["feature.node.kubernetes.io/pci-10de.present": "true", "nvidia.com/gpu.present": "true"])
        node.runtimeFlavor = RuntimeFlavor()
        var spec = ClusterPolicySpec()
        spec.sandboxWorkloads.enabled = false
        let cluster = NodePlanner.Cluster(nodes: [node], operandPods: [], gpuPods: [])
        let created = ObjectChange(
            identity: ObjectIdentity(resourceType: .daemonSets, namespace: "gpu-operator", name: "new-ds"), action: .create, live: nil,
            rendered: Self.daemonSet("new-ds", image: "img:1", nodeSelector: ["nvidia.com/gpu.deploy.device-plugin": "true"]), diff: "")
        let actions = NodePlanner.plan(changes: [created], spec: spec, cluster: cluster)[0].actions
        #expect(actions.contains("gains device-plugin (label nvidia.com/gpu.deploy.device-plugin=true)"))
        #expect(actions.contains("gains a new-ds pod (new DaemonSet)") && actions.contains("pulls img:1"))
        let elsewhere = ObjectChange(
            identity: created.identity, action: .create, live: nil,
            rendered: Self.daemonSet("new-ds", image: "img:1", nodeSelector: ["nvidia.com/gpu.deploy.other": "true"]), diff: "")
        #expect(!NodePlanner.plan(changes: [elsewhere], spec: spec, cluster: cluster)[0].actions.contains { $0.contains("new-ds") })
    }
}
