#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, runs every test with CTest, then
# builds the model tests with AddressSanitizer + UndefinedBehaviorSanitizer and runs them too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh" test
"$root/scripts/build.sh"
# Checkers evflow did not write (AsyncAPI parser, CloudEvents schema, SDK), from npm.
EVFLOW_NPM_DIR="$root/build/npm" "$root/scripts/npm-tools.sh"
ctest --test-dir "$root/build" --output-on-failure -j 2

echo "== model tests under ASan + UBSan =="
# Only the model tests are built here: the rest of the tree was built and tested above.
model_tests=$(cd "$root/tests/model" && ls Test*.cpp | sed 's/\.cpp$//' | tr '\n' ' ')
EVFLOW_BUILD_DIR="$root/build-asan" EVFLOW_BUILD_TYPE=Debug EVFLOW_TARGETS="$model_tests" \
    "$root/scripts/build.sh" -DEVFLOW_SANITIZE=ON -DEVFLOW_BUILD_UI=OFF -DEVFLOW_BUILD_BENCH=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure -j 2 -L model
