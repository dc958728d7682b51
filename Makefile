# swift-gpu-operator — the two commands of README.md are `make demo` and `make test`.
SWIFT ?= swift
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null || echo .build/debug)

.PHONY: setup build demo test render-samples crd templates bench

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

## Sets up the machine, builds, and renders the default sample ClusterPolicy offline.
demo: build
	$(BIN)/operator --dry-run -f samples/clusterpolicy.yaml

## Sets up the machine, builds, and runs every test (unit, golden, schema, transport, end-to-end).
test: setup
	$(SWIFT) build
	$(SWIFT) test --parallel

## Regenerates the checked-in golden renders of samples/ (review the diff before committing).
render-samples: build
	scripts/render-samples.sh

## Regenerates config/crd from the model.
crd: build
	$(BIN)/operator crd > config/crd/nvidia.com_clusterpolicies.yaml

## Regenerates the embedded templates source from Sources/Manifests/Templates.
templates:
	python3 scripts/embed-templates.py

bench: build
	scripts/bench.sh
