#!/usr/bin/env bash
# Formats (default) or lints (`--lint`) every Swift file with the repository's .swift-format
# configuration. Generated sources (Sources/Manifests/Generated, written by `make templates`) are left
# as their generator writes them.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.swift' | grep -v '^Sources/Manifests/Generated/')
if [ "${1:-}" = "--lint" ]; then
    swift format lint --strict --parallel --configuration .swift-format "${files[@]}"
else
    swift format format --in-place --parallel --configuration .swift-format "${files[@]}"
fi
