#!/usr/bin/env bash
# Fuzzes the model's input parsers with libFuzzer (tests/fuzz): the flow-file loader, the binary
# envelope decoder, the CloudEvents JSON decoder and the AsyncAPI importer.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [RUNS]
#   SECONDS_PER_TARGET  time per target (default 60);
#   RUNS                when given, also stop each target after RUNS inputs (a long run:
#                       scripts/fuzz.sh 86400 10000000 runs 10 million inputs per target).
# Installs clang-14 and libclang-rt-14-dev when missing, builds build-fuzz/ (clang, ASan, UBSan,
# coverage), then runs every target on a copy of its seed corpus (tests/fuzz/corpus/<target>
# stays small and unchanged). Fails when any target crashes, breaks a round-trip property,
# leaks, runs out of memory or takes more than 1 s on one input; the offending input is saved
# in build-fuzz/fuzz-artifacts/<target>/ and replays with build-fuzz/tests/fuzz/FuzzReplay<Target>.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
runs=${2:-}
build=${EVFLOW_FUZZ_BUILD_DIR:-$root/build-fuzz}

missing=()
for p in clang-14 libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "evflow: installing missing Debian packages: ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

# -O1 keeps the executions fast and the stack traces readable; Debug keeps nlohmann's asserts.
EVFLOW_BUILD_DIR="$build" EVFLOW_BUILD_TYPE=Debug EVFLOW_TARGETS=evflow-fuzzers \
    "$root/scripts/build.sh" -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DEVFLOW_FUZZ=ON -DEVFLOW_BUILD_UI=OFF \
    -DEVFLOW_BUILD_TESTS=OFF -DEVFLOW_BUILD_BENCH=OFF

limit=(-max_total_time="$seconds")
[ -n "$runs" ] && limit+=(-runs="$runs")
# Inputs up to 8 KiB: the seed corpus holds documents of 20 000 to 60 000 bytes (deep nesting),
# which libFuzzer would otherwise take as the length limit, running 20 to 40 times slower. The
# seeds still run whole in CTest (FuzzReplay<Target>).
limit+=(-max_len="${EVFLOW_FUZZ_MAX_LEN:-8192}")
failed=()
summary=()
for target in FlowFile BinaryCodec CloudEventJson AsyncApiImport; do
    lower=$(echo "$target" | tr '[:upper:]' '[:lower:]')
    work=$build/fuzz-work/$target
    artifacts=$build/fuzz-artifacts/$target/
    rm -rf "$work"
    mkdir -p "$work" "$artifacts"
    cp "$root/tests/fuzz/corpus/$target/"* "$work/"
    log=$build/fuzz-$lower.log
    echo "== fuzz-$lower (at most $seconds s${runs:+ or $runs runs}), log: $log"
    status=0
    "$build/tests/fuzz/fuzz-$lower" "${limit[@]}" -timeout=1 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts" "$work" >"$log" 2>&1 || status=$?
    stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
    line="$target: executions $(stat number_of_executed_units), $(stat average_exec_per_sec)/s,"
    line+=" new units $(stat new_units_added), peak RSS $(stat peak_rss_mb) MB"
    if [ "$status" -ne 0 ]; then
        line+=" -- FAILED (exit $status): $(ls -t "$artifacts" | head -1)"
        failed+=("$target")
        grep -m5 -E "ERROR|fuzz check failed|SUMMARY" "$log" >&2 || true
    fi
    summary+=("$line")
done

echo "== fuzz summary"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]} (inputs in $build/fuzz-artifacts/)" >&2
    exit 1
fi
