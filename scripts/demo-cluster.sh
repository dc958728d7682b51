#!/usr/bin/env bash
# Demo: the operator converging a simulated cluster. Starts kube-sim (3 GPU + 1 CPU nodes), installs
# the CRD and the default ClusterPolicy with kubectl, runs the operator until the policy is ready,
# shows what it deployed, then stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)"
work="$(mktemp -d)"
cleanup() { kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export KUBECONFIG="$work/kubeconfig"

"$bin/kube-sim" serve --port 0 --kubeconfig-out "$KUBECONFIG" --gpu-nodes 3 --cpu-nodes 1 --pod-ready-delay 0.5s \
    > "$work/sim.out" 2> "$work/sim.err" &
for _ in $(seq 1 100); do grep -q '^ready ' "$work/sim.out" && break; sleep 0.1; done
echo "== kube-sim: $(cat "$work/sim.out")"
kubectl get nodes

echo "== kubectl apply the CRD and samples/clusterpolicy.yaml"
kubectl apply -f config/crd/nvidia.com_clusterpolicies.yaml
kubectl apply -f samples/clusterpolicy.yaml

echo "== operator run"
OPERATOR_NAMESPACE=gpu-operator "$bin/operator" run --kubeconfig "$KUBECONFIG" --health-probe-bind-address 127.0.0.1:0 \
    --metrics-bind-address 127.0.0.1:0 2> "$work/operator.log" &
for _ in $(seq 1 300); do
    state="$(kubectl get clusterpolicy cluster-policy -o jsonpath='{.status.state}' 2>/dev/null || true)"
    [ "$state" = ready ] && break
    sleep 0.2
done
kubectl get clusterpolicy
kubectl get daemonsets -n gpu-operator
echo "== conditions"
kubectl get clusterpolicy cluster-policy -o jsonpath='{range .status.conditions[*]}{.type}{"\t"}{.status}{"\t"}{.message}{"\n"}{end}'
echo "== GPU node labels set by the operator"
kubectl get nodes -L nvidia.com/gpu.present,nvidia.com/gpu.deploy.driver
echo "== operator log (last lines)"
tail -n 5 "$work/operator.log"
