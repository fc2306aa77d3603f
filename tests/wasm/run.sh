#!/usr/bin/env bash
# The wasm tier: the crates the browser client is built from (the client core without its
# native network, the interface, the renderer on WebGL2) compile for wasm32-unknown-unknown with
# Debian's own toolchain for the web (rustc-web; rustup here cannot add targets), so nothing
# native-only creeps into them. The first step of the browser room (issue 25); the bundle and
# its page come next.
#
# Debian's cargo and rustc are called by their full paths: the workspace's own toolchain stays
# the one on PATH for everything else. Output in target/wasm (a build of std included).
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/packages.sh
source tests/lib/packages.sh
need_packages rustc-web cargo-web rust-web-src lld-22

start=$SECONDS
RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo build --locked \
    --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort --target-dir target/wasm \
    -p crossdock-client --no-default-features \
    -p crossdock-ui \
    -p crossdock-render --features crossdock-render/webgl
echo "wasm tier: crossdock-client, crossdock-ui and crossdock-render build for wasm32 ($((SECONDS - start)) s, $(/usr/bin/rustc --version))"
