#!/usr/bin/env bash
# Configures and builds evflow into build/ (or $EVFLOW_BUILD_DIR). Extra arguments go to cmake.
# $EVFLOW_TARGETS (space-separated) builds only those targets. ccache is used when installed
# (a repeated build on the same machine then recompiles only what changed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${EVFLOW_BUILD_DIR:-$root/build}
jobs=${EVFLOW_JOBS:-2}
launcher=()
if command -v ccache >/dev/null 2>&1; then
    # Paths relative to the checkout, and no working directory in the hash (-g would put it
    # there), so a fresh clone elsewhere on the same machine reuses the cache.
    export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
# Debug by default: the test build is most of CI's time, and -O0 compiles the Qt- and
# template-heavy sources much faster than -O2 (measured: a cold RelWithDebInfo CI took 27 min on
# two cores). Speed is measured by scripts/bench.sh in its own Release build, never here.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${EVFLOW_BUILD_TYPE:-Debug} \
    "${launcher[@]}" "$@" >/dev/null
targets=()
for target in ${EVFLOW_TARGETS:-}; do targets+=(--target "$target"); done
cmake --build "$build" -j "$jobs" "${targets[@]}"
