#!/usr/bin/env python3
"""KubeSim at scale: start-up time with N GPU + M CPU nodes, and the time to list every node
(raw JSON LIST, paged LIST, and `kubectl get nodes`). Issue 3 targets: ready < 5 s and all nodes
listed < 1 s for 5,000 + 5,000 nodes.

Usage: bench/kubesim-startup.py [--gpu-nodes 5000] [--cpu-nodes 5000] [--binary PATH]
"""
import argparse
import json
import os
import subprocess
import sys
import time

import importlib.util  # noqa: E402

_spec = importlib.util.spec_from_file_location("kubesim_client", os.path.join(os.path.dirname(os.path.abspath(__file__)), "kubesim-client.py"))
_client = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_client)
KubeSim = _client.KubeSim


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpu-nodes", type=int, default=5000)
    parser.add_argument("--cpu-nodes", type=int, default=5000)
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "kube-sim"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sim = KubeSim(args.binary, ["--gpu-nodes", str(args.gpu_nodes), "--cpu-nodes", str(args.cpu_nodes)])
    try:
        total = args.gpu_nodes + args.cpu_nodes
        print(f"nodes: {args.gpu_nodes} GPU + {args.cpu_nodes} CPU")
        print(f"ready after: {sim.ready_seconds:.2f} s (process start to 'ready <url>')")
        print(f"RSS after start: {sim.rss_kib() / 1024:.0f} MiB")
        connection = sim.connection()
        timings = []
        for _ in range(args.repeat):
            started = time.monotonic()
            status, body = sim.request(connection, "GET", "/api/v1/nodes")
            timings.append(time.monotonic() - started)
            items = len(json.loads(body)["items"])
            assert status == 200 and items == total, (status, items)
        print(f"LIST /api/v1/nodes ({items} nodes, {len(body) / 1e6:.1f} MB): first {timings[0]:.3f} s "
              f"(serializes every node once), best of {args.repeat} {min(timings):.3f} s")
        started = time.monotonic()
        token, pages, count = None, 0, 0
        while True:
            path = "/api/v1/nodes?limit=500" + (f"&continue={token}" if token else "")
            status, body = sim.request(connection, "GET", path)
            page = json.loads(body)
            pages += 1
            count += len(page["items"])
            token = page["metadata"].get("continue")
            if not token:
                break
        print(f"paged LIST (limit=500, {pages} pages, {count} nodes): {time.monotonic() - started:.3f} s")
        env = dict(os.environ, KUBECONFIG=sim.kubeconfig)
        cache = os.path.join(sim.dir, "cache")
        best = None
        for _ in range(args.repeat):
            started = time.monotonic()
            result = subprocess.run(["kubectl", "--cache-dir", cache, "get", "nodes", "--no-headers"], env=env, capture_output=True, text=True)
            elapsed = time.monotonic() - started
            assert result.returncode == 0, result.stderr
            assert len(result.stdout.splitlines()) == total
            best = elapsed if best is None else min(best, elapsed)
        print(f"kubectl get nodes ({total} rows, server-side Table): best of {args.repeat} {best:.3f} s")
        print(f"RSS after listing: {sim.rss_kib() / 1024:.0f} MiB")
    finally:
        status = sim.stop()
        print(f"exit status after SIGTERM: {status}")


if __name__ == "__main__":
    main()
