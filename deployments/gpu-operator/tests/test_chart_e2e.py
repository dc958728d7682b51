"""The chart against kube-sim: `helm template | kubectl apply` and real Helm releases (install,
upgrade, uninstall through helm-python-sdk, the Go SDK users run), with the operator started as the
chart's Deployment starts it."""
import json
import unittest

import yaml

from chart_support import CHART, NAMESPACE, SimulatedCluster, eventually, find, helm_python, render, require_helm, values


class TemplateApplyTests(unittest.TestCase):
    def setUp(self):
        require_helm()
        self.cluster = SimulatedCluster()
        self.addCleanup(self.cluster.close)

    def apply(self, overrides):
        """`helm template --include-crds | kubectl apply -f -`, CRDs first, then the operator as the
        chart's Deployment runs it; returns the ready ClusterPolicy."""
        objects = render(overrides)
        crds = [o for o in objects if o["kind"] == "CustomResourceDefinition"]
        rest = [o for o in objects if o["kind"] != "CustomResourceDefinition"]
        self.cluster.kubectl("create", "namespace", NAMESPACE)
        self.cluster.kubectl("apply", "-f", "-", stdin=yaml.safe_dump_all(crds))
        self.cluster.kubectl("apply", "-f", "-", stdin=yaml.safe_dump_all(rest))
        self.cluster.start_operator(find(objects, "Deployment", "gpu-operator"))
        return self.cluster.wait_ready()

    def test_the_default_render_applied_with_kubectl_converges(self):
        self.apply(None)
        plugin = self.cluster.get("daemonset", "nvidia-device-plugin-daemonset", "-n", NAMESPACE)
        self.assertEqual(plugin["spec"]["template"]["spec"]["containers"][0]["image"], "nvcr.io/nvidia/k8s-device-plugin:v0.20.0")

    def test_nvidia_default_values_rendered_and_applied_with_kubectl_converge(self):
        policy = self.apply(values("nvidia-default-v24.6"))
        conditions = {c["type"]: c for c in policy["status"].get("conditions", [])}
        self.assertNotEqual(conditions.get("Error", {}).get("status"), "True", conditions)
        names = {d["metadata"]["name"] for d in self.cluster.get("daemonsets", "-n", NAMESPACE)["items"]}
        for operand in ["nvidia-driver-daemonset", "nvidia-container-toolkit-daemonset", "nvidia-device-plugin-daemonset",
                        "nvidia-dcgm-exporter", "gpu-feature-discovery", "nvidia-operator-validator", "node-feature-discovery-worker"]:
            self.assertIn(operand, names)
        plugin = self.cluster.get("daemonset", "nvidia-device-plugin-daemonset", "-n", NAMESPACE)
        image = plugin["spec"]["template"]["spec"]["containers"][0]["image"]
        self.assertEqual(image, "nvcr.io/nvidia/k8s-device-plugin:v0.16.1-ubi8", "the values file's image, not a default")


class HelmReleaseTests(unittest.TestCase):
    def setUp(self):
        require_helm()
        self.cluster = SimulatedCluster()
        self.addCleanup(self.cluster.close)
        self.helm = helm_python.Config(kubeconfig_path=str(self.cluster.kubeconfig), namespace=NAMESPACE)

    def test_dry_run_creates_nothing(self):
        client = self.helm.install(str(CHART), "gpu-operator", None, namespace=NAMESPACE, create_namespace=True, dry_run="client")
        self.assertIn("kind: ClusterPolicy", client["manifest"])
        # The server cannot validate a ClusterPolicy before crds/ is installed: the dry run succeeds,
        # validating everything else, and leaves the ClusterPolicy out (NOTES.txt says so).
        server = self.helm.install(str(CHART), "gpu-operator", None, namespace=NAMESPACE, create_namespace=True, dry_run="server")
        self.assertIn("kind: Deployment", server["manifest"])
        self.assertNotIn("kind: ClusterPolicy", server["manifest"])
        self.assertIsNone(self.cluster.get("deployment", "gpu-operator", "-n", NAMESPACE))
        self.assertIsNone(self.cluster.get("crd", "clusterpolicies.nvidia.com"))

    def test_install_upgrade_uninstall(self):
        release = self.helm.install(str(CHART), "gpu-operator", values("nfd-off"), namespace=NAMESPACE, create_namespace=True)
        self.assertEqual(release["status"], "deployed")
        rendered = [d for d in yaml.safe_load_all(release["manifest"]) if d]
        self.cluster.start_operator(find(rendered, "Deployment", "gpu-operator"))
        self.cluster.wait_ready()
        plugin = self.cluster.get("daemonset", "nvidia-device-plugin-daemonset", "-n", NAMESPACE)
        self.assertNotIn("CHART_UPGRADE", json.dumps(plugin["spec"]["template"]))

        upgraded = values("nfd-off", )
        upgraded["devicePlugin"] = {"env": [{"name": "CHART_UPGRADE", "value": "2"}]}
        release = self.helm.upgrade(str(CHART), "gpu-operator", upgraded, namespace=NAMESPACE)
        self.assertEqual(release["revision"], 2)

        def rolled():
            ds = self.cluster.get("daemonset", "nvidia-device-plugin-daemonset", "-n", NAMESPACE)
            env = ds["spec"]["template"]["spec"]["containers"][0].get("env", [])
            status = ds.get("status", {})
            return (any(e.get("name") == "CHART_UPGRADE" for e in env)
                    and status.get("observedGeneration") == ds["metadata"]["generation"]
                    and status.get("updatedNumberScheduled") == status.get("desiredNumberScheduled") == status.get("numberReady"))
        eventually("the device plugin DaemonSet to roll out the upgraded env", rolled)
        self.cluster.wait_ready()

        self.helm.uninstall("gpu-operator")
        for kind, name in [("deployment", "gpu-operator"), ("clusterpolicy", "cluster-policy")]:
            eventually(f"{kind} {name} to be removed", lambda: self.cluster.get(kind, name, "-n", NAMESPACE) is None)
        eventually("the operand DaemonSets owned by the ClusterPolicy to be collected",
                   lambda: self.cluster.get("daemonsets", "-n", NAMESPACE)["items"] == [])
        for kind, name in [("clusterrole", "gpu-operator"), ("clusterrolebinding", "gpu-operator")]:
            self.assertIsNone(self.cluster.get(kind, name), f"{kind} {name} left behind")
        kept = {("ServiceAccount", "default"), ("ConfigMap", "kube-root-ca.crt")}

        def leftovers():
            found = self.cluster.get("daemonsets,deployments,services,configmaps,serviceaccounts,roles,rolebindings", "-n", NAMESPACE)
            return {(o["kind"], o["metadata"]["name"]) for o in found["items"]} - kept
        eventually("every namespaced object of the release and the ClusterPolicy to be gone", lambda: leftovers() == set())
        owned = [o["metadata"]["name"] for o in self.cluster.get("clusterroles,clusterrolebindings,runtimeclasses")["items"]
                 if any(r.get("kind") == "ClusterPolicy" for r in o["metadata"].get("ownerReferences", []))]
        self.assertEqual(owned, [], "cluster-scoped objects the ClusterPolicy owned")
        self.assertEqual(self.cluster.get("secrets", "-n", NAMESPACE, "-l", "owner=helm")["items"], [], "release records left")


if __name__ == "__main__":
    unittest.main()
