#!/usr/bin/env python3
"""KubeSim under an operator-like load: 8 DaemonSets selecting GPU nodes by deploy label, every GPU
node labelled with one merge patch (as the operator does), then a rolling update of one DaemonSet.
Measures request throughput, DaemonSet convergence, and that a pod watch keeps up with every event.

Usage: bench/kubesim-rollout.py [--gpu-nodes 5000] [--cpu-nodes 0] [--binary PATH]
"""
import argparse
import json
import os
import sys
import threading
import time

import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("kubesim_client", os.path.join(os.path.dirname(os.path.abspath(__file__)), "kubesim-client.py"))
_client = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_client)
KubeSim = _client.KubeSim

COMPONENTS = ["driver", "container-toolkit", "operator-validator", "device-plugin", "dcgm", "dcgm-exporter",
              "gpu-feature-discovery", "node-status-exporter"]


def daemonset(component):
    name = f"nvidia-{component}"
    return {
        "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": name, "namespace": "gpu-operator"},
        "spec": {
            "selector": {"matchLabels": {"app": name}},
            "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "10%"}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {
                    "nodeSelector": {f"nvidia.com/gpu.deploy.{component}": "true"},
                    "initContainers": [{"name": "init", "image": "nvcr.io/nvidia/cloud-native/gpu-operator-validator:v25.3.0"}],
                    "containers": [{"name": component, "image": f"nvcr.io/nvidia/{component}:1.0"}],
                },
            },
        },
    }


def watch_pods(sim, counter, stop):
    connection = sim.connection(timeout=600)
    connection.request("GET", "/api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=1")
    response = connection.getresponse()
    while not stop.is_set():
        line = response.readline()
        if not line:
            break
        event = json.loads(line)
        if event["type"] != "BOOKMARK":
            counter[0] += 1


def wait_ready(sim, connection, expected, field="numberAvailable", timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body = sim.request(connection, "GET", "/apis/apps/v1/namespaces/gpu-operator/daemonsets")
        items = json.loads(body)["items"]
        if len(items) == len(COMPONENTS) and all(
                item["status"].get("desiredNumberScheduled") == expected and item["status"].get(field) == expected
                and item["status"].get("updatedNumberScheduled") == expected
                and item["status"].get("observedGeneration") == item["metadata"]["generation"] for item in items):
            return True
        time.sleep(0.05)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu-nodes", type=int, default=5000)
    parser.add_argument("--cpu-nodes", type=int, default=0)
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "kube-sim"))
    args = parser.parse_args()
    sim = KubeSim(args.binary, ["--gpu-nodes", str(args.gpu_nodes), "--cpu-nodes", str(args.cpu_nodes), "--pod-ready-delay", "0",
                                "--history-window", "200000"])
    counter, stop = [0], threading.Event()
    watcher = threading.Thread(target=watch_pods, args=(sim, counter, stop), daemon=True)
    watcher.start()
    try:
        connection = sim.connection()
        print(f"nodes: {args.gpu_nodes} GPU + {args.cpu_nodes} CPU; ready after {sim.ready_seconds:.2f} s")
        sim.request(connection, "POST", "/api/v1/namespaces", {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "gpu-operator"}})
        started = time.monotonic()
        for component in COMPONENTS:
            status, _ = sim.request(connection, "POST", "/apis/apps/v1/namespaces/gpu-operator/daemonsets", daemonset(component))
            assert status == 201, status
        labels = {f"nvidia.com/gpu.deploy.{component}": "true" for component in COMPONENTS}
        labels["nvidia.com/gpu.present"] = "true"
        patch_started = time.monotonic()
        for index in range(1, args.gpu_nodes + 1):
            status, _ = sim.request(connection, "PATCH", f"/api/v1/nodes/gpu-node-{index:04d}", {"metadata": {"labels": labels}},
                                    "application/merge-patch+json")
            assert status == 200, status
        patched = time.monotonic()
        print(f"labelled {args.gpu_nodes} nodes (one merge patch each, one connection): {patched - patch_started:.2f} s "
              f"({args.gpu_nodes / (patched - patch_started):.0f} requests/s)")
        assert wait_ready(sim, connection, args.gpu_nodes), "DaemonSets did not converge"
        converged = time.monotonic()
        pods = args.gpu_nodes * len(COMPONENTS)
        print(f"{len(COMPONENTS)} DaemonSets x {args.gpu_nodes} nodes = {pods} pods Running and Ready: "
              f"{converged - started:.2f} s from the first DaemonSet, {converged - patched:.2f} s after the last label")
        status, body = sim.request(connection, "PATCH", "/apis/apps/v1/namespaces/gpu-operator/daemonsets/nvidia-driver",
                                   {"spec": {"template": {"spec": {"containers": [{"name": "driver", "image": "nvcr.io/nvidia/driver:2.0"}]}}}},
                                   "application/strategic-merge-patch+json")
        assert status == 200, status
        rolled_start = time.monotonic()
        assert wait_ready(sim, connection, args.gpu_nodes), "rolling update did not finish"
        print(f"rolling update of one DaemonSet (maxUnavailable 10%, {args.gpu_nodes} pods replaced): {time.monotonic() - rolled_start:.2f} s")
        deadline = time.monotonic() + 30
        expected = pods + args.gpu_nodes * 2
        while counter[0] < expected and time.monotonic() < deadline:
            time.sleep(0.05)
        print(f"pod watch events received: {counter[0]} (expected {expected}: one ADDED per pod, created Ready with --pod-ready-delay 0; DELETED + ADDED per replaced pod)")
        status, body = sim.request(connection, "GET", "/kubesim/stats")
        stats = json.loads(body)
        print(f"API requests: {stats['total']} ({json.dumps(stats['byVerb'], sort_keys=True)})")
        print(f"RSS: {sim.rss_kib() / 1024:.0f} MiB")
    finally:
        stop.set()
        print(f"exit status after SIGTERM: {sim.stop()}")


if __name__ == "__main__":
    main()
