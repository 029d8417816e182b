#!/usr/bin/env bash
# The README's main job: installs what is missing, builds, and opens evflow-studio on the order
# pipeline example. Without a display it says so and works the same flow with the command line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
flow=${1:-$root/resources/examples/order-pipeline.evflow.json}
"$root/scripts/install-deps.sh" demo
"$root/scripts/build.sh"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$root/build/app/evflow-studio" "$flow"
fi
echo "evflow: no display (DISPLAY/WAYLAND_DISPLAY unset); working the demo flow with the command line instead." >&2
"$root/build/app/evflow" validate "$flow"
"$root/build/app/evflow" export json "$flow" | head -n 40
