#!/usr/bin/env python3
"""Crossdock's speech worker: live captions from the voice frames the server relays.

The server starts this process (`captions_worker` in its configuration) and talks to it over
stdin and stdout, one JSON object per line (the protocol is in `protocol/PROTOCOL.md`, "Live
captions"):

  in:  {"t": "frame", "stream": "default/7", "seq": 120, "language": "ko", "opus": "<base64>"}
  out: {"stream": "default/7", "segment": 3, "text": "...", "final": false}
       {"stream": "default/7", "segment": 3, "text": "...", "final": true, "audio_ms": 2140, "took_ms": 380}
       {"ready": true, "model": "...", "device": "cpu"}  (once, when the model is loaded)
       {"error": "..."}                                   (a line the worker could not use)

A stream is one speaker's voice (`SESSION/PARTICIPANT`, echoed back as it came). Frames are Opus, 48 kHz mono, 20 ms, decoded here with PyAV's
(FFmpeg's) decoder and resampled to the 16 kHz Whisper hears. A segment ends after
SILENCE_MS without frames (the speaker stopped), or of quiet frames after speech (a microphone
held open), or at MAX_SEGMENT_S; a segment that never rose above the quiet is dropped unheard; it is then transcribed
once more and sent as final. While it grows, a partial transcription goes out every
PARTIAL_EVERY_S of new audio, only when the recogniser is idle, so partials never queue up
behind finals. The recognition language is the speaker's (their locale), never detected:
detection on short or synthetic speech picks the wrong language and loops.

Recognition is faster-whisper (CTranslate2) with the model directory given by --model (the
multilingual Whisper base from PyPI by default, see deploy/captions/install.sh; a larger model
or --device cuda where the centre has one). Silero voice activity filtering drops noise, and
decoding is capped per segment, so room noise gives no caption and a bad segment cannot stall.
"""

import argparse
import base64
import json
import queue
import sys
import threading
import time

import av
import numpy as np
from faster_whisper import WhisperModel

SILENCE_MS = 500
# Quieter than this (RMS, full scale 1) is a pause: a microphone held open (push-to-talk held,
# room noise) still has its segments cut where the speaker pauses.
QUIET_RMS = 0.01
# Quiet audio kept before speech starts, so a soft first syllable is heard.
PRE_ROLL_MS = 400
MAX_SEGMENT_S = 20.0
PARTIAL_EVERY_S = 1.0
MAX_LINE = 8192
# Interface locales to Whisper's language codes.
LANGUAGES = {"zh-Hans": "zh", "zh-Hant": "zh", "zh": "zh"}


def whisper_language(locale):
    """Whisper's code for a locale (`th-TH` -> `th`, `zh-Hans` -> `zh`)."""
    return LANGUAGES.get(locale) or locale.split("-")[0].lower()


def say(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class Stream:
    """One speaker's voice: a decoder, and the segment being heard."""

    def __init__(self, language):
        self.language = language
        self.decoder = av.CodecContext.create("opus", "r")
        self.decoder.sample_rate = 48000
        self.decoder.layout = "mono"
        self.resampler = av.AudioResampler(format="flt", layout="mono", rate=16000)
        self.audio = []
        self.samples = 0
        self.segment = 0
        self.last_frame = 0.0
        self.partial_at = 0
        self.quiet_ms = 0.0
        self.voiced = False
        self.pre = []
        self.next_seq = None

    def push(self, seq, payload):
        # Frames lost on the way leave their 20 ms as silence (time keeps its shape); a late or
        # repeated frame is dropped. A gap of over a second is a new stretch of speech.
        gap = 0 if self.next_seq is None else (seq - self.next_seq) % 65536
        if gap >= 32768:
            return
        self.next_seq = (seq + 1) % 65536
        if 0 < gap <= 50 and self.voiced:
            lost = np.zeros(320 * gap, np.float32)
            self.audio.append(lost)
            self.samples += len(lost)
        for frame in self.decoder.decode(av.Packet(payload)):
            for out in self.resampler.resample(frame):
                pcm = out.to_ndarray().reshape(-1).astype(np.float32)
                if not len(pcm):
                    continue
                if float(np.sqrt(np.mean(pcm * pcm))) < QUIET_RMS:
                    self.quiet_ms += len(pcm) / 16
                    if not self.voiced:
                        self.pre.append(pcm)
                        while sum(len(p) for p in self.pre) > 16 * PRE_ROLL_MS:
                            self.pre.pop(0)
                        continue
                else:
                    if not self.voiced:
                        self.audio, self.samples = list(self.pre), sum(len(p) for p in self.pre)
                        self.pre = []
                    self.quiet_ms, self.voiced = 0.0, True
                self.audio.append(pcm)
                self.samples += len(pcm)

    def take(self):
        audio = np.concatenate(self.audio) if self.audio else np.zeros(0, np.float32)
        self.audio, self.samples, self.partial_at = [], 0, 0
        self.quiet_ms, self.voiced = 0.0, False
        self.segment += 1
        return self.segment, audio

    def peek(self):
        return np.concatenate(self.audio) if self.audio else np.zeros(0, np.float32)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="a CTranslate2 Whisper model directory")
    parser.add_argument("--device", default="cpu", help="cpu, cuda or auto")
    parser.add_argument("--compute-type", default="int8", help="int8 on CPUs, float16 on GPUs")
    parser.add_argument("--threads", type=int, default=2, help="CPU threads for recognition")
    args = parser.parse_args()

    model = WhisperModel(args.model, device=args.device, compute_type=args.compute_type, cpu_threads=args.threads)
    streams = {}
    lock = threading.Lock()
    jobs = queue.Queue()
    busy = threading.Event()

    def recognise(audio, language, final):
        # Partials are greedy (fast, replaced anyway); a final text gets a beam search.
        segments, _ = model.transcribe(
            audio,
            language=whisper_language(language),
            beam_size=5 if final else 1,
            vad_filter=True,
            condition_on_previous_text=False,
            without_timestamps=True,
            max_new_tokens=96,
            temperature=0.0,
            # A lossy stretch can send the decoder round a loop ("I hate this. I hate this.").
            no_repeat_ngram_size=3,
        )
        return " ".join(s.text.strip() for s in segments).strip()

    def recogniser():
        while True:
            stream, segment, audio, language, final = jobs.get()
            busy.set()
            started = time.monotonic()
            try:
                text = recognise(audio, language, final) if len(audio) >= 16000 * 0.3 else ""
            except Exception as e:  # a segment that fails must not end the captions
                say({"error": f"recognition failed: {e}"})
                text = ""
            took = int((time.monotonic() - started) * 1000)
            if text or final:
                say({"stream": stream, "segment": segment, "text": text, "final": final,
                     "audio_ms": int(len(audio) / 16), "took_ms": took})
            if jobs.empty():
                busy.clear()

    def segmenter():
        while True:
            time.sleep(0.05)
            now = time.monotonic()
            with lock:
                for key, s in streams.items():
                    if not s.samples:
                        continue
                    ended = (
                        (now - s.last_frame) * 1000 >= SILENCE_MS
                        or s.quiet_ms >= SILENCE_MS
                        or s.samples >= 16000 * MAX_SEGMENT_S
                    )
                    if ended:
                        segment, audio = s.take()
                        jobs.put((key, segment, audio, s.language, True))
                    elif s.samples - s.partial_at >= 16000 * PARTIAL_EVERY_S and not busy.is_set() and jobs.empty():
                        s.partial_at = s.samples
                        jobs.put((key, s.segment + 1, s.peek(), s.language, False))

    threading.Thread(target=recogniser, daemon=True).start()
    threading.Thread(target=segmenter, daemon=True).start()
    say({"ready": True, "model": args.model, "device": args.device})

    for line in sys.stdin:
        if len(line) > MAX_LINE:
            say({"error": "line over 8 KiB ignored"})
            continue
        try:
            msg = json.loads(line)
            if msg.get("t") != "frame":
                continue
            key, language = str(msg["stream"])[:200], str(msg["language"])[:16]
            payload = base64.b64decode(msg["opus"], validate=True)
            if not 0 < len(payload) <= 400:
                raise ValueError("an Opus packet of 1 to 400 bytes")
            with lock:
                s = streams.get(key)
                if s is None or s.language != language:
                    s = streams[key] = Stream(language)
                s.push(int(msg["seq"]) % 65536, payload)
                s.last_frame = time.monotonic()
        except Exception as e:  # hostile or damaged input: say so, keep going
            say({"error": f"bad frame: {e}"})


if __name__ == "__main__":
    main()
