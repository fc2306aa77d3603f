#!/usr/bin/env bash
# The browser room tier: the wasm client (headset-client/web/build.sh, Debian's rustc-web) in
# Debian's headless Chromium, driven by playwright-core (npm, pinned in tests/web's lock file).
# A real server serving the bundle, five bots named in five scripts, and tests/room/drive.mjs:
# an observer opens the room from its invite link in a desktop browser, draws frames of the
# room on WebGL2 (SwiftShader), sees the bots move, follows one, and its mirror's world hash
# matches the server's; then a trainee opens their link in an emulated Quest 3 (npm iwer, pinned
# in tests/web's lock file), enters VR, submits 300 frames of two views, grabs a carton with the
# right controller's grip and carries it, and the observer sees it move; last, the instructor's
# console makes an invites sheet and one of its six-digit codes, typed on the room page, opens
# the room, whose side panel takes a click.
#
# The frame-time budget: the native desktop window (lavapipe, under Xvfb) draws the same
# scenario from the same overview at the same size, just before the browser does; the ratio is
# printed with the other budgets.
#
# Writes target/room-tier/observer-overview.png, observer-follow.png, headset-eyes.png,
# trainee-panel.png, status.json, native.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/display.sh
source tests/lib/display.sh
# shellcheck source=../lib/server.sh
source tests/lib/server.sh
need_packages chromium
command -v node >/dev/null && command -v npm >/dev/null || need_packages nodejs npm
(cd tests/web && npm ci --no-audit --no-fund --loglevel=error)

headset-client/web/build.sh target/room
cargo build -q --bin crossdock-server --bin crossdock-headset
out="$PWD/target/room-tier"
mkdir -p "$out"
bots=""
trap 'kill $bots 2>/dev/null || true; stop_server; stop_display' EXIT
start_display
CROSSDOCK_ROOM_BUNDLE="$PWD/target/room" start_server
data="$SERVER_DATA"
observer="$(cat "$data/invites/room-observer.txt")&view=overview&name=ผู้สังเกตการณ์"

# The bots move for the first part (the observer's and the headset's); SIGTERM ends them sooner
# if the browser is done first (they still print their figures).
target/debug/crossdock-headset bot --invite "@$data/invites/trainee.txt" --count 5 --seconds 100 \
    --names "สมชาย ใจดี,김민준,王伟,Nguyễn Văn An,山田太郎" --administrations TH,KR,CN,VN,JP \
    >"$out/bots.json" &
bots=$!
trainee="$(cat "$data/invites/room-trainee.txt")&name=Nguyễn Thị Lan"
# The native renderer's frame time, the same scenario and view at the same size, the bots moving.
target/debug/crossdock-headset desktop --invite "@$data/invites/observer.txt" --name "ผู้สังเกตการณ์" \
    --view overview --size 1280x720 --seconds 12 --language th >"$out/native.json"
NODE_PATH="$PWD/tests/web/node_modules" node tests/room/drive.mjs "$observer" "$trainee" \
    "$(cat "$data/invites/console.txt")" "$out"
kill -TERM "$bots" 2>/dev/null || true
wait "$bots"
bots=""
# The budgets, side by side: the browser's figures (status.json) and the native bots' own
# (bots.json) from the same run.
node -e '
    const fs = require("fs");
    const s = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const b = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    const n = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
    const kib = (n) => `${Math.round(n / 1024)} KiB`;
    console.log(`room budgets: first load ${kib(s.firstLoadBytes)} over the wire (budget 3 MB; the CJK font, when needed, ${kib(s.cjkFontBytes)} more), link to first frame ${s.firstFrameMs} ms on 20 Mbit/s with 50 ms RTT (budget 10 s)`);
    console.log(`room budgets: per eye ${s.headset.triangles} triangles, ${s.headset.draws} draws (Quest 3 budget ~150k triangles, 100 draws); desktop view ${s.observer.triangles} triangles, ${s.observer.draws} draws`);
    console.log(`room budgets: pose latency p50/p99: browser observer ${s.observer.poseP50Ms}/${s.observer.poseP99Ms} ms, native bots ${b.pose_latency_ms.p50.toFixed(1)}/${b.pose_latency_ms.p99.toFixed(1)} ms`);
    console.log(`room budgets: frame time, overview at 1280x720 with the side panel: browser on SwiftShader (WebGL2) ${s.overviewFrameMs.toFixed(1)} ms, native window on lavapipe (${n.adapter}, a dev build) ${n.frame_ms_mean.toFixed(1)} ms: ratio ${(s.overviewFrameMs / n.frame_ms_mean).toFixed(2)}`);
' "$out/status.json" "$out/bots.json" "$out/native.json"
echo "room tier: passed; screenshots in $out"
