#!/usr/bin/env bash
# Prepares a real OpenXR runtime without a headset: Monado (Debian 13 "trixie") with its
# simulated headset and null compositor, and software Vulkan (lavapipe), in a debootstrap root.
# Debian 12 has no Monado, and trixie's needs a newer glibc, hence the chroot. Binaries built
# here run inside it. Idempotent: a prepared root is reused; prints the root's path last.
#
#   tests/xr/setup-runtime.sh [ROOT]     # default: $CROSSDOCK_XR_ROOT or ~/.cache/crossdock/xr-root
set -euo pipefail

root="${1:-${CROSSDOCK_XR_ROOT:-$HOME/.cache/crossdock/xr-root}}"
packages=(monado-service libopenxr1-monado libopenxr-loader1 libopenxr-utils mesa-vulkan-drivers libvulkan1)
stamp="$root/.crossdock-ready"

if [[ -f "$stamp" ]] && [[ "$(cat "$stamp")" == "${packages[*]}" ]]; then
    echo "$root"
    exit 0
fi
if [[ $EUID -ne 0 ]]; then
    echo "setting up the OpenXR runtime needs root (debootstrap and chroot); run it with sudo" >&2
    exit 1
fi
if ! command -v debootstrap >/dev/null; then
    echo "== installing debootstrap" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2
fi
echo "== debootstrap trixie into $root (about 1 GB, a few minutes)" >&2
rm -rf "$root"
mkdir -p "$root"
include=$(IFS=,; echo "${packages[*]}")
debootstrap --variant=minbase --include="$include" trixie "$root" >&2
echo "${packages[*]}" > "$stamp"
echo "$root"
