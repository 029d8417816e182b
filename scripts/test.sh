#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, runs every test with CTest, then
# builds the model and transport tests with AddressSanitizer + UndefinedBehaviorSanitizer and
# runs them too, and fuzzes every parser for a short while.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
"$root/scripts/build.sh"
# Checkers evflow did not write (AsyncAPI parser, CloudEvents schema, SDK), from npm.
EVFLOW_NPM_DIR="$root/build/npm" "$root/scripts/npm-tools.sh"
ctest --test-dir "$root/build" --output-on-failure -j 2 -LE soak

echo "== soak: ${EVFLOW_SOAK_SECONDS:-120} s at 50 000 events/s (docs/RELIABILITY.md) =="
# On its own (nothing else running) and with an optimised evflow: the Debug tree cannot carry
# 50 000 events/s through three stages. scripts/soak.sh runs the 30-minute version.
EVFLOW_BUILD_DIR="$root/build-release" EVFLOW_BUILD_TYPE=Release EVFLOW_TARGETS=evflow \
    "$root/scripts/build.sh" -DEVFLOW_BUILD_TESTS=OFF -DEVFLOW_BUILD_UI=OFF -DEVFLOW_BUILD_BENCH=OFF
EVFLOW_SOAK_CLI="$root/build-release/app/evflow" EVFLOW_SOAK_SECONDS=${EVFLOW_SOAK_SECONDS:-120} \
    ctest --test-dir "$root/build" --output-on-failure -L soak

echo "== model and transport tests under ASan + UBSan (LSan checks leaks) =="
# Only these tests are built here: the rest of the tree was built and tested above. The whole
# suite under the sanitizers is the asan preset (CMakePresets.json; docs/RELIABILITY.md).
sanitized_tests=$(cd "$root/tests" && ls model/Test*.cpp transport/Test*.cpp \
    | sed 's|.*/||; s/\.cpp$//' | tr '\n' ' ')
EVFLOW_BUILD_DIR="$root/build-asan" EVFLOW_BUILD_TYPE=Debug EVFLOW_TARGETS="$sanitized_tests" \
    "$root/scripts/build.sh" -DEVFLOW_SANITIZE=ON -DEVFLOW_BUILD_UI=OFF -DEVFLOW_BUILD_BENCH=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure -j 2 -L 'model|transport'

echo "== short fuzz run of every target (scripts/fuzz.sh) =="
"$root/scripts/fuzz.sh" "${EVFLOW_FUZZ_SECONDS:-30}"
