#!/usr/bin/env bash
# Screenshots of the studio for docs/ and the README, taken under Xvfb the way a person sees
# the window: the order-pipeline example, light and dark, with a node selected (a click through
# xdotool) so the property editor shows; and the monitor: the IoT example started with --run,
# taken a few seconds into the run (charts, badges), and its Events tab with the alert log
# selected. Needs a built tree (scripts/build.sh) and the packages
# xvfb, xauth, imagemagick and xdotool (installed when missing).
#   bash scripts/screenshots.sh [OUTPUT_DIR]      (default: docs/)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs}
studio=${EVFLOW_BUILD_DIR:-build}/app/evflow-studio
[[ -x $studio ]] || { echo "screenshots: build first ($studio is missing)" >&2; exit 1; }
missing=()
for pkg in xvfb xauth imagemagick xdotool; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
    sudo=$( ((EUID)) && echo sudo || true)
    $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

shoot() { # theme, output file
    local config
    config=$(mktemp -d)
    XDG_CONFIG_HOME=$config xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
        "$0" --theme "$1" resources/examples/order-pipeline.evflow.json &
        pid=$!
        for _ in $(seq 50); do xdotool search --name "evflow studio" >/dev/null 2>&1 && break; sleep 0.2; done
        win=$(xdotool search --name "evflow studio" | head -1)
        xdotool windowsize "$win" 1440 900 windowmove "$win" 0 0
        sleep 1.5
        xdotool key ctrl+0
        sleep 0.5
        # The bus sits in the middle of the fitted canvas: click it to fill the property editor.
        xdotool mousemove "$3" "$4" click 1
        sleep 1
        import -window root "$2"
        kill "$pid"' "$studio" "$1" "$2" "${BUS_X:-640}" "${BUS_Y:-370}"
    rm -rf "$config"
}
shoot_running() { # theme, output file, then x y pairs to click after the run has warmed up
    local config
    config=$(mktemp -d)
    # A copy of the example: the run writes its alert log next to the flow file.
    cp resources/examples/iot-sensors.evflow.json "$config/"
    XDG_CONFIG_HOME=$config xvfb-run -a -s "-screen 0 1440x900x24" bash -c '
        "$0" --theme "$1" "$XDG_CONFIG_HOME/iot-sensors.evflow.json" --run &
        pid=$!
        out=$2
        shift 2
        for _ in $(seq 50); do xdotool search --name "evflow studio" >/dev/null 2>&1 && break; sleep 0.2; done
        win=$(xdotool search --name "evflow studio" | head -1)
        xdotool windowsize "$win" 1440 900 windowmove "$win" 0 0
        sleep 4
        while (($#)); do xdotool mousemove "$1" "$2" click 1; shift 2; sleep 1; done
        sleep 2
        import -window root "$out"
        kill "$pid"' "$studio" "$@"
    rm -rf "$config"
}
shoot light "$out/studio.png"
shoot dark "$out/studio-dark.png"
shoot_running light "$out/studio-monitor.png"
shoot_running dark "$out/studio-monitor-dark.png"
# The alert log (right on the fitted canvas), then the Events tab.
shoot_running light "$out/studio-events.png" "${ALERTLOG_X:-1000}" "${ALERTLOG_Y:-185}" \
    "${EVENTS_X:-100}" "${EVENTS_Y:-864}"
echo "screenshots: $out/studio{,-dark,-monitor,-monitor-dark,-events}.png"
