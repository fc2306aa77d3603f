#!/usr/bin/env bash
# The art tier: renders the container offscreen on the software Vulkan driver (lavapipe) and
# reads its numbers back with tesseract; checks that a false wall's welds are drawn, and that a
# phrase said over a trainee reads back in Thai, Korean, Chinese and Vietnamese. Installs what
# it needs from Debian: tesseract-ocr (its English, Thai, Korean, Chinese and Vietnamese data)
# and mesa's Vulkan drivers.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v tesseract >/dev/null || need+=(tesseract-ocr tesseract-ocr-eng)
# A phrase is read back in each script by its own language's data.
for lang in tha kor chi-sim vie; do
    dpkg-query -W -f='${Status}' "tesseract-ocr-$lang" 2>/dev/null | grep -q "install ok installed" || need+=("tesseract-ocr-$lang")
done
[ -e /usr/share/vulkan/icd.d/lvp_icd.x86_64.json ] || need+=(mesa-vulkan-drivers)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

export VK_ICD_FILENAMES=/usr/share/vulkan/icd.d/lvp_icd.x86_64.json
export CROSSDOCK_ART_OUT="${CROSSDOCK_ART_OUT:-$PWD/target/art}"
cargo test -p crossdock-tests --features gpu --test art -- --ignored --test-threads 1 --nocapture
