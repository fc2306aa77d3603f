#!/usr/bin/env bash
# The desktop CI tier: `crossdock-headset desktop` as an observer in a real X window (Xvfb) on
# software Vulkan (lavapipe), following a bot, then looking down on the container; an instructor
# clicking the panel (xdotool); name plates and panel rows drawn offscreen in every script; see
# tests/tests/desktop.rs for what must hold. Installs Xvfb, the Vulkan driver and the X client
# libraries winit opens, from Debian packages. Screenshots land in target/desktop/.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/packages.sh
source tests/lib/packages.sh
need_packages xvfb xdotool mesa-vulkan-drivers libvulkan1 libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0

# The binary the README's test command builds (a no-op after it in CI): one dev build serves
# every tier, a second (release) build of every dependency does not fit CI's time.
cargo test --workspace --no-run
cargo test --workspace --features crossdock-tests/gpu --no-run

display=":$((90 + RANDOM % 100))"
runtime_dir=$(mktemp -d)
Xvfb "$display" -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$runtime_dir"' EXIT
for _ in $(seq 50); do
    [[ -e "/tmp/.X11-unix/X${display#:}" ]] && break
    sleep 0.1
done

DISPLAY="$display" \
XDG_RUNTIME_DIR="$runtime_dir" \
WAYLAND_DISPLAY= \
VK_ICD_FILENAMES=/usr/share/vulkan/icd.d/lvp_icd.x86_64.json \
CROSSDOCK_HEADSET_BIN="$PWD/target/debug/crossdock-headset" \
CROSSDOCK_DESKTOP_OUT="$PWD/target/desktop" \
    cargo test --workspace --features crossdock-tests/gpu --test desktop -- --ignored --nocapture --test-threads 1
