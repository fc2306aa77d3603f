#!/usr/bin/env bash
# The server CPU A/B: builds the previous main's crossdock-server (BASE, by default d6c4bbc, main
# before the CPU work of issue 30) and this tree's, both in release, then runs
# `tests/benches/server_ab.rs` on them: 16, 32 and 64 working bots, alternating rounds.
#
#   tests/benches/server_ab.sh [BASE] [ROUNDS] [COUNTS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
base="${1:-d6c4bbc}"
shift || true
out="$PWD/target/server-ab"
mkdir -p "$out"
old="$(mktemp -d)"
trap 'git worktree remove --force "$old/tree" 2>/dev/null || true; rm -rf "$old"' EXIT
git worktree add --quiet --detach "$old/tree" "$base"
# Its own target dir: in a shared one, cargo would take the old tree's build of a workspace
# crate as fresh for this tree's (same package, same hash, files older than the build).
echo "building the previous server ($base) in release..."
(cd "$old/tree" && CARGO_TARGET_DIR="$out/old-target" cargo build -q --release --bin crossdock-server)
cp "$out/old-target/release/crossdock-server" "$out/old-server"
echo "building this server in release..."
cargo build -q --release --bin crossdock-server
cp target/release/crossdock-server "$out/new-server"
cargo bench -q -p crossdock-tests --bench server_ab -- "$out/old-server" "$out/new-server" "$@"
