#!/usr/bin/env bash
# Formats (default) or lints (`--lint`) every Swift file with the repository's .swift-format
# configuration. Generated sources opt out with `// swift-format-ignore-file` (scripts/embed-templates.py
# writes it), so a plain `swift format lint -r Sources Tests` agrees with this script.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.swift')
if [ "${1:-}" = "--lint" ]; then
    swift format lint --strict --parallel --configuration .swift-format "${files[@]}"
else
    swift format format --in-place --parallel --configuration .swift-format "${files[@]}"
fi
