#!/usr/bin/env bash
# The voice CI tier: real Opus end to end. Installs cmake (the `opus` crate builds libopus from
# its bundled source with it) and the ALSA headers (audio devices through cpal), then:
#   1. the client's voice unit tests with the codec and devices (no sound card here: the
#      device test checks the error says what to do);
#   2. tests/tests/voice.rs: a recorded briefing through the impairment relay on hotel Wi-Fi,
#      scored against the source, mouth-to-ear latency measured per frame; bots speaking and
#      recording WAV files;
#   3. the voice benchmark: bandwidth and quality per bitrate, relay cost against raw quinn.
set -euo pipefail
cd "$(dirname "$0")/../.."

packages=(cmake pkg-config libasound2-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    if [[ $EUID -ne 0 ]]; then
        echo "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run this as root" >&2
        exit 1
    fi
    echo "== installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== voice unit tests (codec, devices)"
cargo test -p crossdock-headset --features audio-devices
echo "== voice end to end"
cargo test --release -p crossdock-tests --features voice --test voice -- --nocapture --test-threads 1
echo "== voice benchmark"
cargo bench -p crossdock-tests --features voice --bench voice
