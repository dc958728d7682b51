#!/usr/bin/env bash
# Regenerates samples/rendered/<name>.yaml, the checked-in --dry-run output of every sample (with
# samples/facts/<name>.yaml when present). Review the diff: it is exactly what changes in clusters.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)"
mkdir -p samples/rendered
for sample in samples/*.yaml; do
    name="$(basename "$sample" .yaml)"
    facts=()
    [ -f "samples/facts/$name.yaml" ] && facts=(--facts "samples/facts/$name.yaml")
    env -u DRIVER_IMAGE -u VALIDATOR_IMAGE -u OPERATOR_NAMESPACE \
        "$bin/operator" --dry-run -f "$sample" "${facts[@]}" > "samples/rendered/$name.yaml" 2>/dev/null
    echo "rendered samples/rendered/$name.yaml"
done
