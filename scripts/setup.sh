#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test swift-gpu-operator. Idempotent: every step
# checks first and does nothing when the tool is already there.
#   - libcurl with OpenSSL headers (Debian/Ubuntu: libcurl4-openssl-dev) and pkg-config, via apt-get
#   - a Python venv in .venv with kubernetes-validate (schema checks of rendered objects) and
#     helm-python-sdk (the Helm engine the chart tests render and install with)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else say "need root to run: $*"; exit 1
    fi
}

if ! command -v swift >/dev/null 2>&1; then
    say "swift is not on PATH; install Swift 6.2 or newer (https://swift.org/install) and re-run"
    exit 1
fi

need_apt=()
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if ! pkg-config --exists libcurl 2>/dev/null || [ ! -f /usr/include/x86_64-linux-gnu/curl/curl.h ] && [ ! -f /usr/include/curl/curl.h ] && [ ! -f /usr/include/aarch64-linux-gnu/curl/curl.h ]; then
    need_apt+=(libcurl4-openssl-dev)
fi
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then need_apt+=(python3-venv); fi
if [ ${#need_apt[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1; then
        say "installing ${need_apt[*]} with apt-get"
        as_root apt-get update -qq
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        say "missing ${need_apt[*]}: install them with your package manager (libcurl-devel on Fedora/RHEL)"
        exit 1
    fi
fi

# The OpenSSL flavour is required: GnuTLS libcurl cannot take in-memory client certificates.
if ! pkg-config --libs libcurl | grep -q -- '-lcurl'; then
    say "pkg-config does not report libcurl; install libcurl4-openssl-dev"
    exit 1
fi

if [ ! -x .venv/bin/kubernetes-validate ]; then
    say "creating .venv with kubernetes-validate"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check kubernetes-validate
fi

# The real Helm engine (Helm v4's Go SDK in a bundled library) for the chart tests; no helm binary needed.
if ! .venv/bin/python -c 'import helm_python' >/dev/null 2>&1; then
    say "installing helm-python-sdk into .venv"
    .venv/bin/pip install --quiet --disable-pip-version-check helm-python-sdk
fi

command -v kubectl >/dev/null 2>&1 || say "warning: kubectl not found; the end-to-end tests need it"
say "ok"
