#!/usr/bin/env bash
# The web tier: the browser console in Debian's headless Chromium (installed here if missing),
# driven by playwright-core (npm, pinned by package-lock.json). A real server, five bots in five
# scripts (one with a hostile name), and tests/web/drive.mjs: an instructor logs in with the
# console link, sees the bots move on the map, pauses (the bots see it), mutes a trainee, prints
# the invites sheet and opens a report; an observer cannot pause. The bots' report must then
# say each of them saw the pause and one was muted.
#
# Writes target/web/console-live.png, console-invites.png, console-class.png, console-report.png,
# invites.pdf.
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
echo "web tier: screenshots in $out"
