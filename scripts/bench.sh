#!/usr/bin/env bash
# Builds evflow in Release into build-bench/ (or $EVFLOW_BENCH_DIR) and runs every benchmark of
# issue 7, each printing its own table of figures and ratios (docs/PERFORMANCE.md explains them):
#   evflow-bench-core           per-event building blocks (Google Benchmark)
#   evflow-bench-flow           events/s per pattern x transport against raw ZeroMQ and a
#                               hand-written consumer; fan-out; a 100-node flow; monitoring cost
#   evflow-bench-runtime        latency at 10 000 events/s, RSS over a run, dedup memory per id,
#                               heap allocations per event
#   evflow-bench-studio         the studio's cost at full rate (offscreen)
#   evflow-bench-studio-scale   the studio with a 1000-node flow (offscreen)
# Extra arguments go to evflow-bench-flow (e.g. --events 2000000 --repeat 5). The memory run
# lasts EVFLOW_MEMORY_SECONDS (default 120; the figure in docs/PERFORMANCE.md is from 600).
# The figures depend on the machine and its load; nothing here fails because of speed, only
# because of wrong counts.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${EVFLOW_BENCH_DIR:-$root/build-bench}
jobs=${EVFLOW_JOBS:-2}
memory_seconds=${EVFLOW_MEMORY_SECONDS:-120}
targets=(evflow-bench-core evflow-bench-flow evflow-bench-runtime evflow-bench-studio
         evflow-bench-studio-scale)

"$root/scripts/install-deps.sh" build
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEVFLOW_BUILD_TESTS=OFF \
      -DEVFLOW_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

bin=$build/bench
cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2- | sed "s/^ *//")
echo "== machine: $(nproc) cores, $cpu; $(uptime | sed 's/.*load/load/')"
echo "== evflow-bench-core"
"$bin/evflow-bench-core" --benchmark_counters_tabular=true
echo
echo "== evflow-bench-flow $*"
"$bin/evflow-bench-flow" "$@"
echo
echo "== evflow-bench-runtime latency (10 000 events/s, tcp)"
"$bin/evflow-bench-runtime" latency
echo
echo "== evflow-bench-runtime memory ($memory_seconds s at full rate)"
"$bin/evflow-bench-runtime" memory --seconds "$memory_seconds"
echo
echo "== evflow-bench-runtime dedup"
"$bin/evflow-bench-runtime" dedup
echo
echo "== evflow-bench-runtime alloc"
"$bin/evflow-bench-runtime" alloc
echo
echo "== evflow-bench-studio (offscreen)"
QT_QPA_PLATFORM=offscreen "$bin/evflow-bench-studio"
echo
echo "== evflow-bench-studio-scale (offscreen)"
QT_QPA_PLATFORM=offscreen "$bin/evflow-bench-studio-scale"
echo "== done: $(uptime | sed 's/.*load/load/')"
