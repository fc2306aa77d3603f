#!/usr/bin/env bash
# The server's scaling figures for deploy/README.md's fleet sizing: builds crossdock-server in
# release and runs `tests/benches/server_scale.rs` on it (16, 64 and 256 participants in
# sessions of 16, unless COUNTS are given).
#
#   tests/benches/server_scale.sh [COUNTS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q --release --bin crossdock-server
cargo bench -q -p crossdock-tests --bench server_scale -- "$PWD/target/release/crossdock-server" "$@"
