#!/usr/bin/env bash
# Benchmark: the operator (release build, linked as the image links it) against kube-sim with realistic
# nodes (NFD, GFD and cloud labels, 30-50 images, managedFields: ~29 KB of JSON per GPU node), at each
# size, several runs, every figure next to the write floor (bench/WriteFloor) measured in the same run.
# See bench/scale.py for the steps and bench/RESULTS.md for the results.
#
# Usage: bench/convergence.sh [SIZES]      e.g. bench/convergence.sh 1000,5000,15000 (the default)
# Environment: RUNS (3), IDLE seconds under churn (30), NEW_NODES per run (20), PROFILE (realistic or
# minimal), CPU_RATIO (0.25 CPU nodes per GPU node), SAMPLE (samples/clusterpolicy.yaml),
# OUT (bench/results.json; empty to skip), LINK=dynamic to link the Swift runtime dynamically.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${1:-1000,5000,15000}"
link_flags=(--static-swift-stdlib)
[ "${LINK:-static}" = dynamic ] && link_flags=()
for product in operator kube-sim write-floor; do
    swift build -c release --product "$product" "${link_flags[@]}" >/dev/null
done
bin="$(swift build -c release "${link_flags[@]}" --show-bin-path)"
exec python3 bench/scale.py --bin "$bin" --sizes "$sizes" --runs "${RUNS:-3}" --idle "${IDLE:-30}" \
    --new-nodes "${NEW_NODES:-20}" --profile "${PROFILE:-realistic}" --cpu-ratio "${CPU_RATIO:-0.25}" \
    --sample "${SAMPLE:-samples/clusterpolicy.yaml}" --out "${OUT-bench/results.json}"
