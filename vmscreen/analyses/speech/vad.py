"""Where a signal holds speech: Silero VAD (MIT) through onnxruntime, and Silero's own rule for
turning its per-frame probabilities into speech segments.

The weights are ``silero_vad_16k_sequence.onnx`` from the silero-vad 6.2.3 wheel, kept in
models/ (the package itself requires torch). It is the same network as the wheel's streaming
``silero_vad_16k_op15.onnx`` exported to take a block of frames in one call: Silero's
``sequence_vad.py`` says its probabilities are bit-exact with the streaming model's, and on
the real recordings they are (largest difference 0.0); it runs 2 to 3 times faster, because
one call covers 16 s of sound where the streaming model needs one call per 32 ms frame.

The preprocessing is Silero's, step for step: 16 kHz mono in -1..1, frames of 512 samples,
each preceded by the last 64 samples of the frame before (zeros before the first), the last
frame padded with zeros, and the LSTM state carried from one block of frames to the next. The
segment rule (``speech_spans``) is ``get_speech_timestamps_from_probs`` of Silero's
``utils_vad.py`` with its default settings, ported to numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from vmscreen.analyses.cancel import checkpoint
from vmscreen.media.audio import SPEECH_RATE
from vmscreen.models import SILERO_VAD, LazySession

FRAME = 512  # samples per probability at 16 kHz: 32 ms
CONTEXT = 64  # samples of the previous frame the model reads before each frame
BLOCK = 512  # frames per model call (16.4 s), as Silero's sequence front-end does
STATE = (1, 1, 128)

# Silero's defaults (get_speech_timestamps).
THRESHOLD = 0.5
NEG_THRESHOLD = THRESHOLD - 0.15  # where speech ends once it has started
MIN_SPEECH_MS = 250
MIN_SILENCE_MS = 100
SPEECH_PAD_MS = 30


@dataclass(frozen=True)
class SpeechSegment:
    """A stretch of speech, in seconds from the start of the track. ``probability`` is the
    model's mean speech probability over the frames inside it."""

    start: float
    end: float
    probability: float

    @property
    def duration(self) -> float:
        return self.end - self.start


class SpeechModel(Protocol):
    """Finds the speech in a 16 kHz mono signal (float32 in -1..1)."""

    def segments(self, samples: np.ndarray) -> tuple[SpeechSegment, ...]: ...


def frame_blocks(samples: np.ndarray) -> list[np.ndarray]:
    """The model's input: blocks of at most ``BLOCK`` rows of 64 context + 512 samples."""
    count = -(-len(samples) // FRAME)
    padded = np.zeros(count * FRAME, np.float32)
    padded[:len(samples)] = samples
    frames = padded.reshape(count, FRAME)
    context = np.zeros((count, CONTEXT), np.float32)
    context[1:] = frames[:-1, -CONTEXT:]
    rows = np.concatenate([context, frames], axis=1)
    return [rows[i:i + BLOCK] for i in range(0, count, BLOCK)]


def speech_spans(probs: Sequence[float] | np.ndarray, length: int) -> list[tuple[int, int]]:
    """Speech as (start, end) sample offsets, from one probability per 512-sample frame of a
    signal of ``length`` samples: Silero's get_speech_timestamps_from_probs with its defaults
    (no maximum speech duration, so its branch for cutting long speech never runs)."""
    min_speech = SPEECH_RATE * MIN_SPEECH_MS / 1000
    min_silence = SPEECH_RATE * MIN_SILENCE_MS / 1000
    pad = SPEECH_RATE * SPEECH_PAD_MS / 1000
    spans: list[list[int]] = []
    triggered, start, temp_end = False, 0, 0
    for index, prob in enumerate(probs):
        sample = FRAME * index
        if prob >= THRESHOLD and temp_end:
            temp_end = 0
        if prob >= THRESHOLD and not triggered:
            triggered, start = True, sample
            continue
        if prob < NEG_THRESHOLD and triggered:
            if not temp_end:
                temp_end = sample
            if sample - temp_end < min_silence:
                continue
            if temp_end - start > min_speech:
                spans.append([start, temp_end])
            triggered, temp_end = False, 0
    if triggered and length - start > min_speech:
        spans.append([start, length])
    # Pad each span, sharing out a gap too short for two pads between its neighbours.
    for i, span in enumerate(spans):
        if i == 0:
            span[0] = int(max(0, span[0] - pad))
        if i != len(spans) - 1:
            gap = spans[i + 1][0] - span[1]
            if gap < 2 * pad:
                span[1] += int(gap // 2)
                spans[i + 1][0] = int(max(0, spans[i + 1][0] - gap // 2))
            else:
                span[1] = int(min(length, span[1] + pad))
                spans[i + 1][0] = int(max(0, spans[i + 1][0] - pad))
        else:
            span[1] = int(min(length, span[1] + pad))
    return [(a, b) for a, b in spans]


class SileroVad:
    """Thread-safe (each call keeps its own LSTM state); the session loads on first use."""

    name = "silero_vad"

    def __init__(self, threads: int = 0) -> None:
        self._session = LazySession(SILERO_VAD, threads)

    def probabilities(self, samples: np.ndarray) -> np.ndarray:
        """The speech probability of each 32 ms frame."""
        samples = np.asarray(samples, np.float32).reshape(-1)
        if not len(samples):
            return np.zeros(0, np.float32)
        hidden, cell = np.zeros(STATE, np.float32), np.zeros(STATE, np.float32)
        out = []
        for block in frame_blocks(samples):
            checkpoint()  # between blocks of 16 s: a long track stops when its run is abandoned
            probs, hidden, cell = self._session.run(
                ["speech_probs", "hn", "cn"], {"input": block, "h": hidden, "c": cell})
            out.append(probs.reshape(-1))
        return np.concatenate(out).astype(np.float32)

    def segments(self, samples: np.ndarray) -> tuple[SpeechSegment, ...]:
        probs = self.probabilities(samples)
        found = []
        for start, end in speech_spans(probs, len(samples)):
            inside = probs[start // FRAME:max(start // FRAME + 1, -(-end // FRAME))]
            found.append(SpeechSegment(start / SPEECH_RATE, end / SPEECH_RATE,
                                       round(float(inside.mean()), 4)))
        return tuple(found)
