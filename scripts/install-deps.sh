#!/usr/bin/env bash
# Installs the Debian 12 packages evflow needs, only those missing (idempotent).
# Usage: scripts/install-deps.sh [build|test|demo]   (test and demo add their extra tools)
set -euo pipefail

packages=(cmake ninja-build g++ pkg-config
          qt6-base-dev qt6-charts-dev qt6-svg-dev libgl-dev
          cppzmq-dev libzmq3-dev nlohmann-json3-dev libcli11-dev libbenchmark-dev
          libyaml-cpp-dev)
case "${1:-build}" in
    # graphviz checks `evflow export dot`; python3-zmq is the foreign ZeroMQ client in the
    # CloudEvents conformance test (Node.js and npm are used when present, never installed);
    # strace stops a saving process at chosen system calls (tests/ui/TestCrashSafeSave.cpp).
    test) packages+=(xvfb xauth graphviz python3-zmq strace) ;;
    demo) packages+=(xvfb xauth qt6-wayland) ;;
esac

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "evflow: installing missing Debian packages: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
