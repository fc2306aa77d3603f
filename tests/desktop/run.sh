#!/usr/bin/env bash
# The desktop CI tier: `crossdock-headset desktop` as an observer in a real X window (Xvfb) on
# software Vulkan (lavapipe), following a bot, then looking down on the container; an instructor
# clicking the panel (xdotool); name plates and panel rows drawn offscreen in every script; see
# tests/tests/desktop.rs for what must hold. Installs Xvfb, the Vulkan driver and the X client
# libraries winit opens, from Debian packages. Screenshots land in target/desktop/.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/display.sh
source tests/lib/display.sh
need_packages xdotool

# The binary the README's test command builds (a no-op after it in CI): one dev build serves
# every tier, a second (release) build of every dependency does not fit CI's time.
cargo test --workspace --no-run
cargo test --workspace --features crossdock-tests/gpu --no-run

start_display
trap stop_display EXIT
CROSSDOCK_HEADSET_BIN="$PWD/target/debug/crossdock-headset" \
CROSSDOCK_DESKTOP_OUT="$PWD/target/desktop" \
    cargo test --workspace --features crossdock-tests/gpu --test desktop -- --ignored --nocapture --test-threads 1
