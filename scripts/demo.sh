#!/usr/bin/env bash
# The README's main job: installs what is missing, builds, and opens evflow-studio on the order
# pipeline example. Without a display it says so and works the same flow with the command line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
flow=${1:-$root/resources/examples/order-pipeline.evflow.json}
bin=${EVFLOW_BUILD_DIR:-$root/build}/app
"$root/scripts/install-deps.sh" demo
"$root/scripts/build.sh"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$bin/evflow-studio" "$flow"
fi
echo "evflow: no display (DISPLAY/WAYLAND_DISPLAY unset); running the demo flow with the command line instead." >&2
"$bin/evflow" validate "$flow"
out=$(mktemp -d)
# Outputs of log/event-store nodes land in a scratch folder, not in the checkout.
(cd "$out" && "$bin/evflow" run "$flow" --duration 10 --report "$out/report.json")
echo "evflow: report in $out/report.json, event files in $out/evflow-out/" >&2
