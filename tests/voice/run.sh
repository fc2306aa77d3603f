#!/usr/bin/env bash
# The voice CI tier: real Opus end to end. Installs cmake (the `opus` crate builds libopus from
# its bundled source with it) and the ALSA headers (audio devices through cpal), then:
#   1. the client's voice unit tests with the codec and devices (no sound card here: the
#      device test checks the error says what to do);
#   2. tests/tests/voice.rs: a recorded briefing through the impairment relay on hotel Wi-Fi,
#      scored against the source, mouth-to-ear latency measured per frame; bots speaking and
#      recording WAV files;
#   3. with --bench, the voice benchmark: bandwidth and quality per bitrate, relay cost against
#      raw quinn (in release; CI leaves it out: a release build does not fit its time).
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/packages.sh
source tests/lib/packages.sh
need_packages cmake pkg-config libasound2-dev

echo "== voice unit tests (codec, devices)"
cargo test -p crossdock-voice --features devices
echo "== voice end to end"
cargo test --workspace --features crossdock-tests/voice --test voice -- --nocapture --test-threads 1
if [[ "${1:-}" == --bench ]]; then
    echo "== voice benchmark"
    cargo bench -p crossdock-tests --features voice --bench voice
fi
