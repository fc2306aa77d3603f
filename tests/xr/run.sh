#!/usr/bin/env bash
# The headset CI tier: `crossdock-headset xr` on a real OpenXR runtime (Monado, simulated
# headset, null compositor, software Vulkan) in a drill with a bot; see tests/tests/xr.rs for
# what must hold. Needs root (debootstrap, chroot, mounts). The screenshot lands in
# target/xr/headset-left-eye.png.
#
#   tests/xr/run.sh          # prepares the runtime root on first use (a few minutes), then runs
set -euo pipefail
cd "$(dirname "$0")/../.."

root=$(tests/xr/setup-runtime.sh | tail -1)
# The binary the README's test command builds (a no-op after it in CI): one dev build serves
# every tier, a second (release) build of every dependency does not fit CI's time.
cargo test --workspace --no-run
cargo test --workspace --features crossdock-tests/gpu --no-run

mounted=()
cleanup() {
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
for m in proc sys dev; do
    if ! mountpoint -q "$root/$m"; then
        if [[ $m == proc ]]; then mount -t proc proc "$root/proc"; else mount --rbind "/$m" "$root/$m"; fi
        mounted+=("$root/$m")
    fi
done

CROSSDOCK_XR_ROOT="$root" \
CROSSDOCK_HEADSET_BIN="$PWD/target/debug/crossdock-headset" \
CROSSDOCK_XR_OUT="$PWD/target/xr" \
    cargo test --workspace --features crossdock-tests/gpu --test xr -- --ignored --nocapture --test-threads 1
