"""The chart rendered with the real Helm engine: lint, schema validity of every built-in object,
NVIDIA's renders field for field, the operator accepting what the chart renders, and the generated
parts in sync with config/."""
import subprocess
import sys
import unittest

import yaml

from chart_support import CHART, ROOT, TESTS, binaries, find, helm_python, render, require_helm, values

# Values files that are rendered alone (over our defaults) and over NVIDIA's default values file.
CASES = ["k3s-toolkit", "preinstalled-driver", "time-slicing", "mixed-mig", "servicemonitor", "private-registry", "nfd-off",
         "upgrade-policy"]
NVIDIA_DEFAULT = "nvidia-default-v24.6"
KUBERNETES_VERSIONS = ["1.29.0", "1.33.0"]
CUSTOM_GROUPS = ("nvidia.com/", "monitoring.coreos.com/", "nfd.k8s-sigs.io/")


def case_values():
    """(description, values) for the defaults, each case alone, NVIDIA's file, and each case over it."""
    yield "defaults", None
    for case in CASES:
        yield case, values(case)
    yield NVIDIA_DEFAULT, values(NVIDIA_DEFAULT)
    for case in CASES:
        yield f"{NVIDIA_DEFAULT} + {case}", values(NVIDIA_DEFAULT, case)


class ChartTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_helm()

    def test_generated_parts_are_in_sync_with_config(self):
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "sync-chart.py"), "--check"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_lint_passes_for_every_values_file(self):
        for description, overrides in case_values():
            with self.subTest(description):
                report = helm_python.lint(CHART, overrides, strict=True, namespace="gpu-operator")
                # Helm's severities: 1 info, 2 warning, 3 error. Info ("icon is recommended") is allowed.
                problems = [m for m in report.get("messages", []) if m.get("severity", 0) >= 2]
                self.assertEqual(report.get("errors") or [], [], report)
                self.assertEqual(problems, [], report)

    def test_every_built_in_object_passes_kubernetes_validate_strict(self):
        import kubernetes_validate
        for description, overrides in case_values():
            for obj in render(overrides):
                if obj["apiVersion"].startswith(CUSTOM_GROUPS):
                    continue
                for version in KUBERNETES_VERSIONS:
                    with self.subTest(f"{description}: {obj['kind']}/{obj['metadata']['name']} on {version}"):
                        try:
                            kubernetes_validate.validate(obj, version, strict=True)
                        except kubernetes_validate.ValidationError as error:
                            self.fail(f"{error.message} at {'.'.join(str(p) for p in error.path)}")

    def test_cluster_policy_matches_nvidia_renders_field_for_field(self):
        renders = sorted((TESTS / "nvidia-renders").glob("*.yaml"))
        self.assertGreaterEqual(len(renders), 4)
        for path in renders:
            text = path.read_text()
            names = next(line for line in text.splitlines() if line.startswith("# values:")).split(":", 1)[1].split()
            expected = yaml.safe_load(text)
            with self.subTest(path.name):
                ours = find(render(values(*names)), "ClusterPolicy")["spec"]
                self.assertEqual(without_deliberate_differences(ours, expected), expected)

    def test_only_set_image_fields_are_written_and_versions_are_strings(self):
        spec = find(render({"driver": {"version": 550}}), "ClusterPolicy")["spec"]
        self.assertEqual(spec["driver"]["version"], "550")
        self.assertEqual({k: spec["validator"][k] for k in ("repository", "image", "version")},
                         {"repository": "ghcr.io/swift-gpu-operator", "image": "operator", "version": "0.1.0"},
                         "by default the validator is the operator's own image, at its version")
        nvidia = find(render({"validator": {"repository": "nvcr.io/nvidia", "image": "gpu-operator"}}), "ClusterPolicy")["spec"]
        self.assertEqual(nvidia["validator"]["version"], "v26.7.0", "NVIDIA's image at the NVIDIA release this chart mirrors")
        mirrored = find(render(values("private-registry") | {"validator": {}}), "ClusterPolicy")["spec"]
        self.assertEqual(mirrored["validator"]["repository"], "registry.example.com/gpu", "the validator follows operatorImage")

    def test_config_maps_from_values(self):
        objects = render(values("time-slicing"))
        config = find(objects, "ConfigMap", "time-slicing-config")
        self.assertIn("timeSlicing", config["data"]["any"])
        plugin = find(objects, "ClusterPolicy")["spec"]["devicePlugin"]["config"]
        self.assertEqual(plugin, {"name": "time-slicing-config", "default": "any"})
        mig = render(values("mixed-mig"))
        self.assertIn("mig-configs", find(mig, "ConfigMap", "custom-mig-parted-config")["data"]["config.yaml"])
        self.assertEqual(find(mig, "ClusterPolicy")["spec"]["mig"], {"strategy": "mixed"})

    def test_a_config_map_to_create_without_a_name_is_a_clear_error(self):
        with self.assertRaises(helm_python.HelmError) as raised:
            render({"devicePlugin": {"config": {"create": True, "data": {"a": "b"}}}})
        self.assertIn("devicePlugin.config.create is true but devicePlugin.config.name is empty", str(raised.exception))

    def test_nfd_is_deployed_unless_disabled(self):
        kinds = {(o["kind"], o["metadata"]["name"]) for o in render(None)}
        for expected in [("Deployment", "node-feature-discovery-master"), ("DaemonSet", "node-feature-discovery-worker"),
                         ("Deployment", "node-feature-discovery-gc"), ("CustomResourceDefinition", "nodefeatures.nfd.k8s-sigs.io")]:
            self.assertIn(expected, kinds)
        without = {o["kind"] for o in render(values("nfd-off")) if "node-feature-discovery" in o["metadata"]["name"]}
        self.assertEqual(without, set())

    def test_everything_namespaced_is_in_the_release_namespace(self):
        for obj in render(None, namespace="gpu-system"):
            if obj["kind"] in ("ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Deployment", "DaemonSet"):
                self.assertEqual(obj["metadata"].get("namespace"), "gpu-system", f"{obj['kind']}/{obj['metadata']['name']}")
            for subject in obj.get("subjects", []):
                if subject.get("kind") == "ServiceAccount":
                    self.assertEqual(subject["namespace"], "gpu-system")

    def test_operator_deployment_follows_values(self):
        deployment = find(render(values("private-registry")), "Deployment", "gpu-operator")
        pod = deployment["spec"]["template"]["spec"]
        self.assertEqual(pod["containers"][0]["image"], "registry.example.com/gpu/operator:0.1.0")
        self.assertEqual(pod["imagePullSecrets"], [{"name": "registry-secret"}])
        self.assertEqual(deployment["spec"]["selector"]["matchLabels"], {"app": "gpu-operator", "app.kubernetes.io/component": "gpu-operator"})
        nvidia = find(render(values(NVIDIA_DEFAULT)), "Deployment", "gpu-operator")
        self.assertEqual(nvidia["spec"]["template"]["spec"]["containers"][0]["image"], "ghcr.io/swift-gpu-operator/operator:0.1.0",
                         "NVIDIA's operator.repository/image name NVIDIA's operator, which this chart never runs")
        self.assertEqual(nvidia["spec"]["template"]["metadata"]["annotations"], {"openshift.io/scc": "restricted-readonly"})
        self.assertEqual(nvidia["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"], {"cpu": "500m", "memory": "350Mi"})
        debug = find(render({"operator": {"logging": {"level": 3}}}), "Deployment", "gpu-operator")
        self.assertEqual(debug["spec"]["template"]["spec"]["containers"][0]["args"], ["run", "--leader-elect", "--log-level", "debug"])

    def test_the_crd_is_the_one_the_operator_installs(self):
        bin_dir = binaries()
        printed = subprocess.run([str(bin_dir / "operator"), "crd"], capture_output=True, text=True, timeout=60).stdout
        self.assertEqual((CHART / "crds" / "nvidia.com_clusterpolicies.yaml").read_text(), printed)

    def test_the_operator_accepts_every_rendered_cluster_policy(self):
        bin_dir = binaries()
        for description, overrides in case_values():
            policy = find(render(overrides), "ClusterPolicy")
            with self.subTest(description):
                result = subprocess.run([str(bin_dir / "operator"), "--dry-run", "-f", "-"], input=yaml.safe_dump(policy),
                                        capture_output=True, text=True, timeout=60)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertNotIn("error", result.stderr.lower())

    def test_service_monitors_from_values_are_rendered_by_the_operator(self):
        bin_dir = binaries()
        policy = find(render(values("servicemonitor")), "ClusterPolicy")
        result = subprocess.run([str(bin_dir / "operator"), "--dry-run", "-f", "-", "--service-monitor-crd"], input=yaml.safe_dump(policy),
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        monitors = {o["metadata"]["name"]: o for o in yaml.safe_load_all(result.stdout) if o and o["kind"] == "ServiceMonitor"}
        self.assertEqual(set(monitors), {"gpu-operator", "nvidia-dcgm-exporter"})
        for monitor in monitors.values():
            self.assertEqual(monitor["metadata"]["labels"].get("release"), "prometheus")

    def test_default_images_are_the_operators_built_in_defaults(self):
        bin_dir = binaries()

        def images(policy: dict) -> set[str]:
            result = subprocess.run([str(bin_dir / "operator"), "images", "-f", "-"], input=yaml.safe_dump(policy),
                                    capture_output=True, text=True, timeout=60)
            self.assertEqual(result.returncode, 0, result.stderr)
            return set(result.stdout.split())

        charted = find(render(None), "ClusterPolicy")
        bare = {"apiVersion": "nvidia.com/v1", "kind": "ClusterPolicy", "metadata": {"name": "cluster-policy"},
                "spec": {"migManager": {"enabled": True}, "dcgm": {"enabled": False}}}
        self.assertEqual(images(charted), images(bare))


def without_deliberate_differences(ours: dict, nvidia: dict) -> dict:
    """Our spec with the differences tests/nvidia-renders/README.md lists set to NVIDIA's values."""
    ours = yaml.safe_load(yaml.safe_dump(ours))
    ours["daemonsets"]["labels"]["helm.sh/chart"] = nvidia["daemonsets"]["labels"]["helm.sh/chart"]
    if "env" in nvidia.get("ccManager", {}) or "env" in ours.get("ccManager", {}):
        ours["ccManager"]["env"] = nvidia["ccManager"].get("env")
        if ours["ccManager"]["env"] is None:
            del ours["ccManager"]["env"]
    for section, key in [("toolkit", "args"), ("devicePlugin", "mps"), ("operator", "metrics")]:
        if key not in nvidia.get(section, {}):
            ours.get(section, {}).pop(key, None)
    return ours


if __name__ == "__main__":
    unittest.main()
