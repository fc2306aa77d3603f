# Sourced by the CI tiers that open a window: `start_display` installs Xvfb, software Vulkan
# (lavapipe) and the X client libraries winit opens, starts an X server on a free display and
# exports what a window needs (DISPLAY, XDG_RUNTIME_DIR, VK_ICD_FILENAMES). The caller stops
# it with `stop_display` (in its EXIT trap).
# shellcheck source=packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/packages.sh"

start_display() {
    need_packages xvfb mesa-vulkan-drivers libvulkan1 libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 \
        libxkbcommon-x11-0
    DISPLAY=":$((90 + RANDOM % 100))"
    XDG_RUNTIME_DIR=$(mktemp -d)
    Xvfb "$DISPLAY" -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 &
    DISPLAY_PID=$!
    for _ in $(seq 50); do
        [[ -e "/tmp/.X11-unix/X${DISPLAY#:}" ]] && break
        sleep 0.1
    done
    export DISPLAY XDG_RUNTIME_DIR WAYLAND_DISPLAY= VK_ICD_FILENAMES=/usr/share/vulkan/icd.d/lvp_icd.x86_64.json
}

stop_display() {
    kill "${DISPLAY_PID:-}" 2>/dev/null || true
    rm -rf "${XDG_RUNTIME_DIR:-/nonexistent}"
}
