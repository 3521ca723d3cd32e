#!/usr/bin/env bash
# measure-startup.sh [BUILD_DIR] — starts the app on a virtual X server and prints how long it
# took until its window is mapped, and its resident memory then. Needs xvfb and x11-utils.
set -euo pipefail
build=${1:-build}
display=:97
Xvfb $display -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$display QT_QPA_PLATFORM=xcb
start=$(date +%s%N)
"$build/app/bounce-doctor" --lang en >/dev/null 2>&1 &
app=$!
until xwininfo -root -tree 2>/dev/null | grep -q '"Bounce Doctor"'; do
    sleep 0.01
    if (( ($(date +%s%N) - start) > 10000000000 )); then echo "no window after 10 s"; exit 1; fi
done
end=$(date +%s%N)
sleep 0.5
echo "window mapped after $(( (end - start) / 1000000 )) ms"
echo "resident memory: $(awk '/VmRSS/{print $2/1024 " MiB"}' /proc/$app/status)"
