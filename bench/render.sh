#!/usr/bin/env bash
# Benchmark: wall time of `operator --dry-run` on every sample (release build, whole process: start-up,
# YAML parsing, schema validation, render, output). Target (DESIGN.md): under 100 ms for a full sample.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-20}"
swift build -c release --product operator >/dev/null
bin="$(swift build -c release --show-bin-path)/operator"
python3 - "$bin" "$runs" <<'PY'
import os, statistics, subprocess, sys, time, glob
binary, runs = sys.argv[1], int(sys.argv[2])
print(f"{'sample':<24} {'objects':>7} {'median ms':>10} {'p90 ms':>8} {'max ms':>8}")
for sample in sorted(glob.glob("samples/*.yaml")):
    name = os.path.basename(sample)[:-5]
    args = [binary, "--dry-run", "-f", sample]
    if os.path.exists(f"samples/facts/{name}.yaml"):
        args += ["--facts", f"samples/facts/{name}.yaml"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(args, check=True, capture_output=True).stdout
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    objects = out.count(b"\n---\n") + 1
    print(f"{name:<24} {objects:>7} {statistics.median(times):>10.1f} {times[int(len(times) * 0.9) - 1]:>8.1f} {times[-1]:>8.1f}")
PY
