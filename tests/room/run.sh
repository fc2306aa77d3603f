#!/usr/bin/env bash
# The browser room tier: the wasm client (headset-client/web/build.sh, Debian's rustc-web) in
# Debian's headless Chromium, driven by playwright-core (npm, pinned in tests/web's lock file).
# A real server serving the bundle, five bots named in five scripts, and tests/room/drive.mjs:
# an observer opens the room from its invite link in a desktop browser, draws frames of the
# room on WebGL2 (SwiftShader), sees the bots move, follows one, and its mirror's world hash
# matches the server's; then a trainee opens their link in an emulated Quest 3 (npm iwer, pinned
# in tests/web's lock file), enters VR, submits 300 frames of two views, grabs a carton with the
# right controller's grip and carries it, and the observer sees it move.
#
# Writes target/room-tier/observer-overview.png, observer-follow.png, headset-eyes.png,
# status.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/packages.sh
source tests/lib/packages.sh
need_packages chromium
command -v node >/dev/null && command -v npm >/dev/null || need_packages nodejs npm
(cd tests/web && npm ci --no-audit --no-fund --loglevel=error)

headset-client/web/build.sh target/room
cargo build -q --bin crossdock-server --bin crossdock-headset
out="$PWD/target/room-tier"
data="$(mktemp -d)"
mkdir -p "$out"
port=$((20000 + RANDOM % 20000))
CROSSDOCK_ROOM_BUNDLE="$PWD/target/room" target/debug/crossdock-server --data-dir "$data" \
    --listen "127.0.0.1:$port" --metrics off --scenario false-wall-20ft &
server=$!
bots=""
trap 'kill $server $bots 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 100); do
    [ -s "$data/invites/room-observer.txt" ] && break
    sleep 0.2
done
observer="$(cat "$data/invites/room-observer.txt")&view=overview&name=ผู้สังเกตการณ์"

target/debug/crossdock-headset bot --invite "@$data/invites/trainee.txt" --count 5 --seconds 60 \
    --names "สมชาย ใจดี,김민준,王伟,Nguyễn Văn An,山田太郎" --administrations TH,KR,CN,VN,JP \
    >"$out/bots.json" &
bots=$!
trainee="$(cat "$data/invites/room-trainee.txt")&name=Nguyễn Thị Lan"
NODE_PATH="$PWD/tests/web/node_modules" node tests/room/drive.mjs "$observer" "$trainee" "$out"
wait "$bots"
bots=""
# The budgets, side by side: the browser's figures (status.json) and the native bots' own
# (bots.json) from the same run.
node -e '
    const fs = require("fs");
    const s = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const b = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    const kib = (n) => `${Math.round(n / 1024)} KiB`;
    console.log(`room budgets: first load ${kib(s.firstLoadBytes)} over the wire (budget 3 MB; the CJK font, when needed, ${kib(s.cjkFontBytes)} more), link to first frame ${s.firstFrameMs} ms on 20 Mbit/s with 50 ms RTT (budget 10 s)`);
    console.log(`room budgets: per eye ${s.headset.triangles} triangles, ${s.headset.draws} draws (Quest 3 budget ~150k triangles, 100 draws); desktop view ${s.observer.triangles} triangles, ${s.observer.draws} draws`);
    console.log(`room budgets: pose latency p50/p99: browser observer ${s.observer.poseP50Ms}/${s.observer.poseP99Ms} ms, native bots ${b.pose_latency_ms.p50.toFixed(1)}/${b.pose_latency_ms.p99.toFixed(1)} ms`);
' "$out/status.json" "$out/bots.json"
echo "room tier: passed; screenshots in $out"
