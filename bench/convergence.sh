#!/usr/bin/env bash
# Benchmark: the operator (release build) against kube-sim with many GPU nodes (pods ready at once).
#   - time from `kubectl apply` of the default ClusterPolicy to `state=ready` (target < 10 s at 5,000 nodes)
#   - writes during convergence (target: one apply per object + one patch per GPU node + status writes)
#   - drift repair: a deleted DaemonSet recreated (target < 1 s)
#   - steady state over IDLE seconds: writes and LISTs (target 0 and 0)
#   - operator peak RSS (target < 64 MiB)
# Usage: bench/convergence.sh [GPU_NODES] [CPU_NODES]   (IDLE=60 by default; SAMPLE=file picks another
# ClusterPolicy than samples/clusterpolicy.yaml, e.g. one with driver.upgradePolicy.autoUpgrade: true)
set -euo pipefail
cd "$(dirname "$0")/.."
gpu="${1:-5000}"
cpu="${2:-0}"
idle="${IDLE:-60}"
# Linked as the image builds the operator (Dockerfile: --static-swift-stdlib); LINK=dynamic links the
# Swift runtime and Foundation as shared libraries instead. kube-sim gets the same flags, so the two
# builds share one set of compiled modules.
link_flags=(--static-swift-stdlib)
[ "${LINK:-static}" = dynamic ] && link_flags=()
swift build -c release --product operator "${link_flags[@]}" >/dev/null
swift build -c release --product kube-sim "${link_flags[@]}" >/dev/null
bin="$(swift build -c release --show-bin-path)"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
export KUBECONFIG="$work/kubeconfig"

"$bin/kube-sim" serve --port 0 --kubeconfig-out "$KUBECONFIG" --gpu-nodes "$gpu" --cpu-nodes "$cpu" --pod-ready-delay 0s \
    > "$work/sim.out" 2> "$work/sim.err" &
for _ in $(seq 1 300); do grep -q '^ready ' "$work/sim.out" && break; sleep 0.1; done
kubectl apply -f config/crd/nvidia.com_clusterpolicies.yaml >/dev/null

MALLOC_ARENA_MAX=2 OPERATOR_NAMESPACE=gpu-operator "$bin/operator" run --kubeconfig "$KUBECONFIG" --health-probe-bind-address 127.0.0.1:0 \
    --metrics-bind-address 127.0.0.1:0 --log-level warning > "$work/op.out" 2> "$work/op.err" &
op=$!
sleep 2
kubectl delete --raw /kubesim/stats >/dev/null

python3 - "$op" "$gpu" "$idle" "${SAMPLE:-samples/clusterpolicy.yaml}" <<'PY'
import json, subprocess, sys, time
op, gpu, idle, sample = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def k(*args, check=True):
    return subprocess.run(["kubectl", *args], check=check, capture_output=True, text=True).stdout
def state():
    out = k("get", "clusterpolicy", "cluster-policy", "-o", "jsonpath={.status.state}", check=False)
    return out.strip()
def stats():
    s = json.loads(k("get", "--raw", "/kubesim/stats"))
    verbs = s.get("byVerb", {})
    writes = sum(verbs.get(v, 0) for v in ("create", "update", "patch", "delete", "deletecollection"))
    return writes, verbs.get("list", 0), s
def rss():
    fields = dict(line.split(":", 1) for line in open(f"/proc/{op}/status"))
    mib = lambda name: int(fields[name].split()[0]) // 1024
    return mib("VmRSS"), mib("VmHWM"), mib("RssAnon"), mib("RssFile")

start = time.monotonic()
k("apply", "-f", sample)
while state() != "ready":
    if time.monotonic() - start > 300: sys.exit("not ready after 300 s")
    time.sleep(0.05)
converge = time.monotonic() - start
time.sleep(2)
writes, lists, s = stats()
by = {f"{r['verb']} {r['resource']}": r["count"] for r in s["requests"] if r["verb"] in ("create", "update", "patch", "delete")}
print(f"nodes: {gpu} GPU")
print(f"apply -> ready: {converge:.2f} s")
print(f"writes during convergence: {writes} ({json.dumps(by, sort_keys=True)})")

k("delete", "--raw", "/kubesim/stats")
start = time.monotonic()
k("delete", "daemonset", "-n", "gpu-operator", "nvidia-device-plugin-daemonset", "--wait=false")
while "nvidia-device-plugin-daemonset" not in k("get", "daemonsets", "-n", "gpu-operator", "-o", "name"):
    time.sleep(0.01)
print(f"drift repair (deleted DaemonSet recreated): {time.monotonic() - start:.3f} s")
while state() != "ready": time.sleep(0.05)
time.sleep(2)
k("delete", "--raw", "/kubesim/stats")
time.sleep(idle)
writes, lists, s = stats()
print(f"steady state over {idle} s: {writes} writes, {lists} LISTs")
if writes or lists:
    print("  " + json.dumps([r for r in s["requests"] if r["verb"] != "watch"], sort_keys=True))
current, peak, anon, file = rss()
print(f"operator RSS: {current} MiB now ({anon} MiB anonymous, {file} MiB file-backed), {peak} MiB peak")
PY
