#!/usr/bin/env bash
# Builds the browser client: crossdock-web for wasm32 with Debian's own toolchain for the web
# (rustc-web; no other Rust toolchain is needed for the wasm itself), then its JavaScript glue
# with wasm-bindgen (the CLI at the same version as the crate, built once with cargo), shrunk by
# binaryen's wasm-opt, into target/room/, which the server serves at https://SERVER/room (its
# `room_bundle` setting). Compressed copies (.br, .gz) go beside each file; the server sends the
# smallest one the browser takes.
#
# Usage: headset-client/web/build.sh [OUT_DIR]     (default target/room)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-target/room}"

# shellcheck source=../../tests/lib/packages.sh
source tests/lib/packages.sh
need_packages rustc-web cargo-web rust-web-src rust-web-llvm lld-22 binaryen brotli

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
built=target/wasm/wasm32-unknown-unknown/web/crossdock_web.wasm
raw=$(stat -c %s "$built")
# Shrunk before wasm-bindgen sees it (Debian's binaryen predates the externref table
# wasm-bindgen makes); told of the features rustc-web's wasm32 target turns on by default.
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-mutable-globals --enable-multivalue "$built" -o target/wasm/crossdock_web.opt.wasm
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name crossdock_web target/wasm/crossdock_web.opt.wasm
cp headset-client/ui/fonts/NotoSansCJK-subset.otf headset-client/ui/fonts/OFL.txt "$out/"
for f in "$out"/crossdock_web_bg.wasm "$out"/crossdock_web.js "$out"/NotoSansCJK-subset.otf; do
    gzip -9 -k -f "$f"
    brotli -q 11 -k -f "$f"
done
wasm=$(stat -c %s "$out/crossdock_web_bg.wasm")
br=$(( $(stat -c %s "$out/crossdock_web_bg.wasm.br") + $(stat -c %s "$out/crossdock_web.js.br") ))
gz=$(( $(stat -c %s "$out/crossdock_web_bg.wasm.gz") + $(stat -c %s "$out/crossdock_web.js.gz") ))
echo "browser client built in $((SECONDS - start)) s into $out: wasm $((raw / 1024)) KiB, $((wasm / 1024)) KiB after wasm-opt; first load $((br / 1024)) KiB brotli, $((gz / 1024)) KiB gzip (the CJK font, fetched only when needed, not counted)"
