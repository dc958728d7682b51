#!/usr/bin/env bash
# KubeClient benchmark: list-and-decode time and memory for 5,000 simulated nodes over HTTPS (libcurl,
# mutual TLS), and labelling every node with one merge patch each under the default flow control.
#
# kube-sim runs as its own process; every case runs in a fresh test process so resident-memory growth
# is the client's alone. Prints one "BENCH {json}" line per case. Release build by default
# (CONFIGURATION=debug to skip the long release compile).
set -euo pipefail
cd "$(dirname "$0")/.."

CONFIGURATION="${CONFIGURATION:-release}"
NODES="${NODES:-5000}"
flags=(-c "$CONFIGURATION")
# KubeModelsTests uses @testable, which a release build of the test bundle only allows with testing enabled.
[ "$CONFIGURATION" = release ] && flags+=(-Xswiftc -enable-testing)

swift build "${flags[@]}" --build-tests >&2
bin="$(swift build "${flags[@]}" --show-bin-path)"

work="$(mktemp -d)"
sim_pid=""
cleanup() {
    if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$bin/kube-sim" serve --port 0 --gpu-nodes $((NODES / 2)) --cpu-nodes $((NODES - NODES / 2)) \
    --kubeconfig-out "$work/kubeconfig" --log-level warning > "$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 300); do
    [ -s "$work/kubeconfig" ] && break
    sleep 0.1
done
[ -s "$work/kubeconfig" ] || { cat "$work/sim.log" >&2; echo "kube-sim did not start" >&2; exit 1; }

run_case() {
    env KUBECLIENT_BENCH=1 KUBECLIENT_BENCH_KUBECONFIG="$work/kubeconfig" "$@" \
        swift test "${flags[@]}" --skip-build --filter "KubeClient(Label)?Benchmarks/$CASE" 2>&1 | grep '^BENCH ' || {
        echo "benchmark case $CASE failed" >&2
        return 1
    }
}

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(uname -m), $(nproc) CPUs, $CONFIGURATION build, $(curl-config --version), $NODES nodes"
CASE=listAndDecode run_case KUBECLIENT_BENCH_PAGE_SIZE=500
CASE=listAndDecode run_case KUBECLIENT_BENCH_PAGE_SIZE=0
CASE=transferVersusDecode run_case
CASE=labelNodes run_case
