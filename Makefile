# swift-gpu-operator — the two commands of README.md are `make demo` and `make test`.
SWIFT ?= swift
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null || echo .build/debug)

.PHONY: setup build demo demo-cluster test test-chart lint format render-samples crd templates bench chart

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

## Sets up the machine, builds, and renders the default sample ClusterPolicy offline.
demo: build
	$(BIN)/operator --dry-run -f samples/clusterpolicy.yaml

## The operator converging a simulated cluster (kube-sim + kubectl + operator).
demo-cluster: build
	scripts/demo-cluster.sh

## Sets up the machine, checks formatting, builds, and runs every test (unit, golden, schema, transport,
## end-to-end).
test: setup lint
	$(SWIFT) build
	$(SWIFT) test --parallel
	$(MAKE) test-chart

## The Helm chart (deployments/gpu-operator) with the real Helm engine: lint, schemas, NVIDIA's renders,
## and releases installed, upgraded and uninstalled against kube-sim.
test-chart:
	BIN=$(BIN) .venv/bin/python -m unittest discover -s deployments/gpu-operator/tests -p 'test_*.py'

## Fails when a Swift file is not formatted as .swift-format says (`make format` fixes it).
lint:
	scripts/format.sh --lint

## Formats every Swift file with the repository's .swift-format configuration.
format:
	scripts/format.sh

## Regenerates the checked-in golden renders of samples/ (review the diff before committing).
render-samples: build
	scripts/render-samples.sh

## Regenerates config/crd from the model.
crd: build
	$(BIN)/operator crd > config/crd/nvidia.com_clusterpolicies.yaml
	python3 scripts/sync-chart.py

## Regenerates the chart's CRD, RBAC and NFD templates from config/.
chart:
	python3 scripts/sync-chart.py

## Regenerates the embedded templates source from Sources/Manifests/Templates.
templates:
	python3 scripts/embed-templates.py

## Benchmarks (release builds): render time, and at 1,000/5,000/15,000 realistic GPU nodes convergence vs the write floor, drift, idle writes under churn, new-node latency, RSS (bench/RESULTS.md).
bench: setup
	bench/render.sh
	bench/convergence.sh
