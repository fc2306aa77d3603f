#!/usr/bin/env bash
# The web tier: the browser console in Debian's headless Chromium (installed here if missing),
# driven by playwright-core (npm, pinned by package-lock.json). A real server, five bots in five
# scripts (one with a hostile name), and tests/web/drive.mjs: an instructor logs in with the
# console link, sees the bots move on the map, pauses (the bots see it), mutes a trainee, prints
# the invites sheet and opens a report; an observer cannot pause. The bots' report must then
# say each of them saw the pause and one was muted.
#
# Then tests/web/editor.mjs builds a scenario in the console's editor (six pallets, a false wall
# with welds, two manifest lines), sees a misplaced pallet refused beside its field, tries it with
# a bot and saves it; the saved file runs on a fresh server, where a bot's report finds the
# concealment.
#
# Writes target/web/console-live.png, console-invites.png, console-class.png, console-report.png,
# invites.pdf, editor.png, editor-problem.png, walled-van.toml.
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/packages.sh
source tests/lib/packages.sh
# shellcheck source=../lib/server.sh
source tests/lib/server.sh
need_packages chromium fonts-noto-core fonts-noto-cjk
command -v node >/dev/null && command -v npm >/dev/null || need_packages nodejs npm
(cd tests/web && npm ci --no-audit --no-fund --loglevel=error)

cargo build -q --bin crossdock-server --bin crossdock-headset
out="$PWD/target/web"
mkdir -p "$out"
bots=""
trap 'kill $bots 2>/dev/null || true; stop_server' EXIT
start_server
data="$SERVER_DATA"
port="$SERVER_PORT"
observer="https://127.0.0.1:$port/#token=$(sed 's/.*token=//' "$data/invites/observer.txt")"

target/debug/crossdock-headset bot --invite "@$data/invites/trainee.txt" --count 5 --seconds 60 \
    --names "สมชาย ใจดี,김민준,王伟,<img src=x onerror=alert(1)>,Nguyễn Văn An" --administrations TH,KR,CN,ID,VN \
    >"$out/bots.json" &
bots=$!
node tests/web/drive.mjs "$(cat "$data/invites/console.txt")" "$observer" "$out"
wait "$bots"
bots=""
cat "$out/bots.json"
node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    if (r.joined !== 5 || r.saw_paused !== 5 || r.saw_muted !== 1) {
        console.error(`web tier: the bots did not see the console: ${JSON.stringify(r)}`);
        process.exit(1);
    }
    console.log("web tier: ok: all 5 bots saw the pause, 1 saw itself muted");
' "$out/bots.json"

# The scenario editor: a drill built in the console, tried with a bot, saved into the library.
node tests/web/editor.mjs "$(cat "$data/invites/console.txt")" "$PWD/target/debug/crossdock-headset" \
    "$data/invites/trainee.txt" "$out"
saved="$out/walled-van.toml"
cp "$data/scenarios/walled-van.toml" "$saved"
stop_server
# The saved file on a fresh server: a bot inspects it, and its report finds the concealment.
SERVER_SCENARIO="$saved" start_server
target/debug/crossdock-headset bot --invite "@$SERVER_DATA/invites/trainee.txt" --count 1 --seconds 8 >/dev/null
target/debug/crossdock-server --data-dir "$SERVER_DATA" report --format json >"$out/editor-report.json"
node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const hits = r.trainees.flatMap((t) => t.hits.map((h) => h.concealment));
    if (r.scenario !== "walled-van" || !hits.includes("FW1")) {
        console.error(`web tier: the saved scenario did not run as built: ${r.scenario}, hits ${JSON.stringify(hits)}`);
        process.exit(1);
    }
    console.log(`web tier: ok: the saved walled-van loads on a fresh server and the bot found FW1 (${r.trainees.length} trainee)`);
' "$out/editor-report.json"
echo "web tier: screenshots in $out"
