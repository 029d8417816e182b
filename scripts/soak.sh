#!/usr/bin/env bash
# The long soak of issue 8 (docs/RELIABILITY.md): tests/app/TestSoak.cpp for SECONDS (default
# 1800, 30 minutes) — `evflow run` on tests/data/soak/soak.evflow.json at 50 000 events/s with
# injected faults and a slow PUB/SUB subscriber, then every hop's books checked. CI runs the same
# test for 120 s. Builds the test tree (Debug: the checks) and an optimised evflow (the run).
# Usage: scripts/soak.sh [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-1800}
"$root/scripts/install-deps.sh" test
EVFLOW_TARGETS="evflow TestSoak" "$root/scripts/build.sh"
EVFLOW_BUILD_DIR="$root/build-release" EVFLOW_BUILD_TYPE=Release EVFLOW_TARGETS=evflow \
    "$root/scripts/build.sh" -DEVFLOW_BUILD_TESTS=OFF -DEVFLOW_BUILD_UI=OFF -DEVFLOW_BUILD_BENCH=OFF
# QtTest ends a test function after 5 minutes unless told otherwise: give it the run and 5 more.
export QTEST_FUNCTION_TIMEOUT=$(((seconds + 300) * 1000))
EVFLOW_SOAK_CLI="$root/build-release/app/evflow" EVFLOW_SOAK_SECONDS=$seconds \
    ctest --test-dir "$root/build" -R '^TestSoak$' --output-on-failure -V
