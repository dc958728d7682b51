#!/usr/bin/env python3
"""The operator at scale against kube-sim's realistic nodes, and the write floor it is measured against.

For each size and run, on a fresh kube-sim (realistic node profile, pods Ready at once):
  1. the operator (release build, as deployed: MALLOC_ARENA_MAX=2) syncs, then `kubectl apply` of the
     ClusterPolicy; apply -> ready is timed to `kubectl wait` seeing state=ready; every write is counted
     and recorded;
  2. drift repair: a deleted DaemonSet is recreated (timed on a watch);
  3. background churn starts (kubelet status updates, NFD/GFD label rewrites, CPU nodes joining and
     leaving; every node changes about once a minute); over IDLE seconds the operator must make 0 writes
     and 0 LISTs;
  4. under that churn, new GPU nodes join one at a time: time until the node is labelled and every
     operand pod an identical converged node runs is scheduled on it (and, separately, until labelled:
     the operator's part; the pods are kube-sim's DaemonSet controller's);
  5. RSS (anonymous, file-backed, peak) and CPU seconds of the operator;
  6. the floor: a fresh kube-sim with the same nodes, `kubectl apply` of the policy, then `write-floor`
     sends only the minimal writes of step 1 (one apply per object, one composed patch per GPU node, the
     final status) with the same client, flow control and node concurrency; timed the same way.
Prints a table and writes the medians (with min/max and every run) as JSON.

Usage: bench/scale.py --bin DIR [--sizes 1000,5000,15000] [--runs 3] [--idle 30] [--out bench/results.json]
"""
import argparse
import datetime
import http.client
import importlib.util
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

_spec = importlib.util.spec_from_file_location(
    "kubesim_client", os.path.join(os.path.dirname(os.path.abspath(__file__)), "kubesim-client.py"))
_client = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_client)
KubeSim = _client.KubeSim

NAMESPACE = "gpu-operator"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def kubectl(kubeconfig, *args, check=True, timeout=900):
    result = subprocess.run(["kubectl", "--kubeconfig", kubeconfig, *args], capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise RuntimeError(f"kubectl {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


class Session:
    """One kube-sim with a keep-alive connection for admin and API calls."""

    def __init__(self, binary, sim_args):
        self.sim = KubeSim(binary, sim_args)
        self.kubeconfig = self.sim.kubeconfig
        self.connection = self.sim.connection()
        self.lock = threading.Lock()

    def call(self, method, path, body=None, content_type="application/json"):
        with self.lock:
            try:
                status, payload = self.sim.request(self.connection, method, path, body, content_type)
            except (ConnectionError, OSError):
                self.connection = self.sim.connection()
                status, payload = self.sim.request(self.connection, method, path, body, content_type)
        if status >= 300:
            raise RuntimeError(f"{method} {path}: {status} {payload[:300]!r}")
        return json.loads(payload) if payload else None

    def stats(self):
        stats = self.call("GET", "/kubesim/stats")
        verbs = stats.get("byVerb", {})
        writes = sum(verbs.get(v, 0) for v in ("create", "update", "patch", "delete", "deletecollection"))
        return writes, verbs.get("list", 0), stats

    def watch(self, path, on_event, stop):
        """Streams watch events to `on_event(event, arrival_time)` on a thread until `stop` is set."""
        def run():
            try:
                stream()
            except (OSError, http.client.HTTPException, ValueError):
                pass  # the server stopped or the watch was closed: the run has what it needed

        def stream():
            connection = self.sim.connection(timeout=600)
            connection.request("GET", path, headers={"Accept": "application/json"})
            response = connection.getresponse()
            buffer = b""
            while not stop.is_set():
                chunk = response.read1(65536) if hasattr(response, "read1") else response.read(1)
                if not chunk:
                    return
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    if line.strip():
                        on_event(json.loads(line), time.monotonic())
            connection.close()
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread

    def stop(self):
        self.sim.stop()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    mib = lambda key: round(int(fields[key].split()[0]) / 1024, 1)
    return {"rss": mib("VmRSS"), "peak": mib("VmHWM"), "anon": mib("RssAnon"), "file": mib("RssFile")}


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as handle:
        parts = handle.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(fraction * (len(ordered) - 1)))))
    return ordered[index]


def wait_ready(kubeconfig, timeout=900):
    kubectl(kubeconfig, "wait", "--for=jsonpath={.status.state}=ready", "clusterpolicy/cluster-policy", f"--timeout={timeout}s",
            timeout=timeout + 30)


def sim_args(args, gpu, cpu, record):
    values = ["--gpu-nodes", str(gpu), "--cpu-nodes", str(cpu), "--node-profile", args.profile, "--pod-ready-delay", "0s",
              "--log-level", "warning"]
    return values + (["--record-writes"] if record else [])


def operator_run(args, gpu, cpu, workdir):
    """Steps 1-5 on one kube-sim; returns the figures and the recorded writes' path."""
    result = {}
    started = time.monotonic()
    session = Session(os.path.join(args.bin, "kube-sim"), sim_args(args, gpu, cpu, record=True))
    result["simStartSeconds"] = round(time.monotonic() - started, 2)
    kubeconfig = session.kubeconfig
    operator = None
    stop_watches = threading.Event()
    try:
        kubectl(kubeconfig, "apply", "-f", os.path.join(ROOT, "config/crd/nvidia.com_clusterpolicies.yaml"))
        probe = free_port()
        env = dict(os.environ, MALLOC_ARENA_MAX="2", OPERATOR_NAMESPACE=NAMESPACE)
        operator = subprocess.Popen(
            [os.path.join(args.bin, "operator"), "run", "--kubeconfig", kubeconfig, "--health-probe-bind-address", f"127.0.0.1:{probe}",
             "--metrics-bind-address", "127.0.0.1:0", "--log-level", "warning"],
            env=env, stdout=open(os.path.join(workdir, "operator.out"), "w"), stderr=open(os.path.join(workdir, "operator.err"), "w"))
        started = time.monotonic()
        while True:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{probe}/readyz", timeout=5).status == 200:
                    break
            except OSError:
                pass
            if operator.poll() is not None or time.monotonic() - started > 600:
                raise RuntimeError("operator did not become ready; see operator.err")
            time.sleep(0.05)
        result["operatorSyncSeconds"] = round(time.monotonic() - started, 2)
        session.call("DELETE", "/kubesim/stats")
        session.call("DELETE", "/kubesim/writes")
        cpu_before = cpu_seconds(operator.pid)

        # 1. apply -> ready.
        started = time.monotonic()
        kubectl(kubeconfig, "apply", "-f", os.path.join(ROOT, args.sample))
        wait_ready(kubeconfig)
        result["readySeconds"] = round(time.monotonic() - started, 3)
        result["convergeCPUSeconds"] = round(cpu_seconds(operator.pid) - cpu_before, 2)
        time.sleep(2)
        writes, lists, stats = session.stats()
        result["writes"] = writes
        result["writesByResource"] = {f"{r['verb']} {r['resource']}": r["count"] for r in stats["requests"]
                                      if r["verb"] in ("create", "update", "patch", "delete")}
        recorded = session.call("GET", "/kubesim/writes")
        writes_path = os.path.join(workdir, "writes.json")
        with open(writes_path, "w") as handle:
            json.dump(recorded, handle)
        daemonsets = session.call("GET", f"/apis/apps/v1/namespaces/{NAMESPACE}/daemonsets")["items"]
        result["emptyDaemonSets"] = [f"{NAMESPACE}/{d['metadata']['name']}" for d in daemonsets
                                     if d.get("status", {}).get("desiredNumberScheduled", 0) == 0]
        pods_per_product = pods_by_product(session, gpu)

        # 2. drift repair.
        target = "nvidia-device-plugin-daemonset"
        resource_version = session.call("GET", f"/apis/apps/v1/namespaces/{NAMESPACE}/daemonsets")["metadata"]["resourceVersion"]
        recreated = {}
        def on_daemonset(event, arrival):
            if event["type"] == "ADDED" and event["object"]["metadata"]["name"] == target:
                recreated.setdefault("at", arrival)
        session.watch(f"/apis/apps/v1/namespaces/{NAMESPACE}/daemonsets?watch=1&resourceVersion={resource_version}",
                      on_daemonset, stop_watches)
        time.sleep(0.2)
        started = time.monotonic()
        session.call("DELETE", f"/apis/apps/v1/namespaces/{NAMESPACE}/daemonsets/{target}")
        while "at" not in recreated and time.monotonic() - started < 60:
            time.sleep(0.002)
        result["driftRepairSeconds"] = round(recreated["at"] - started, 3) if "at" in recreated else None
        wait_ready(kubeconfig)
        while time.monotonic() - started < 300:
            status = session.call("GET", f"/apis/apps/v1/namespaces/{NAMESPACE}/daemonsets/{target}").get("status", {})
            if status.get("desiredNumberScheduled", 0) > 0 and status.get("numberReady") == status["desiredNumberScheduled"]:
                break
            time.sleep(0.1)

        # 3. idle under churn.
        churn_rate = round((gpu + cpu) / 60, 1)
        session.call("PUT", "/kubesim/churn", {"rate": churn_rate, "nfdFraction": 0.2, "joinLeaveFraction": 0.02})
        time.sleep(3)
        session.call("DELETE", "/kubesim/stats")
        changes_before = session.call("GET", "/kubesim/churn")["changes"]
        cpu_before = cpu_seconds(operator.pid)
        time.sleep(args.idle)
        writes, lists, stats = session.stats()
        changes = session.call("GET", "/kubesim/churn")["changes"] - changes_before
        result["churnRatePerSecond"] = churn_rate
        result["idle"] = {"seconds": args.idle, "churnChanges": changes, "writes": writes, "lists": lists,
                          "cpuSeconds": round(cpu_seconds(operator.pid) - cpu_before, 2)}
        if writes or lists:
            result["idle"]["requests"] = [r for r in stats["requests"] if r["verb"] not in ("watch", "get")]

        # 4. new GPU nodes under churn.
        result["newNodeSeconds"], result["newNodeLabelledSeconds"] = new_nodes(session, args, pods_per_product)

        # 5. memory and CPU.
        result["memoryMiB"] = proc_status(operator.pid)
        result["cpuSecondsTotal"] = round(cpu_seconds(operator.pid), 2)
        session.call("PUT", "/kubesim/churn", {"rate": 0})
        return result, writes_path
    finally:
        stop_watches.set()
        if operator is not None:
            operator.terminate()
            try:
                operator.wait(timeout=30)
            except subprocess.TimeoutExpired:
                operator.kill()
        session.stop()


def pods_by_product(session, gpu):
    """Operand pods per node of each GPU product on the converged cluster (what a new node must get)."""
    result = {}
    for index in range(1, min(gpu, 20) + 1):
        name = f"gpu-node-{index:04d}"
        product = session.call("GET", f"/api/v1/nodes/{name}")["metadata"]["labels"].get("nvidia.com/gpu.product")
        if product not in result:
            pods = session.call("GET", f"/api/v1/namespaces/{NAMESPACE}/pods?fieldSelector=spec.nodeName%3D{name}")["items"]
            result[product] = len(pods)
    return result


def new_nodes(session, args, pods_per_product):
    """Adds GPU nodes one at a time under churn; seconds until each is labelled and has all its operand pods."""
    samples, labelled = [], []
    for index in range(args.new_nodes):
        name = f"new-gpu-{os.getpid()}-{index}"
        stop = threading.Event()
        seen = {"pods": 0}
        done = threading.Event()
        lock = threading.Lock()
        expected = {"pods": None}
        def check():
            if seen.get("labelled") and expected["pods"] is not None and seen["pods"] >= expected["pods"]:
                seen.setdefault("done", max(seen["labelled"], seen.get("lastPod", 0)))
                done.set()
        def on_node(event, arrival):
            labels = event["object"]["metadata"].get("labels", {})
            with lock:
                if expected["pods"] is None:
                    expected["pods"] = pods_per_product.get(labels.get("nvidia.com/gpu.product"))
                if labels.get("nvidia.com/gpu.present") == "true":
                    seen.setdefault("labelled", arrival)
                check()
        def on_pod(event, arrival):
            if event["type"] == "ADDED":
                with lock:
                    seen["pods"] += 1
                    seen["lastPod"] = arrival
                    check()
        rv = session.call("GET", "/api/v1/nodes?limit=1")["metadata"]["resourceVersion"]
        session.watch(f"/api/v1/nodes?watch=1&fieldSelector=metadata.name%3D{name}&resourceVersion={rv}", on_node, stop)
        session.watch(f"/api/v1/namespaces/{NAMESPACE}/pods?watch=1&fieldSelector=spec.nodeName%3D{name}&resourceVersion={rv}",
                      on_pod, stop)
        time.sleep(0.1)
        started = time.monotonic()
        session.call("POST", "/kubesim/nodes", {"name": name, "gpu": True})
        if not done.wait(30):
            raise RuntimeError(f"new node {name} not labelled with its pods after 30 s: {seen}, expected {expected}")
        samples.append(round(seen["done"] - started, 3))
        labelled.append(round(seen["labelled"] - started, 3))
        stop.set()
        time.sleep(0.2)
    return samples, labelled


def floor_run(args, gpu, cpu, writes_path, empty_daemonsets, workdir):
    session = Session(os.path.join(args.bin, "kube-sim"), sim_args(args, gpu, cpu, record=False))
    try:
        kubeconfig = session.kubeconfig
        kubectl(kubeconfig, "apply", "-f", os.path.join(ROOT, "config/crd/nvidia.com_clusterpolicies.yaml"))
        # The operator's namespace exists before the policy does (the operator runs in it).
        kubectl(kubeconfig, "create", "namespace", NAMESPACE)
        time.sleep(1)
        started = time.monotonic()
        kubectl(kubeconfig, "apply", "-f", os.path.join(ROOT, args.sample))
        command = [os.path.join(args.bin, "write-floor"), "--kubeconfig", kubeconfig, "--writes", writes_path]
        for name in empty_daemonsets:
            command += ["--empty-daemonset", name]
        floor = subprocess.run(command, capture_output=True, text=True, timeout=900)
        if floor.returncode != 0:
            raise RuntimeError(f"write-floor failed: {floor.stderr.strip()}")
        wait_ready(kubeconfig)
        seconds = round(time.monotonic() - started, 3)
        report = json.loads(floor.stdout.strip().splitlines()[-1])
        return seconds, report
    finally:
        session.stop()


def summary(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": round(statistics.median(values), 3), "min": min(values), "max": max(values)}


def machine():
    cpu_model = ""
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as handle:
        memory = int(handle.readline().split()[1]) // 1024 // 1024
    return {"cpu": cpu_model, "cores": os.cpu_count(), "memoryGiB": memory, "kernel": platform.release(),
            "swift": subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="directory with the release operator, kube-sim and write-floor")
    parser.add_argument("--sizes", default="1000,5000,15000", help="GPU node counts")
    parser.add_argument("--cpu-ratio", type=float, default=0.25, help="CPU nodes per GPU node")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", type=int, default=30, help="seconds of churn with no expected write")
    parser.add_argument("--new-nodes", type=int, default=20, help="new GPU nodes per run")
    parser.add_argument("--profile", default="realistic", help="kube-sim --node-profile")
    parser.add_argument("--sample", default="samples/clusterpolicy.yaml")
    parser.add_argument("--out", default="", help="write the results as JSON here")
    args = parser.parse_args()

    report = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
              "profile": args.profile, "sample": args.sample, "cpuNodesPerGPUNode": args.cpu_ratio, "idleSeconds": args.idle,
              "sizes": []}
    for gpu in [int(s) for s in args.sizes.split(",")]:
        cpu = int(gpu * args.cpu_ratio)
        runs = []
        for run in range(args.runs):
            workdir = tempfile.mkdtemp(prefix=f"scale-{gpu}-{run}-")
            result, writes_path = operator_run(args, gpu, cpu, workdir)
            floor_seconds, floor = floor_run(args, gpu, cpu, writes_path, result["emptyDaemonSets"], workdir)
            result["floorSeconds"] = floor_seconds
            result["floor"] = floor
            result["minimumWrites"] = floor["objectWrites"] + floor["nodePatches"] + floor["statusWrites"]
            result["floorRatio"] = round(result["readySeconds"] / floor_seconds, 2)
            runs.append(result)
            print(f"{gpu} GPU + {cpu} CPU nodes, run {run + 1}: ready {result['readySeconds']} s (floor {floor_seconds} s, "
                  f"x{result['floorRatio']}), writes {result['writes']}/{result['minimumWrites']}, drift {result['driftRepairSeconds']} s, "
                  f"idle {result['idle']['writes']} writes {result['idle']['lists']} LISTs over {result['idle']['churnChanges']} changes, "
                  f"new node p50 {percentile(result['newNodeSeconds'], 0.5)} p99 {percentile(result['newNodeSeconds'], 0.99)} s, "
                  f"RSS {result['memoryMiB']}", flush=True)
        samples = [s for r in runs for s in r["newNodeSeconds"]]
        size = {
            "gpuNodes": gpu, "cpuNodes": cpu,
            "readySeconds": summary([r["readySeconds"] for r in runs]),
            "floorSeconds": summary([r["floorSeconds"] for r in runs]),
            "floorRatio": summary([r["floorRatio"] for r in runs]),
            "writes": summary([r["writes"] for r in runs]),
            "minimumWrites": summary([r["minimumWrites"] for r in runs]),
            "driftRepairSeconds": summary([r["driftRepairSeconds"] for r in runs]),
            "idleWrites": summary([r["idle"]["writes"] for r in runs]),
            "idleLists": summary([r["idle"]["lists"] for r in runs]),
            "idleChurnChanges": summary([r["idle"]["churnChanges"] for r in runs]),
            "idleCPUSeconds": summary([r["idle"]["cpuSeconds"] for r in runs]),
            "newNodeP50Seconds": round(percentile(samples, 0.5), 3),
            "newNodeP99Seconds": round(percentile(samples, 0.99), 3),
            "newNodeSamples": len(samples),
            "newNodeLabelledP50Seconds": round(percentile([s for r in runs for s in r["newNodeLabelledSeconds"]], 0.5), 3),
            "newNodeLabelledP99Seconds": round(percentile([s for r in runs for s in r["newNodeLabelledSeconds"]], 0.99), 3),
            "rssMiB": summary([r["memoryMiB"]["rss"] for r in runs]),
            "rssAnonMiB": summary([r["memoryMiB"]["anon"] for r in runs]),
            "rssFileMiB": summary([r["memoryMiB"]["file"] for r in runs]),
            "peakRSSMiB": summary([r["memoryMiB"]["peak"] for r in runs]),
            "rssKiBPerNode": summary([round(r["memoryMiB"]["rss"] * 1024 / (gpu + cpu), 2) for r in runs]),
            "convergeCPUSeconds": summary([r["convergeCPUSeconds"] for r in runs]),
            "cpuSecondsTotal": summary([r["cpuSecondsTotal"] for r in runs]),
            "operatorSyncSeconds": summary([r["operatorSyncSeconds"] for r in runs]),
            "runs": runs,
        }
        report["sizes"].append(size)
        if args.out:
            with open(args.out, "w") as handle:
                json.dump(report, handle, indent=1)
                handle.write("\n")
    print(json.dumps({s["gpuNodes"]: {k: v for k, v in s.items() if k != "runs"} for s in report["sizes"]}, indent=1))


if __name__ == "__main__":
    sys.exit(main())
