#!/usr/bin/env bash
# Configures and builds evflow into build/ (or $EVFLOW_BUILD_DIR). Extra arguments go to cmake.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${EVFLOW_BUILD_DIR:-$root/build}
jobs=${EVFLOW_JOBS:-2}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${EVFLOW_BUILD_TYPE:-RelWithDebInfo} "$@" >/dev/null
cmake --build "$build" -j "$jobs"
