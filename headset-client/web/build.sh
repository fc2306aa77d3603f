#!/usr/bin/env bash
# Builds the browser client: crossdock-web for wasm32 with Debian's own toolchain for the web
# (rustc-web; no other Rust toolchain is needed for the wasm itself), then its JavaScript glue
# with wasm-bindgen (the CLI at the same version as the crate, built once with cargo), into
# target/room/, which the server serves at https://SERVER/room (its `room_bundle` setting).
# Compressed copies (.gz) go beside each file; the server sends them to browsers that take gzip.
#
# Usage: headset-client/web/build.sh [OUT_DIR]     (default target/room)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-target/room}"

# shellcheck source=../../tests/lib/packages.sh
source tests/lib/packages.sh
need_packages rustc-web cargo-web rust-web-src lld-22

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
    echo "building wasm-bindgen $version (once, about two minutes)..."
    cargo install --quiet wasm-bindgen-cli --version "$version"
fi

start=$SECONDS
echo "building the browser client (crossdock-web) for wasm32 with $(/usr/bin/rustc --version)..."
RUSTFLAGS="--cfg=web_sys_unstable_apis" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo build --locked \
    --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort --target-dir target/wasm \
    --profile web -p crossdock-web

mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
    target/wasm/wasm32-unknown-unknown/web/crossdock_web.wasm
cp headset-client/ui/fonts/NotoSansCJK-subset.otf headset-client/ui/fonts/OFL.txt "$out/"
for f in "$out"/crossdock_web_bg.wasm "$out"/crossdock_web.js "$out"/NotoSansCJK-subset.otf; do
    gzip -9 -k -f "$f"
done
wasm=$(stat -c %s "$out/crossdock_web_bg.wasm")
gz=$(( $(stat -c %s "$out/crossdock_web_bg.wasm.gz") + $(stat -c %s "$out/crossdock_web.js.gz") ))
echo "browser client built in $((SECONDS - start)) s into $out: wasm $((wasm / 1024)) KiB, first load $((gz / 1024)) KiB gzip (the CJK font, fetched only when needed, not counted)"
