#!/usr/bin/env bash
# Builds evflow in Release into build-bench/ (or $EVFLOW_BENCH_DIR) and runs the benchmarks:
# evflow-bench-core (Google Benchmark, per-event building blocks), evflow-bench-flow (events/s
# of evflow against raw ZeroMQ) and evflow-bench-studio (the studio's cost at full rate, on Qt's
# offscreen platform). Extra arguments go to evflow-bench-flow (--events N --repeat R).
# The figures depend on the machine and its load: see docs/PERFORMANCE.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${EVFLOW_BENCH_DIR:-$root/build-bench}
jobs=${EVFLOW_JOBS:-2}

"$root/scripts/install-deps.sh" build
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVFLOW_BUILD_TESTS=OFF \
      -DEVFLOW_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j "$jobs" --target evflow-bench-core evflow-bench-flow evflow-bench-studio

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2- | sed "s/^ *//")
echo "== machine: $(nproc) cores, $cpu"
echo "== evflow-bench-core"
"$build/bench/evflow-bench-core" --benchmark_counters_tabular=true
echo
echo "== evflow-bench-flow $*"
"$build/bench/evflow-bench-flow" "$@"
echo
echo "== evflow-bench-studio (offscreen)"
QT_QPA_PLATFORM=offscreen "$build/bench/evflow-bench-studio"
