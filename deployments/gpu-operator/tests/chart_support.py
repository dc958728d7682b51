"""Shared helpers of the chart tests: rendering with the real Helm engine (helm-python-sdk), the
operator and kube-sim binaries, and a kube-sim cluster with bounded waits."""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

import yaml

TESTS = Path(__file__).resolve().parent
CHART = TESTS.parent
ROOT = CHART.parent.parent
VALUES = TESTS / "values"
NAMESPACE = "gpu-operator"

try:
    import helm_python
except ImportError:  # the tests skip, naming what is missing
    helm_python = None


def require_helm():
    if helm_python is None:
        raise unittest.SkipTest("helm-python-sdk is not installed (scripts/setup.sh installs it into .venv)")


def values(*names: str) -> dict:
    """The values files of tests/values merged left to right, as `helm -f a -f b` merges them."""
    merged: dict = {}
    for name in names:
        merged = merge(merged, yaml.safe_load((VALUES / f"{name}.yaml").read_text()) or {})
    return merged


def merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        out[key] = merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def render(overrides: dict | None = None, namespace: str = NAMESPACE) -> list[dict]:
    """Every object the chart renders (templates, then crds/), as `helm template --include-crds`."""
    require_helm()
    chart = helm_python.Chart.load(CHART)
    manifests = chart.render(overrides, name="gpu-operator", namespace=namespace)
    objects = []
    for path, text in sorted(manifests.items()):
        if path.endswith("NOTES.txt"):
            continue
        objects += [doc for doc in yaml.safe_load_all(text) if doc]
    for crd in chart.crds:
        objects += [doc for doc in yaml.safe_load_all(crd.get("data", "")) if doc]
    return objects


def find(objects: list[dict], kind: str, name: str | None = None) -> dict:
    matches = [o for o in objects if o["kind"] == kind and (name is None or o["metadata"]["name"] == name)]
    if len(matches) != 1:
        raise AssertionError(f"expected one {kind} {name or ''}, found {len(matches)}")
    return matches[0]


def binaries() -> Path:
    """The directory of the built `operator` and `kube-sim`; skips when they are not built."""
    explicit = os.environ.get("BIN")
    if explicit:
        directory = Path(explicit)
    else:
        try:
            out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, timeout=120)
            directory = Path(out.stdout.strip())
        except (OSError, subprocess.TimeoutExpired):
            raise unittest.SkipTest("swift is not on PATH, and BIN does not name the build directory")
    for tool in ("operator", "kube-sim"):
        if not (directory / tool).exists():
            raise unittest.SkipTest(f"{directory / tool} is not built (run swift build)")
    return directory


def eventually(description: str, condition, timeout: float = 120, interval: float = 0.25):
    """Polls `condition` until it returns a truthy value; fails naming `description` after `timeout` s."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {description} (last: {last!r})")


class SimulatedCluster:
    """kube-sim on a free port, with a kubeconfig; kubectl and the operator binary run against it."""

    def __init__(self, gpu_nodes: int = 2, cpu_nodes: int = 1):
        if shutil.which("kubectl") is None:
            raise unittest.SkipTest("kubectl is not installed")
        self.bin = binaries()
        self.work = Path(tempfile.mkdtemp(prefix="chart-e2e-"))
        self.kubeconfig = self.work / "kubeconfig"
        self.processes: list[subprocess.Popen] = []
        self.files = []
        self.sim = self._start(
            [str(self.bin / "kube-sim"), "serve", "--port", "0", "--kubeconfig-out", str(self.kubeconfig),
             "--gpu-nodes", str(gpu_nodes), "--cpu-nodes", str(cpu_nodes), "--pod-ready-delay", "0.2s"],
            stdout=self._file("sim.out"), stderr=self._file("sim.err"))
        eventually("kube-sim to listen", lambda: (self.work / "sim.out").read_text().startswith("ready "), timeout=60)

    def _file(self, name: str):
        handle = open(self.work / name, "w")
        self.files.append(handle)
        return handle

    def _start(self, argv, **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(argv, start_new_session=True, **kwargs)
        self.processes.append(process)
        return process

    def kubectl(self, *args: str, stdin: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(["kubectl", "--kubeconfig", str(self.kubeconfig), *args], input=stdin,
                                capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"kubectl {' '.join(args)} failed: {result.stderr}")
        return result

    def get(self, *args: str):
        """`kubectl get -o json`, parsed; None when the object does not exist."""
        result = self.kubectl("get", *args, "-o", "json", check=False)
        return json.loads(result.stdout) if result.returncode == 0 else None

    def start_operator(self, deployment: dict) -> subprocess.Popen:
        """Runs the operator as the chart's Deployment runs it: its arguments and environment (the
        downward API's namespace resolved), plus the kubeconfig and local probe addresses."""
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        env = dict(os.environ)
        for variable in container.get("env", []):
            if "value" in variable:
                env[variable["name"]] = variable["value"]
            elif variable.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") == "metadata.namespace":
                env[variable["name"]] = deployment["metadata"]["namespace"]
        argv = [str(self.bin / "operator"), *container["args"], "--kubeconfig", str(self.kubeconfig),
                "--health-probe-bind-address", "127.0.0.1:0", "--metrics-bind-address", "127.0.0.1:0"]
        self.operator_log = self.work / "operator.log"
        return self._start(argv, env=env, stdout=subprocess.DEVNULL, stderr=self._file("operator.log"))

    def wait_ready(self, timeout: float = 120) -> dict:
        def state():
            policy = self.get("clusterpolicy", "cluster-policy")
            return policy if policy and policy.get("status", {}).get("state") == "ready" else None
        try:
            return eventually("ClusterPolicy cluster-policy to be ready", state, timeout=timeout)
        except AssertionError as error:
            policy = self.get("clusterpolicy", "cluster-policy") or {}
            log = self.operator_log.read_text()[-3000:] if hasattr(self, "operator_log") else ""
            raise AssertionError(f"{error}\nstatus: {json.dumps(policy.get('status'))}\noperator log tail:\n{log}")

    def close(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        for handle in self.files:
            handle.close()
        shutil.rmtree(self.work, ignore_errors=True)
