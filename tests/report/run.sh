#!/usr/bin/env bash
# The report tier: a class of five bots in five scripts runs a drill on a real server (an
# inspection, doors, tools, a finding); the drill's HTML report (`report --format html`) is then
# opened in headless Chromium (Debian's `chromium`, installed here if missing), which writes a
# screenshot of its first page and prints it to PDF. The page's parsing and escaping are
# checked by the e2e tests; this shows what a centre prints.
#
# Writes target/report/drill-report.html, report-first-page.png and drill-report.pdf.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-noto-core fonts-noto-cjk
fi

cargo build -q --bin crossdock-server --bin crossdock-headset
out="$PWD/target/report"
data="$(mktemp -d)"
mkdir -p "$out"
port=$((20000 + RANDOM % 20000))
target/debug/crossdock-server --data-dir "$data" --listen "127.0.0.1:$port" --metrics off --scenario false-wall-20ft &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 100); do
    [ -s "$data/invites/trainee.txt" ] && break
    sleep 0.2
done
target/debug/crossdock-headset bot --invite "@$data/invites/trainee.txt" --count 5 --seconds 30 \
    --names "Siti Nurhaliza,สมชาย ใจดี,김민준,王伟,Nguyễn Văn An" --administrations MY,TH,KR,CN,VN
kill "$server"
wait "$server" || true

target/debug/crossdock-server report --data-dir "$data" --format html --locale "${REPORT_LOCALE:-en}" >"$out/drill-report.html"
chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$data/chromium")
"${chrome[@]}" --window-size=1240,1754 --screenshot="$out/report-first-page.png" "file://$out/drill-report.html" 2>/dev/null
"${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$out/drill-report.pdf" "file://$out/drill-report.html" 2>/dev/null
for f in drill-report.html report-first-page.png drill-report.pdf; do
    [ -s "$out/$f" ] || { echo "report tier: $f was not written" >&2; exit 1; }
done
grep -q "<polyline" "$out/drill-report.html" || { echo "report tier: no trail in the report" >&2; exit 1; }
echo "report tier: $(wc -c <"$out/drill-report.html") bytes of HTML, $(wc -c <"$out/drill-report.pdf") bytes of PDF, screenshot $out/report-first-page.png"
