# swift-gpu-operator — the two commands of README.md are `make demo` and `make test`.
SWIFT ?= swift
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null || echo .build/debug)

.PHONY: setup build demo demo-cluster test lint format render-samples crd templates bench

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

## Regenerates the embedded templates source from Sources/Manifests/Templates.
templates:
	python3 scripts/embed-templates.py

## Benchmarks (release builds): render time, and convergence/drift/steady state/RSS at 5,000 nodes.
bench: setup
	bench/render.sh
	bench/convergence.sh 5000 0
